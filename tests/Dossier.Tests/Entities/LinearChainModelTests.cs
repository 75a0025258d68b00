using Dossier.Entities.Ner;

namespace Dossier.Tests.Entities;

public sealed class LinearChainModelTests
{
    [Fact]
    public void A_model_written_and_read_back_tags_as_the_trained_one_did()
    {
        var scheme = TagScheme.ForCount(9);
        var random = new Random(7);
        const int bits = 6;
        var weights = new float[(1 << bits) * scheme.Count];
        for (var i = 0; i < weights.Length; i++) weights[i] = i % 5 == 0 ? 0 : (float)(random.NextDouble() * 4 - 2) * (i % 3 == 0 ? 1e-5f : 1);
        var transitions = new float[(scheme.Count + 1) * scheme.Count];
        for (var i = 0; i < transitions.Length; i++) transitions[i] = (float)(random.NextDouble() - 0.5);
        var trained = new LinearChainModel(scheme, bits, weights, transitions);

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) trained.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var read = LinearChainModel.Read(reader);

        for (var n = 1; n < 40; n++)
        {
            var features = Enumerable.Range(0, n * 4).Select(_ => random.Next(1 << bits)).ToArray();
            var sentence = new SentenceFeatures(features, [.. Enumerable.Range(0, n + 1).Select(t => t * 4)]);
            Assert.Equal(trained.Decode(sentence), read.Decode(sentence));
        }
    }
}
