using Dossier.Quotes;
using Dossier.Quotes.Learned;

namespace Dossier.Tests.Quotes;

/// <summary>The relation filter: which quotes it judges, what it sees of them, and that the shipped weights keep plain speech.</summary>
public sealed class QuoteRelationFilterTests
{
    private const string Text = "“We will build the plant,” the chairman said.\n\nThe company said that profits rose by a third last year.";

    [Fact]
    public void AnImpossibleThresholdDropsIndirectSpeechButNeverADirectQuote()
    {
        var (_, unfiltered) = QuoteTestDocuments.Analyze(Text, options: new QuoteOptions { RelationFilterThreshold = null });
        Assert.Contains(unfiltered, quote => quote.Kind == QuoteKind.Indirect);
        Assert.Contains(unfiltered, quote => quote.Kind == QuoteKind.Direct);

        var (_, filtered) = QuoteTestDocuments.Analyze(Text, options: new QuoteOptions { RelationFilterThreshold = double.MaxValue });
        Assert.DoesNotContain(filtered, quote => quote.Kind == QuoteKind.Indirect);
        Assert.Equal(unfiltered.Where(quote => quote.Kind == QuoteKind.Direct), filtered);
    }

    [Fact]
    public void TheShippedWeightsKeepPlainReportedSpeech()
    {
        var (_, unfiltered) = QuoteTestDocuments.Analyze(Text, options: new QuoteOptions { RelationFilterThreshold = null });
        var (_, quotes) = QuoteTestDocuments.Analyze(Text);
        Assert.Equal(unfiltered.ToArray(), quotes.ToArray());
        var indirect = Assert.Single(quotes, quote => quote.Kind == QuoteKind.Indirect);
        Assert.Equal("The company", indirect.Speaker);
    }

    [Fact]
    public void CandidatesAreTheJudgedQuotesWithTheSameFeaturesOnEveryRun()
    {
        List<(Quote Quote, IReadOnlyList<string> Features)> Collect()
        {
            var seen = new List<(Quote, IReadOnlyList<string>)>();
            QuoteTestDocuments.Analyze(Text, options: new QuoteOptions { RelationFilterThreshold = null, RelationCandidates = (quote, features) => seen.Add((quote, features)) });
            return seen;
        }

        var first = Collect();
        var judged = Assert.Single(first);
        Assert.Equal(QuoteKind.Indirect, judged.Quote.Kind);
        Assert.Contains("k=Indirect", judged.Features);
        Assert.Contains("cue=said", judged.Features);
        Assert.Contains("lay=SCT", judged.Features);
        // The tagger ran on this sentence, so its reading of the content is a feature.
        Assert.Contains(judged.Features, feature => feature.StartsWith("rt=", StringComparison.Ordinal) && feature != "rt=untagged");
        Assert.Equal(judged.Features, Assert.Single(Collect()).Features);
    }

    [Fact]
    public void AMissingWeightsFileIsNamedInTheError()
    {
        var error = Assert.Throws<FileNotFoundException>(() => RelationFilter.Load("no-such-weights.tsv"));
        Assert.Contains("no-such-weights.tsv", error.Message, StringComparison.Ordinal);
    }
}
