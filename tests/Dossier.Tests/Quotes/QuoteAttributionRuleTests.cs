using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>Attribution patterns of political news: party tags, signed quotes, headline colons, long appositions.</summary>
public sealed class QuoteAttributionRuleTests
{
    private static string Content(string text, Quote quote) => text[quote.Content.Start..quote.Content.End];

    [Theory]
    [InlineData("“It’s a dog whistle to all Americans,” Rep. Gwen Moore (D-Wis.) said.", "Rep. Gwen Moore")]
    [InlineData("“Our assumption is that the veto will be overridden,” Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.", "Senate Majority Leader Mitch McConnell")]
    [InlineData("“They would just go get them,” Rep. Jim Jordan (R-Ohio), an oversight panel member, said in an interview.", "Rep. Jim Jordan")]
    public void APartyTagAfterTheNameQualifiesTheSpeaker(string text, string speaker) => AssertOneDirectQuoteBy(text, speaker);

    [Theory]
    [InlineData("“It was an attempt to mislead voters,’’ Will Moy, chief executive of the London-based fact-checking website Full Fact, told the BBC.", "Will Moy")]
    [InlineData("“It was an attempt to mislead voters,” Will Moy told the BBC.", "Will Moy")]
    [InlineData("Anna Moy, chief executive of the London-based fact-checking website Full Fact, told the BBC: “It was an attempt to mislead voters.”", "Anna Moy")]
    [InlineData("“It was an attempt to mislead voters,” Anna Moy, chief executive and co-founder of the London-based independent fact-checking charity and website Full Fact, told the BBC.", "Anna Moy")]
    [InlineData("“We will appeal,” May Rosen, the deputy head of communications at the Brussels-based consumer group BEUC, said on Monday.", "May Rosen")]
    [InlineData("“We will appeal,” Maria Lopez, the deputy head of communications at the Brussels-based consumer group BEUC, said on Monday.", "Maria Lopez")]
    public void AGivenNameSpeltLikeAnAuxiliaryOpensTheSpeakersNameBeforeAnyTitle(string text, string speaker) => AssertOneDirectQuoteBy(text, speaker);

    private static void AssertOneDirectQuoteBy(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal(speaker, quote.Speaker);
        Assert.Equal(QuoteKind.Direct, quote.Kind);
    }

    [Fact]
    public void ADashAndANameAfterTheQuoteSignIt()
    {
        const string text = "Readers wrote in.\n\n“Trump must stop portraying Latinos as gangsters.” ― Carla Sanchez\n\n“He scares me.” — Krystal Correa";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(["Carla Sanchez", "Krystal Correa"], quotes.Select(q => q.Speaker));
        Assert.All(quotes, q => Assert.Equal(QuoteKind.Direct, q.Kind));
    }

    [Fact]
    public void ADashBeforeOrdinaryWordsSignsNothing()
    {
        const string text = "“We will win.” — a promise repeated across the state for months.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => Content(text, q) == "We will win.");
        Assert.Null(quote.Speaker);
    }

    [Fact]
    public void AHeadlineNameAndColonAttributeTheRest()
    {
        const string text = "Clinton camp: Trump’s rhetoric threatens national security\n\nThe campaign spoke on Monday.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal("Clinton camp", quote.Speaker);
        Assert.Equal("Trump’s rhetoric threatens national security", Content(text, quote));
    }

    [Fact]
    public void AnIntroducingLabelIsNoHeadlineSource()
    {
        const string text = "Update: The vote was delayed until Friday afternoon.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Empty(quotes);
    }

    [Fact]
    public void ALongAppositionBetweenTheNameAndTheCueKeepsTheName()
    {
        const string text = "Karimi, executive director of Interfaith Paths to Peace, said she hopes the world remembers his call for unity.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal("Karimi", quote.Speaker);
        Assert.Equal(QuoteKind.Indirect, quote.Kind);
    }

    [Fact]
    public void ATimeAfterTheCueIsNoSpeaker()
    {
        const string text = "The deal will close next year, said Tuesday.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.DoesNotContain(quotes, q => q.Speaker == "Tuesday");
    }

    [Fact]
    public void AThatAfterSeveralAdverbialsStillOpensTheContent()
    {
        const string text = "Adelson said earlier on Friday during a news conference that he may wait until February.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal("Adelson", quote.Speaker);
        Assert.Equal("he may wait until February", Content(text, quote));
    }

    [Fact]
    public void ARelativeWhoIsTheSourceResolvedToTheNameBeforeIt()
    {
        const string text = "The vote was led by Senator Bernie Sanders, who said the deal would fail in the House.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal("who", quote.Speaker);
        Assert.Equal(SpeakerKind.Pronoun, quote.SpeakerKind);
        Assert.Equal("Senator Bernie Sanders", quote.ResolvedSpeaker);
        Assert.Equal("the deal would fail in the House", Content(text, quote));
    }

    [Theory]
    [InlineData("Sheldon Adelson said on Friday he met the candidate earlier this week.", "he met the candidate earlier this week")]
    [InlineData("Sheldon Adelson said in an interview they would meet again in March.", "they would meet again in March")]
    [InlineData("Joel Pollak observed, the biggest victor was not on the stage at all.", "the biggest victor was not on the stage at all")]
    public void TheReportedClauseStartsAfterATimePhraseOrAComma(string text, string content)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal(content, Content(text, quote));
    }

    [Fact]
    public void ASecondCueAfterAndStartsItsOwnAttribution()
    {
        const string text = "Adelson said he found the candidate very charming and called his standing in the field unheard of.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(2, quotes.Length);
        Assert.Equal("he found the candidate very charming", Content(text, quotes[0]));
        Assert.Equal("called", quotes[1].Cue);
        Assert.Equal("Adelson", quotes[1].Speaker);
    }

    [Fact]
    public void ASemicolonEndsWhatATrailingCueAttributes()
    {
        const string text = "These were not omissions by oversight, Brafman noted; the government had slanted its summaries.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal("Brafman", quote.Speaker);
        Assert.Equal("These were not omissions by oversight", Content(text, quote));
    }

    [Fact]
    public void ACallForTakesWhatIsCalledFor()
    {
        const string text = "Donald Trump has called for the group’s strongholds to be hit even harder.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes);
        Assert.Equal("Donald Trump", quote.Speaker);
        Assert.Equal("called for", quote.Cue);
        Assert.StartsWith("the group’s strongholds", Content(text, quote), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Trump went after Bush on Tuesday, calling him a total stiff with no energy.", "Trump")]
    [InlineData("The Vermont senator emailed supporters saying the struggle continues after the vote.", "The Vermont senator")]
    [InlineData("Texas Sen. Ted Cruz is making a pitch to New York voters saying a state law is hurting the economy.", "Texas Sen. Ted Cruz")]
    public void AParticipleCueSpeaksForTheSentenceSubject(string text, string speaker)
    {
        // The rule's speaker, not the relation filter's judgement: each retrain may move a lone indirect sentence across its threshold.
        var (_, quotes) = QuoteTestDocuments.Analyze(text, options: new QuoteOptions { RelationFilterThreshold = null });
        var quote = Assert.Single(quotes);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Theory]
    [InlineData("Alibaba Group Holding has strongly refuted allegations made in a recent Financial Times report claiming that the company has links to the Chinese military.", "a recent Financial Times report")]
    [InlineData("The ministry has refuted a Reuters article alleging that the tender was rigged in favour of a donor.", "a Reuters article")]
    public void AParticipleRightAfterADocumentThatNamesItsAuthorSpeaksForTheDocument(string text, string speaker)
    {
        // The allegation is the report's, not the company's that refutes it: a reduced relative, not the main clause's participle.
        var (_, quotes) = QuoteTestDocuments.Analyze(text, options: new QuoteOptions { RelationFilterThreshold = null });
        var quote = Assert.Single(quotes, q => q.Cue is "claiming" or "alleging");
        Assert.Equal(speaker, quote.Speaker);
        Assert.Equal(SpeakerKind.Outlet, quote.SpeakerKind);
    }
}
