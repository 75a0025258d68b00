using Dossier.Entities.Ner;

namespace Dossier.Tests.Entities;

public sealed class GazetteerTests
{
    private static readonly string[] Sentence = ["Barnsley", "beat", "Manchester", "United", "at", "Oakwell"];

    private static Gazetteer Lists()
    {
        var builder = new Gazetteer.Builder();
        builder.Add("clubs", ["Barnsley"]);
        builder.Add("clubs", ["Manchester", "United"]);
        builder.Add("cities", ["Manchester"]);
        return builder.Build();
    }

    private static ulong[] Hashes() => Sentence.Select(word => StableHash.OfLower(word)).ToArray();

    [Fact]
    public void SingleWordsAndPhraseEndsAreMarkedApart()
    {
        var n = Sentence.Length;
        var (begins, insides, singles, ends) = (new ulong[n], new ulong[n], new ulong[n], new ulong[n]);
        Lists().Match(Hashes(), begins, insides, singles, ends);
        const ulong clubs = 1, cities = 2;
        Assert.Equal([clubs, 0, clubs | cities, 0, 0, 0], begins);
        Assert.Equal([0UL, 0, 0, clubs, 0, 0], insides);
        Assert.Equal([clubs, 0, cities, 0, 0, 0], singles);
        Assert.Equal([0UL, 0, 0, clubs, 0, 0], ends);
    }

    [Fact]
    public void MatchingWithoutSinglesAndEndsMarksTheSameBeginningsAndInsides()
    {
        var n = Sentence.Length;
        var (begins, insides) = (new ulong[n], new ulong[n]);
        var (allBegins, allInsides) = (new ulong[n], new ulong[n]);
        Lists().Match(Hashes(), begins, insides);
        Lists().Match(Hashes(), allBegins, allInsides, new ulong[n], new ulong[n]);
        Assert.Equal(allBegins, begins);
        Assert.Equal(allInsides, insides);
    }
}
