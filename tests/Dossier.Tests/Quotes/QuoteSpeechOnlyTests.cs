using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>
/// What the product reports as said: a cue outside the curated speech list attributes a reported clause, never an
/// intention or an act with its infinitive or object (PolNeAR's reading, which its benchmark turns on, counts those);
/// a title-case headline, where capitals hide which word is the verb, gives no learned attribution.
/// </summary>
public sealed class QuoteSpeechOnlyTests
{
    private static string Content(string text, Quote quote) => text[quote.Content.Start..quote.Content.End];

    [Theory]
    [InlineData("Mayor Dana Whitfield wants to rebuild the old harbour wall before the winter storms arrive.")]
    [InlineData("The senator endorsed the governor's plan to widen the coastal highway.")]
    [InlineData("A state court blocked the sale of the two county hospitals to a private operator.")]
    [InlineData("The bank's chief executive declined to say how many customer accounts had been affected by the outage.")]
    public void AnUnlistedCueWithAnInfinitiveOrAnObjectReportsNothingSaid(string text)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Empty(quotes);

        var (_, polnear) = QuoteTestDocuments.Analyze(text, options: new QuoteOptions { AttributesIntentions = true });
        Assert.NotEmpty(polnear);
    }

    [Theory]
    [InlineData("The senator criticized the governor's plan to widen the coastal highway.", "criticized", "the governor's plan to widen the coastal highway")]
    [InlineData("Senator Mara Quill railed against the new port levy on Tuesday.", "railed", "the new port levy")]
    public void AnUnlistedVerbOfSpeechAttributesItsObject(string text, string cue, string content)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal(cue, quote.Cue);
        Assert.Contains(content, Content(text, quote), StringComparison.Ordinal);
    }

    [Fact]
    public void AListedCueKeepsItsReportedClause()
    {
        const string text = "Mayor Dana Whitfield said the harbour wall would be rebuilt before the winter storms.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal("Mayor Dana Whitfield", quote.Speaker);
        Assert.Equal("the harbour wall would be rebuilt before the winter storms", Content(text, quote));
    }

    [Fact]
    public void ATitleCaseHeadlineGivesNoLearnedAttributionWhereCapitalsHideTheVerb()
    {
        const string text = "Alibaba Denounces Report on Alleged PLA Ties as ‘False and Malicious’\n\nAlibaba Group Holding has refuted the report.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var inHeadline = quotes.Where(q => q.Content.Start < text.IndexOf('\n', StringComparison.Ordinal)).ToList();
        var quoted = Assert.Single(inHeadline);
        Assert.Equal("False and Malicious", Content(text, quoted));
        Assert.Equal("Alibaba", quoted.Speaker);
    }

    [Theory]
    [InlineData("Alibaba Denounces Report on Alleged PLA Ties as ‘False and Malicious’", true)]
    [InlineData("Alibaba denounces report on alleged ties", false)]
    [InlineData("Breaking: New Report", false)]
    public void TitleCaseNeedsEveryLongWordCapitalised(string text, bool titleCase)
    {
        var words = new TokenWords(text, new Dossier.Text.Tokenizer().Tokenize(text));
        Assert.Equal(titleCase, words.IsTitleCase(0, words.Count));
    }
}
