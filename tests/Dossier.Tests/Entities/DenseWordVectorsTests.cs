using System.Text;
using Dossier.Entities.Ner;

namespace Dossier.Tests.Entities;

public sealed class DenseWordVectorsTests
{
    // People's names point one way, places' another; "Quorvat" and "Blenheimsk" never occur in training.
    private static readonly (string Word, float[] Vector)[] Vectors =
    [
        ("alvarez", [1f, 0.1f, 0f]), ("brennan", [0.9f, 0.2f, 0.1f]), ("castillo", [1f, 0f, 0.2f]), ("quorvat", [0.95f, 0.1f, 0.1f]),
        ("lisbon", [0.1f, 1f, 0f]), ("madrid", [0.2f, 0.9f, 0.1f]), ("nairobi", [0f, 1f, 0.2f]), ("blenheimsk", [0.1f, 0.95f, 0.1f]),
    ];

    private static NerModel Train(NerFeatureSet featureSet, double vectorDropout = 0)
    {
        var conll = new StringBuilder("-DOCSTART- -X- O O\n\n");
        foreach (var (name, tag) in new[] { ("Alvarez", "I-PER"), ("Lisbon", "I-LOC"), ("Brennan", "I-PER"), ("Madrid", "I-LOC"), ("Castillo", "I-PER"), ("Nairobi", "I-LOC") })
        {
            conll.Append($"{name} {tag}\nspoke O\n. O\n\n");
        }

        var options = new NerTrainingOptions { BucketBits = 16, Epochs = 10, Seed = 1, SecondPass = false, FeatureSet = featureSet, VectorDropout = vectorDropout };
        return NerTrainer.Train(
            ConllReader.Read(new StringReader(conll.ToString())), Gazetteer.Empty, WordClusters.Empty, options, wordVectors: WordVectorTable.Create(Vectors, scale: 3));
    }

    private static string[] TagsOfUnseenNames(NerModel model)
    {
        IReadOnlyList<IReadOnlyList<string>> sentences = [["Quorvat", "spoke", "."], ["Blenheimsk", "spoke", "."]];
        return new NerTagger(model).Tag(sentences).Select(tags => NerLabels.Names[tags[0]]).ToArray();
    }

    [Fact]
    public void AnUnseenNameTakesTheTypeOfTheNamesItsVectorIsNear()
    {
        Assert.Equal(["B-PER", "B-LOC"], TagsOfUnseenNames(Train(NerFeatureSet.DenseWordVectors)));
        // Without the vectors nothing tells the two unseen names apart.
        var plain = TagsOfUnseenNames(Train(NerFeatureSet.None));
        Assert.Equal(plain[0], plain[1]);
    }

    [Fact]
    public void VectorDropoutLeavesTheVectorsOutOfTraining()
    {
        // Left out of every visit, the vectors teach nothing, and the unseen names are no longer told apart.
        var tags = TagsOfUnseenNames(Train(NerFeatureSet.DenseWordVectors, vectorDropout: 1));
        Assert.Equal(tags[0], tags[1]);
        Assert.Equal(["B-PER", "B-LOC"], TagsOfUnseenNames(Train(NerFeatureSet.DenseWordVectors, vectorDropout: 0.2)));
    }

    [Fact]
    public void ASavedModelKeepsItsVectorsAndDenseWeights()
    {
        var model = Train(NerFeatureSet.DenseWordVectors);
        using var stream = new MemoryStream();
        model.Save(stream);
        var loaded = NerModel.Load(new MemoryStream(stream.ToArray()));

        Assert.Equal(TagsOfUnseenNames(model), TagsOfUnseenNames(loaded));
        Assert.Equal(Vectors.Length, loaded.WordVectors!.Count);
        Assert.Equal(model.FirstPass.DenseWeightCount, loaded.FirstPass.DenseWeightCount);
        using var again = new MemoryStream();
        loaded.Save(again);
        Assert.Equal(stream.ToArray(), again.ToArray());
    }

    [Fact]
    public void TheTableHoldsEachWordOnceAtUnitLengthTimesTheScale()
    {
        var table = WordVectorTable.Create([("Paris", [3f, 4f]), ("paris", [1f, 0f]), ("nowhere", [0f, 0f])], scale: 2);

        Assert.Equal(1, table.Count);
        Assert.Equal(-1, table.RowOf(StableHash.OfLower("nowhere")));
        var row = table.RowOf(StableHash.OfLower("PARIS"));
        Assert.Equal([1.2f, 1.6f], table.Vector(row).ToArray(), (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void EachTokenReadsItsNeighboursVectorsAndTheCapitalisedBlocksOnlyCapitalisedWords()
    {
        var table = WordVectorTable.Create(Vectors, scale: 1);
        int Row(string word) => table.RowOf(StableHash.OfLower(word));
        IReadOnlyList<IReadOnlyList<string>> sentences = [["Lisbon", "and", "madrid"]];
        var set = NerFeatureSet.DenseWordVectors | NerFeatureSet.CapitalisedDenseWordVectors;

        var vectors = new NerFeatureExtractor(Gazetteer.Empty, WordClusters.Empty, 16, TagScheme.Iob2, set, table).Extract(sentences, null)[0].Vectors!;

        Assert.Equal(6, vectors.Slots);
        Assert.Equal(
            [-1, Row("lisbon"), -1, -1, Row("lisbon"), -1, Row("lisbon"), -1, Row("madrid"), Row("lisbon"), -1, -1, -1, Row("madrid"), -1, -1, -1, -1],
            vectors.Rows);
        Assert.Null(new NerFeatureExtractor(Gazetteer.Empty, WordClusters.Empty, 16, TagScheme.Iob2, NerFeatureSet.None, table).Extract(sentences, null)[0].Vectors);
    }

    [Fact]
    public void EachPositionWhoseWordHasNoVectorAddsAFeatureOfItsPositionAndCase()
    {
        var table = WordVectorTable.Create(Vectors, scale: 1);
        IReadOnlyList<IReadOnlyList<string>> sentences = [["Zentrix", "met", "Lisbon"]];
        int[][] Tokens(NerFeatureSet set)
        {
            var features = new NerFeatureExtractor(Gazetteer.Empty, WordClusters.Empty, 16, TagScheme.Iob2, set, table).Extract(sentences, null)[0];
            return Enumerable.Range(0, features.Length).Select(t => features.Features[features.Offsets[t]..features.Offsets[t + 1]]).ToArray();
        }

        var without = Tokens(NerFeatureSet.DenseWordVectors);
        var with = Tokens(NerFeatureSet.DenseWordVectors | NerFeatureSet.MissingVectorIndicators);
        var added = with.Select((features, t) => features.Except(without[t]).ToArray()).ToArray();

        // "Zentrix" and "met" have no vector; "Lisbon" has one, and nothing lies outside the sentence.
        Assert.Equal([2, 2, 1], added.Select(features => features.Length));
        Assert.Equal(with.Select(f => f.Length), without.Select((f, t) => f.Length + added[t].Length));
        // Position and case tell the five apart: Zentrix as the token and as the word before, met as the word after, the token
        // and the word before.
        Assert.Equal(5, added.SelectMany(features => features).Distinct().Count());
    }

    [Fact]
    public void ACapitalisedWordWithoutAVectorReadsTheMeanOfTheCapitalisedWords()
    {
        var table = WordVectorTable.Create(Vectors, scale: 2).WithCapitalisedStandIn(["Lisbon", "Madrid", "Zentrix"]);
        IReadOnlyList<IReadOnlyList<string>> sentences = [["Zentrix", "and", "zentrix", "Lisbon"]];
        int[] OwnRows(NerFeatureSet set)
        {
            var vectors = new NerFeatureExtractor(Gazetteer.Empty, WordClusters.Empty, 16, TagScheme.Iob2, set, table).Extract(sentences, null)[0].Vectors!;
            return Enumerable.Range(0, 4).Select(t => vectors.Rows[t * vectors.Slots + 1]).ToArray();
        }

        var standIn = table.CapitalisedStandInRow;
        Assert.Equal(Vectors.Length, standIn);
        // The direction of Lisbon's and Madrid's vectors averaged ("Zentrix" has none), at the length of a word's vector.
        var lisbon = table.Vector(table.RowOf(StableHash.OfLower("lisbon"))).ToArray();
        var madrid = table.Vector(table.RowOf(StableHash.OfLower("madrid"))).ToArray();
        var sum = lisbon.Zip(madrid, (a, b) => a + b).ToArray();
        var length = MathF.Sqrt(sum.Sum(v => v * v)) / table.Scale;
        Assert.Equal(sum.Select(v => v / length), table.Vector(standIn).ToArray(), (a, b) => Math.Abs(a - b) < 1e-2);
        var lisbonRow = table.RowOf(StableHash.OfLower("lisbon"));
        Assert.Equal([standIn, -1, -1, lisbonRow], OwnRows(NerFeatureSet.DenseWordVectors | NerFeatureSet.CapitalisedVectorStandIn));
        Assert.Equal([-1, -1, -1, lisbonRow], OwnRows(NerFeatureSet.DenseWordVectors));
    }

    [Fact]
    public void AWordLeftOutOfAVisitReadsWhatAWordWithoutAVectorReads()
    {
        var table = WordVectorTable.Create(Vectors, scale: 1).WithCapitalisedStandIn(["Lisbon"]);
        IReadOnlyList<IReadOnlyList<string>> sentences = [["Madrid", "and", "lisbon"]];
        var set = NerFeatureSet.DenseWordVectors | NerFeatureSet.CapitalisedVectorStandIn;
        var vectors = new NerFeatureExtractor(Gazetteer.Empty, WordClusters.Empty, 16, TagScheme.Iob2, set, table).Extract(sentences, null)[0].Vectors!;

        var standIn = table.CapitalisedStandInRow;
        Assert.Equal([standIn, -1, -1], vectors.LeftOutRows!);
        var left = Dossier.Text.Sequence.StructuredPerceptron.WithoutVectors(vectors, dropout: 1, new Random(1));
        // Madrid, capitalised, reads the stand-in wherever it was read; lower-case lisbon reads nothing, and "and" never read anything.
        Assert.Equal([-1, standIn, -1, standIn, -1, -1, -1, -1, -1], left.Rows);
        Assert.Null(new NerFeatureExtractor(Gazetteer.Empty, WordClusters.Empty, 16, TagScheme.Iob2, NerFeatureSet.DenseWordVectors, table).Extract(sentences, null)[0].Vectors!.LeftOutRows);
    }
}
