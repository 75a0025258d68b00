using Dossier.Documents;
using Dossier.Entities;
using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>
/// What everyday web pages (reviews, guides, blogs, tweets, listings) put in front of the quote stage that news wires do
/// not: the writer talking to the reader, labels before colons, contractions, adverbs before the subject.
/// </summary>
public sealed class QuoteWebPrecisionTests
{
    private static string Content(string text, Quote quote) => text[quote.Content.Start..quote.Content.End];

    [Theory]
    [InlineData("Also, in case you want to know, the air quality index in Delhi right now is 218.")]
    [InlineData("Netflix has been a game changer but no one knows just how much disruption the streaming wars will have on pay television.")]
    [InlineData("The screen is half an inch larger, and you can't even tell that the machine is larger than the old design.")]
    public void AGenericSpeakerReportsNothingSaid(string text)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Empty(quotes);
    }

    [Theory]
    [InlineData("We will never know why the family grew apart over the years.")]
    [InlineData("I definitely didn’t expect to include a television in this gift guide.")]
    [InlineData("I’d like to think the new banks will be better for consumers.")]
    public void TheWritersNegatedOrModalThoughtReportsNothingSaid(string text)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Empty(quotes);
    }

    [Theory]
    [InlineData("I would like to announce my departure from the Republican Party today.", "I")]
    [InlineData("Lawmakers have not said when they would take up the reauthorization bill.", "Lawmakers")]
    public void AModalVerbOfSpeechAndAThirdPersonsSilenceStayAttributed(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(speaker, Assert.Single(quotes).Speaker);
    }

    [Fact]
    public void ACliticIsNoPartOfTheSpeakerNorTheCue()
    {
        const string text = "Officials can't say that the bridge is safe for heavy trucks.\n\nThey’ve said that the bridge would reopen in May.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(2, quotes.Length);
        Assert.Equal("Officials", quotes[0].Speaker);
        Assert.Equal("say", quotes[0].Cue);
        Assert.Equal("the bridge is safe for heavy trucks", Content(text, quotes[0]));
        Assert.Equal("They", quotes[1].Speaker);
    }

    [Fact]
    public void ANounAfterAPossessiveIsNoCueUnlessItIntroducesAClause()
    {
        var (_, noun) = QuoteTestDocuments.Analyze("The protests degrade the Communist Party's claim to a divine right of power.");
        Assert.Empty(noun);

        const string text = "Trump’s claim that there were thousands of shootings in Chicago was false.";
        var (_, claim) = QuoteTestDocuments.Analyze(text);
        Assert.Contains("there were thousands of shootings", Content(text, Assert.Single(claim)), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAdverbBeforeTheSubjectIsNoPartOfTheSpeaker()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze("The new engine is 20% more powerful, yet Nissan says it will offer better gas mileage.");
        Assert.Equal("Nissan", Assert.Single(quotes).Speaker);
    }

    [Fact]
    public void ASubjectPronounAfterARunOnTweetIsTheWholeSubject()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze("Through our schools, we have started distributing 50 lakh masks today I urge all residents to use them whenever needed.");
        Assert.Equal("I", Assert.Single(quotes).Speaker);
    }

    [Theory]
    [InlineData("Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.")]
    [InlineData("DEAR ABBY: My husband of more than 20 years just purchased plane tickets to India.")]
    public void AListOrASalutationAfterAColonIsNoStatement(string text)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Empty(quotes);
    }

    [Fact]
    public void WithEntitiesAColonLabelMustNameAPersonOrABody()
    {
        const string text = "Fact Check: Is An Oxygen Bar Offering Fresh Air For 300 Rupees?\n\nKerry: Trump's plan threatens national security.";
        var kerry = text.IndexOf("Kerry", StringComparison.Ordinal);
        var entities = new EntityLayer(
            [new EntityMention(new TextSpan(kerry, kerry + "Kerry".Length), EntityLabel.PER, 0)],
            [new DocumentEntity(0, "Kerry", EntityLabel.PER, [])]);

        var (_, quotes) = QuoteTestDocuments.Analyze(text, entities);
        var quote = Assert.Single(quotes);
        Assert.Equal("Kerry", quote.Speaker);

        // Without entities the stage cannot tell a section label from a name and keeps both, as on the PolNeAR bench.
        var (_, unlinked) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(2, unlinked.Length);
    }

    [Fact]
    public void ANameAfterACueBetweenCommasSpeaksTheSentenceAroundIt()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze("The key to Stadia's success, says Buser, is Google's built-in infrastructure.");
        Assert.Equal("Buser", Assert.Single(quotes).Speaker);
    }

    [Fact]
    public void ARoleWordInsideAnOrganisationsNameIsNoRole()
    {
        const string text = "The campaign cost the state roughly $449,000, according to the Sioux Falls Argus Leader.";
        var name = text.IndexOf("Sioux", StringComparison.Ordinal);
        var entities = new EntityLayer(
            [new EntityMention(new TextSpan(name, text.Length - 1), EntityLabel.ORG, 0)],
            [new DocumentEntity(0, "Sioux Falls Argus Leader", EntityLabel.ORG, [])]);

        var (_, quotes) = QuoteTestDocuments.Analyze(text, entities);
        var quote = Assert.Single(quotes);
        Assert.Equal("the Sioux Falls Argus Leader", quote.Speaker);
        Assert.Equal(SpeakerKind.Organisation, quote.SpeakerKind);
    }

    [Theory]
    [InlineData("Experts on jail suicide told reporters that an inmate can be removed from suicide watch too early.", "Experts on jail suicide")]
    [InlineData("A doctor on the scene told reporters that the man had been shot twice.", "A doctor on the scene")]
    public void APrepositionsObjectIsNoSubjectOfItsOwn(string text, string speaker)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Equal(speaker, Assert.Single(quotes).Speaker);
    }
}
