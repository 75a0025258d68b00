using Dossier.Documents;
using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>A quote continued after its attribution, or split around it, is one attribution; two sentences with their own cues are two.</summary>
public sealed class QuoteAttributionGroupTests
{
    private static List<List<string>> Groups(Document document, IEnumerable<Quote> quotes) =>
        QuoteAttributions.Group(quotes).Select(g => g.Select(q => document.TextOf(q.Content)).ToList()).ToList();

    [Fact]
    public void TheSpokespersonsContinuedAndSplitQuotesAreTwoAttributionsNotFour()
    {
        var document = QuoteTestDocuments.AnalyzeSample("002_61e0b9ad9df61b53.txt");
        var groups = Groups(document, document.Get(Layers.Quotes));
        var denial = Assert.Single(groups, g => g[0].StartsWith("The assertions", StringComparison.Ordinal));
        Assert.Equal(2, denial.Count);
        Assert.StartsWith("We question the motivation", denial[1], StringComparison.Ordinal);
        var assurance = Assert.Single(groups, g => g[0].StartsWith("We take national security", StringComparison.Ordinal));
        Assert.Equal(2, assurance.Count);
        Assert.StartsWith("and we are committed", assurance[1], StringComparison.Ordinal);
        Assert.Single(Assert.Single(groups, g => g[0].StartsWith("Even without concrete proof", StringComparison.Ordinal)));
    }

    [Fact]
    public void EachCueOfOneSpeakerIsItsOwnAttribution()
    {
        var (document, quotes) = QuoteTestDocuments.Analyze("“We deny it,” Zhang said. “Trade will continue,” Zhang added.");
        var groups = Groups(document, quotes);
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Single(g));
    }

    [Fact]
    public void QuotesWithoutASpeakerBelongToNoAttribution()
    {
        var speaker = new TextSpan(0, 4);
        Quote Part(int start, TextSpan? cue, TextSpan? who) =>
            new(new TextSpan(start, start + 5), cue is null ? "" : "said", cue, QuoteKind.Direct, who is null ? null : "Zhang", who, SpeakerKind.NamedPerson, null);
        var groups = QuoteAttributions.Group([Part(10, new TextSpan(5, 9), speaker), Part(20, null, null), Part(30, null, speaker)]);
        var group = Assert.Single(groups);
        Assert.Equal([10, 30], group.Select(q => q.Content.Start));
    }
}
