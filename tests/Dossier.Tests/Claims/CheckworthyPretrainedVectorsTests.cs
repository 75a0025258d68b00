using System.Text;
using Dossier.Claims;
using Dossier.Text;

namespace Dossier.Tests.Claims;

public sealed class CheckworthyPretrainedVectorsTests
{
    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task TheWinkFileGivesEachWordItsFirstComponentsAndLeavesOutShortOnes()
    {
        // As the package lays it out: the components, then the vector's norm and the word's index.
        const string file = """{"precision":8,"dimensions":2,"words":["rose","fell","odd"],"vectors":{"rose":[3,4,5,0],"fell":[0.5,-1,1.1,1],"odd":[1]},"unkVector":[0,0,0,-1]}""";
        using var stream = Json(file);
        var vectors = await PretrainedWordVectors.ReadWinkAsync(stream, "test.json", CancellationToken.None);
        Assert.Equal(["fell", "rose"], vectors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { 3f, 4f }, vectors["rose"]);
        Assert.Equal(new[] { 0.5f, -1f }, vectors["fell"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"dimensions":0,"vectors":{}}""")]
    [InlineData("""{"dimensions":2}""")]
    [InlineData("[1,2]")]
    public async Task AFileThatIsNotWordVectorsIsRejectedByName(string text)
    {
        using var stream = Json(text);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => PretrainedWordVectors.ReadWinkAsync(stream, "broken.json", CancellationToken.None));
        Assert.StartsWith("broken.json:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyFrequentWordsOfTheTextKeepTheirVectorsAtUnitLengthAndCommonWordsWeighLess()
    {
        string[] texts = [.. Enumerable.Range(0, 10).Select(_ => "the exports fell the the"), "the rare word"];
        var pretrained = new Dictionary<string, float[]>(StringComparer.Ordinal)
        {
            ["the"] = [3, 4],
            ["exports"] = [0, 2],
            ["rare"] = [1, 0],
            ["zero"] = [0, 0],
        };
        var vectors = CheckworthyWordVectors.FromPretrained(texts, pretrained, minimumCount: 5);
        Assert.Equal(2, vectors.WordCount);
        Assert.Equal(2, vectors.Dimensions);
        var lines = vectors.ToLines().Select(line => line.Split('\t')).ToDictionary(fields => fields[0]);
        Assert.Equal(["exports", "the"], lines.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("0.6 0.8", lines["the"][2]);
        Assert.Equal("0 1", lines["exports"][2]);
        Assert.True(float.Parse(lines["the"][1], System.Globalization.CultureInfo.InvariantCulture) < float.Parse(lines["exports"][1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void VectorsBesideEachOtherLeaveZerosWhereOneSetLacksTheWord()
    {
        var own = CheckworthyWordVectors.Parse(["rose\t0.5\t1 0", "fell\t0.25\t0 1"]);
        var pretrained = CheckworthyWordVectors.Parse(["rose\t0.75\t0 0 1", "climbed\t0.125\t1 0 0"]);
        var joined = own.Beside(pretrained);
        Assert.Equal(5, joined.Dimensions);
        Assert.Equal(["climbed\t0.125\t0 0 1 0 0", "fell\t0.25\t0 1 0 0 0", "rose\t0.5\t1 0 0 0 1"], joined.ToLines());
        Assert.Equal(new double[] { 0, 0, 1, 0, 0 }, joined.SentenceVector(["climbed"]));
    }
}
