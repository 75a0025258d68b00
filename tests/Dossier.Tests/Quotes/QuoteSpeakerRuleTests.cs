using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>Who speaks a direct quote when no listed cue says so: unlisted verbs after the quote, names before a colon, participles after a cue.</summary>
public sealed class QuoteSpeakerRuleTests
{
    private static string Content(string text, Quote quote) => text[quote.Content.Start..quote.Content.End];

    /// <summary>The speaker of the one direct quote the stage finds in the text.</summary>
    private static string? DirectSpeaker(string text) => Assert.Single(QuoteTestDocuments.Analyze(text).Quotes, q => q.Kind == QuoteKind.Direct).Speaker;

    [Theory]
    [InlineData("“We will not let this nomination go through,” Toomey fumed on Tuesday.", "Toomey")]
    [InlineData("The delegates cheered.\n\n“This is fantastic!” beamed Donald Hartley of Madison, Alabama.", "Donald Hartley of Madison")]
    public void AnUnlistedVerbAfterAQuoteThatGoesOnNamesItsSpeaker(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Theory]
    [InlineData("“It is an invasion of the state’s domain,” Maria Lopez, the attorney general of Utah, one of the states suing the agency, said on Monday.", "Maria Lopez")]
    [InlineData("“The rules will not survive,” Tom Reed, the polling analyst who founded the survey site tweeted on Wednesday.", "Tom Reed")]
    [InlineData("“This new ad raises questions,” Anna Berg, who is chairman of the Civic Trust said in a statement.", "Anna Berg")]
    [InlineData("“This story is still being told,” Rosa Vance, the director at the Centre for Media Justice and whose work is featured in the film, told reporters.", "Rosa Vance")]
    public void TheSubjectAfterAQuoteReachesPastItsAppositionsAndRelativeClauses(string text, string speaker)
    {
        Assert.Equal(speaker, DirectSpeaker(text));
    }

    [Theory]
    [InlineData("Joan Pike, a county delegate from the north of the state and the president of the D.C.-based Farm Policy Institute, said: \"We will not walk away from this.\"", "Joan Pike")]
    [InlineData("John Weaver, a GOP strategist who has feuded with the chairman, wrote in an email: \"This was the worst first day of a convention.\"", "John Weaver")]
    public void TheSubjectBeforeAColonReachesPastALongOrRestrictedApposition(string text, string speaker)
    {
        Assert.Equal(speaker, DirectSpeaker(text));
    }

    [Theory]
    [InlineData("The senator’s letter was blunt: “We must stand together against this bill.”", "The senator’s letter")]
    [InlineData("In town after town, Moreno campaigns for a higher wage: \"No one who works full time should live in poverty.\"", "Moreno")]
    [InlineData("Pressed on the deal, Karen Osei was firm: “We are not selling. Not this year, not next year.”", "Karen Osei")]
    [InlineData("With party leaders worried about a lack of enthusiasm for the ticket among the young voters of the north, Senator Ruth Kane is rolling out a message: \"It's about me.\"", "Senator Ruth Kane")]
    public void WithNoVerbOfSpeechTheSubjectOfTheClauseAColonEndsIntroducesTheQuote(string text, string speaker)
    {
        Assert.Equal(speaker, DirectSpeaker(text));
    }

    [Theory]
    [InlineData("Likewise, a study from the Urban Institute had this to say: \"Families at the top would gain the most.\"")]
    public void AnIntroductionIsNoSpeakerBeforeAColon(string text)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Null(Assert.Single(quotes, q => q.Kind == QuoteKind.Direct).Speaker);
    }

    [Theory]
    [InlineData("“She will stand up to the gun lobby,” a voice-over in the ad states.", "a voice-over in the ad")]
    [InlineData("\"The kingdom has been working closely with its allies,\" the ministry states in the white paper.", "the ministry")]
    public void ACueThatOtherwiseNeedsThatTakesTheQuoteBeforeIt(string text, string speaker)
    {
        Assert.Equal(speaker, DirectSpeaker(text));
    }

    [Fact]
    public void TheNameBetweenOfAndAParticipleIsWhoTheParticipleShowsSpeaking()
    {
        const string text = "The advert ends with footage of Senator Walsh saying during the debate, “That makes me smart,” to a laughing crowd.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal("Senator Walsh", Assert.Single(quotes, q => q.Kind == QuoteKind.Direct).Speaker);
    }

    [Fact]
    public void ASecondIntroductionIsReadPastToTheMainClausesSubject()
    {
        const string text = "Last month, when I asked Senator Vance if he would ever endorse the governor, he looked into my camera, frowned and said, \"I'm going to endorse you!\"";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal("he", Assert.Single(quotes, q => q.Kind == QuoteKind.Direct).Speaker);
    }

    [Theory]
    [InlineData("In his best-known ballad, Billy Joel sings, \"Don't go changing to try and please me.\"", "Billy Joel")]
    [InlineData("“Promise mama you’ll keep your hands in sight,” Blige sings to the candidate on stage.", "Blige")]
    [InlineData("The filing is short. The ministry states: “The kingdom has worked closely with its allies.”", "The ministry")]
    public void ACueThatOtherwiseNeedsThatTakesTheQuoteRightAfterIt(string text, string speaker)
    {
        Assert.Equal(speaker, DirectSpeaker(text));
    }

    [Fact]
    public void AWireDatelineOpensNoClause()
    {
        const string text = "BRUSSELS, March 3 (UPI) — In response to the tariff plan, Commissioner Ana Ruiz rallied members, saying: “We have to be ready to answer.”";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal("Commissioner Ana Ruiz", Assert.Single(quotes, q => q.Kind == QuoteKind.Direct).Speaker);
    }

    [Fact]
    public void ANameBeforeADashIsNoDateline() =>
        Assert.Equal("NATO Secretary General Mark Rutte", DirectSpeaker("NATO Secretary General Mark Rutte — and his deputy — walked out of the talks, saying: “We will return when they are serious.”"));

    [Theory]
    [InlineData("“Did you shoot him? He better not be hurt,” she yells while moving along the street.", "He better not be hurt", "she")]
    [InlineData("He then had a question for the crowd.\n\n“Who is going to pay for it?”\n\n“Mexico!” the audience screamed back.", "Mexico!", "the audience")]
    public void ShoutingIsSpeaking(string text, string words, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(speaker, Assert.Single(quotes, q => text[q.Content.Start..q.Content.End].Contains(words, StringComparison.Ordinal)).Speaker);
    }

    [Fact]
    public void OnlyBetweenASpeakerAndItsCueIsNoSpeaker()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze("The date was so odd that a spokesman for the mayor could only quip: \"I guess Christmas Eve was booked.\"");
        Assert.Equal("a spokesman for the mayor", Assert.Single(quotes, q => q.Kind == QuoteKind.Direct).Speaker);
    }

    [Theory]
    [InlineData("Not all panels are equal. From the report: “Samples with longer field periods produced more accurate results.”", "the report")]
    [InlineData("He will back the governor. From Bush's Facebook post: \"For the sake of our party, we must move on.\"", "Bush's Facebook post")]
    [InlineData("Turnout was there all along -More from Blumenthal and Cohen: “Data collected by our firm helps confirm it.”", "Blumenthal and Cohen")]
    public void ALabelNamingWhereAnExcerptComesFromNamesItsSource(string text, string speaker)
    {
        Assert.Equal(speaker, DirectSpeaker(text));
    }

    [Theory]
    [InlineData("The claims checked.\n\n\"Boeing and GE and other multinationals pay zero taxes.\"\n\n- Sanders.\n\nThis is a complex issue.", "Sanders")]
    [InlineData("The night's posts.\n\n\"Great speech. She's tested. She's ready.\"\n\n-President Obama, tweeting after Clinton's speech.", "President Obama")]
    public void ADashAndANameInTheParagraphUnderAQuoteSignIt(string text, string speaker)
    {
        Assert.Equal(speaker, DirectSpeaker(text));
    }

    [Fact]
    public void AParagraphUnderAQuoteThatOpensWithADashAndGoesOnIsNoSignature()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze("The list.\n\n\"Boeing and GE pay zero taxes.\"\n\n- Sanders won the state easily.");
        Assert.Null(Assert.Single(quotes, q => q.Kind == QuoteKind.Direct).Speaker);
    }

    [Theory]
    [InlineData("Her campaign quickly blasted out an email to supporters stating, “Speaker Ryan joins the growing list of critics.”", "Her campaign")]
    [InlineData("The Vermont senator emailed supporters saying: “We will not give up this fight.”", "The Vermont senator")]
    public void AParticipleAfterAnObjectSpeaksForTheSentenceSubjectThatADeterminerOpens(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Theory]
    [InlineData("Rhimes declared her creed: “Change the world and when you’ve done that, change it again,” she said.", "she")]
    [InlineData("Clinton seemed irritated: “It's a public statement! Just email it,” Sullivan wrote.", "Sullivan")]
    public void AQuoteThatGoesOnIntoItsOwnAttributionIsThatAttributionsNotTheIntroducingCues(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Theory]
    [InlineData("At the time, she released a statement saying, “The company is a trusted partner.”", "she")]
    [InlineData("During the debate, they sent supporters an email saying, “Call your senator today.”", "they")]
    public void APronounOpeningTheMainClauseSpeaksForItsParticipleCue(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Theory]
    [InlineData("The company’s response also implied that the report could be politically motivated.", SpeakerKind.Organisation)]
    [InlineData("Bloomberg’s report also implied that the tender could have been rigged.", SpeakerKind.Outlet)]
    public void AStatementAnOrganisationIssuesIsTheOrganisationSpeaking(string text, SpeakerKind kind)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text, options: new QuoteOptions { RelationFilterThreshold = null });
        var quote = Assert.Single(quotes);
        Assert.Equal(kind, quote.SpeakerKind);
    }

    [Theory]
    [InlineData("The audit, obtained by local reporters, says the council overspent by two million pounds.", "The audit")]
    [InlineData("The witness, 34, told the jury she had seen the car leave before midnight.", "The witness")]
    public void AnAgeOrAParticiplePhraseBetweenCommasQualifiesTheSubjectBeforeIt(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text, options: new QuoteOptions { RelationFilterThreshold = null });
        var quote = Assert.Single(quotes);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Fact]
    public void ACueInsideARelativeClauseLeavesTheMainClauseToItsOwnCue()
    {
        const string text = "One passenger, who asked not to be identified, said the train stopped twice in the tunnel.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text, options: new QuoteOptions { RelationFilterThreshold = null });
        var quote = Assert.Single(quotes, q => q.Cue == "said");
        Assert.Equal("One passenger", quote.Speaker);
        Assert.Equal("the train stopped twice in the tunnel", Content(text, quote));
    }

    [Fact]
    public void AQuoteEndingItsSentenceIsNotTheNextSentencesSubjects()
    {
        const string text = "“We will win in November.” Trump campaigned in Ohio on Monday.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => Content(text, q) == "We will win in November.");
        Assert.Null(quote.Speaker);
    }

    [Fact]
    public void ANameBeforeTheColonOpeningAQuoteIsItsSpeaker()
    {
        const string text = "The timing of the surge does not surprise Republican pollster Daron Shaw: “Lesser-known candidates often gain after early wins.”";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.EndsWith("Daron Shaw", quote.Speaker);
    }

    [Fact]
    public void ALowerCaseLabelBeforeAColonNamesNoSpeaker()
    {
        const string text = "The full transcript as follows: “Tonight we are going to talk about the economy.”";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Null(quote.Speaker);
    }

    [Fact]
    public void AParticipleAfterACueSpeaksForThatCuesSpeaker()
    {
        const string text = "Vice President Joe Biden spoke on Monday. Senator Warren was there too.\n\n“They are both qualified,” she said, adding, “Hillary is overwhelmingly qualified to be president.”";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var second = Assert.Single(quotes, q => Content(text, q).StartsWith("Hillary", StringComparison.Ordinal));
        Assert.Equal("she", second.Speaker);
        Assert.Equal("adding", second.Cue);
    }

    [Theory]
    [InlineData("“Nothing we could do now would make a difference,” Fred Kagan, director of the Critical Threats Project at the hawkish American Enterprise Institute, said in an interview.", "Fred Kagan")]
    [InlineData("Later on Sunday, Carson shared a syllabus on his Facebook page, writing “Allow me to do the research for the reporter.”", "Carson")]
    [InlineData("The governor of Ohio, Gov. John Kasich (R-OH), said, “I’m getting ready to rent a covered wagon.”", "Gov. John Kasich")]
    [InlineData("Washington Post columnist Margaret Sullivan, in an attempt to draw attention to the lack of press conferences, wrote, “The candidate answered seven questions.”", "Washington Post columnist Margaret Sullivan")]
    public void TheSpeakerIsFoundPastAppositionsIntroductionsAndTags(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Fact]
    public void AQuoteAfterAnAttributionKeepsItsSpeakerOverSpeechReportedInsideIt()
    {
        const string text = "“Do these people read newspapers?” said Bob Mulholland, a superdelegate who has accused Sanders supporters of harassing his staff. “They are not helping anyone.”";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var second = Assert.Single(quotes, q => Content(text, q) == "They are not helping anyone.");
        Assert.Equal("Bob Mulholland", second.Speaker);
    }

    [Theory]
    [InlineData("“As we mourn the victims, we say a special prayer for the community,” Romney tweeted the day after the attack.", "Romney")]
    [InlineData("“It drives the prices of everything up,” the Republican said this week.", "the Republican")]
    public void AQuoteEndingInACommaKeepsTheCueAfterItThoughATimeFollows(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Fact]
    public void ACountedCueRightAfterAQuoteSpeaksForTheNameAfterIt()
    {
        const string text = "“Gun owners should leave their weapons at home,” opined Cleveland's Plain Dealer.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal("Cleveland's Plain Dealer", quote.Speaker);
        Assert.Equal("opined", quote.Cue);
    }

    [Theory]
    [InlineData("At a breakfast in Philadelphia, Canova wrote to his 20,000 Twitter followers, “It’s time to end her political career for good.”", "Canova")]
    [InlineData("The chairman told the Reuters news agency simply, “We lost.”", "The chairman")]
    public void AListedCueBehindAPrepositionalPhraseOrAnAddresseeIntroducesTheQuote(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Theory]
    [InlineData("Eight years ago, he supported Barack Obama over Clinton and said, “Hillary Clinton has never done anything for us.”", "he")]
    [InlineData("Minutes later, she sent an email saying, “The work is done.”", "she")]
    public void ARelativeTimeOpeningTheSentenceIsNoSpeaker(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal(speaker, quote.Speaker);
    }

    [Theory]
    [InlineData("Reid caucused in Nevada on Saturday and says he voted “uncommitted.”", "uncommitted.", "Reid")]
    [InlineData("Paul Huntley, a Sanders delegate from California, said he wanted “common-sense solutions to the problem.”", "common-sense solutions", "Paul Huntley")]
    public void ACountedVerbsQuotedObjectIsPartOfTheSpeechAroundIt(string text, string quoted, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => Content(text, q).Contains(quoted, StringComparison.Ordinal));
        Assert.NotEqual(QuoteKind.Direct, quote.Kind);
        Assert.Equal(speaker, quote.Speaker);
    }
}
