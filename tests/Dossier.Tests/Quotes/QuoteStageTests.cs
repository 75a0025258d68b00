using Dossier.Documents;
using Dossier.Quotes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dossier.Tests.Quotes;

public sealed class QuoteStageTests
{
    private static Quote Only(string text)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Single(quotes);
        return quotes[0];
    }

    private static string Content(string text, Quote quote) => text[quote.Content.Start..quote.Content.End];

    [Fact]
    public void StraightQuotesWithTheSpeakerAfterTheCue()
    {
        const string text = "\"We will appeal the ruling,\" said Maria Lopez, the firm's lawyer.";
        var quote = Only(text);
        Assert.Equal("We will appeal the ruling", Content(text, quote));
        Assert.Equal("Maria Lopez", quote.Speaker);
        Assert.Equal(SpeakerKind.NamedPerson, quote.SpeakerKind);
        Assert.Equal(QuoteKind.Direct, quote.Kind);
    }

    [Fact]
    public void SpeakerBeforeAColonAndTheQuoteInTheNextParagraph()
    {
        const string text = "The minister told the assembly:\n\n“Our budget is balanced. Our debt is falling.”";
        var quote = Only(text);
        Assert.Equal("The minister", quote.Speaker);
        Assert.Equal(SpeakerKind.Role, quote.SpeakerKind);
        Assert.Equal("Our budget is balanced. Our debt is falling.", Content(text, quote));
    }

    [Fact]
    public void AQuoteOverTwoParagraphsIsOneQuote()
    {
        const string text = "Jane Roe said: “The first part goes on.\n\n“And the second part ends here.”";
        var quote = Only(text);
        Assert.Equal("Jane Roe", quote.Speaker);
        Assert.EndsWith("ends here.", Content(text, quote), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnattributedQuoteTakesTheSpeakerFromTwoSentencesBack()
    {
        const string text = "“Sales fell,” said John Smith. Shares dropped on Monday. Investors were nervous. “We expect a recovery next year.”";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(2, quotes.Length);
        Assert.Equal("John Smith", quotes[1].Speaker);
        Assert.Equal(QuoteKind.Direct, quotes[1].Kind);
    }

    [Fact]
    public void AQuoteTooFarFromAnySpeakerStaysUnattributed()
    {
        const string text = "“Sales fell,” said John Smith. Shares dropped. Investors were nervous. Bonds rose. Gold fell. “We expect a recovery next year.”";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(2, quotes.Length);
        Assert.Null(quotes[1].Speaker);
        Assert.Equal(SpeakerKind.Unknown, quotes[1].SpeakerKind);
    }

    [Fact]
    public void PronounSpeakersResolveToThePreviousPerson()
    {
        const string text = "“Prices will rise,” said Anna Berg, an economist at the bank. “Nobody can stop it,” she added.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(2, quotes.Length);
        Assert.Equal("she", quotes[1].Speaker);
        Assert.Equal(SpeakerKind.Pronoun, quotes[1].SpeakerKind);
        Assert.Equal("Anna Berg", quotes[1].ResolvedSpeaker);
    }

    [Theory]
    [InlineData("The ministry said that the plant would close in May.", "The ministry", SpeakerKind.Organisation, "the plant would close in May")]
    [InlineData("According to Reuters, the plant will close in May.", "Reuters", SpeakerKind.Outlet, "the plant will close in May")]
    [InlineData("The plant will close in May, according to the newspaper.", "the newspaper", SpeakerKind.Outlet, "The plant will close in May")]
    [InlineData("The plant will close in May, a company spokesman said.", "a company spokesman", SpeakerKind.Role, "The plant will close in May")]
    [InlineData("The report alleged that the firm had hidden its losses.", "The report", SpeakerKind.Outlet, "the firm had hidden its losses")]
    [InlineData("Two senior officials told reporters that the talks had failed.", "Two senior officials", SpeakerKind.Unnamed, "the talks had failed")]
    public void IndirectSpeech(string text, string speaker, SpeakerKind speakerKind, string content)
    {
        var quote = Only(text);
        Assert.Equal(QuoteKind.Indirect, quote.Kind);
        Assert.Equal(speaker, quote.Speaker);
        Assert.Equal(speakerKind, quote.SpeakerKind);
        Assert.Equal(content, Content(text, quote));
    }

    [Theory]
    [InlineData("The company was accused of hiding its losses.")]
    [InlineData("He works in the United States and Canada.")]
    [InlineData("The firm joined the “Clean Network” program last year.")]
    public void NoAttributionNoQuote(string text)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Empty(quotes);
    }

    [Fact]
    public void AVerbOfBeliefWithoutThatReportsNothing()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze("Giant retailers such as the famous Kestrel app of Norvik felt the surge of the European Union's efforts to banish foreign platforms.");
        Assert.Empty(quotes);
    }

    [Fact]
    public void AVerbOfNoSpeechInTheSentenceAfterAQuoteClosedByAFullStopIsNotItsAttribution()
    {
        const string text = "Norvik promised to “support local farmers.” The retailer wants to ease tension with Brussels.";
        var quote = Only(text);
        Assert.Equal("Norvik", quote.Speaker);
        Assert.Equal("promised", quote.Cue);
    }

    [Fact]
    public void AQuotedPhraseInsideAnAttributionMakesItMixed()
    {
        const string text = "The senator said the bill was “a disaster for farmers” and should be withdrawn.";
        var quote = Only(text);
        Assert.Equal(QuoteKind.Mixed, quote.Kind);
        Assert.Equal("The senator", quote.Speaker);
    }

    [Property(MaxTest = 300)]
    public Property AnyTextGivesQuotesInsideTheText() =>
        Prop.ForAll(
            Gen.Elements("“", "”", "\"", "said", "Smith", "according to", ",", ".", ":", " ", " ", "\n\n", "he", "that", "the report", "alleged", "’s", "‘")
                .ArrayOf().Select(parts => string.Concat(parts)).ToArbitrary(),
            text =>
            {
                var (_, quotes) = QuoteTestDocuments.Analyze(text);
                return quotes.All(q => q.Content.End <= text.Length && !q.Content.IsEmpty &&
                                       (q.SpeakerSpan is not { } s || s.End <= text.Length) &&
                                       (q.CueSpan is not { } c || c.End <= text.Length));
            });
}
