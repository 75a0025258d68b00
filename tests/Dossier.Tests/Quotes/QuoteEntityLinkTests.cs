using Dossier.Documents;
using Dossier.Entities;
using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>With an Entities layer (given here as input), speakers link to their entities and spokespeople to their organisation.</summary>
public sealed class QuoteEntityLinkTests
{
    private const string Text = "“We deny it,” an Alibaba spokesperson said. “Trade will continue,” Daniel Zhang added. “It is fine,” she said.";

    private static EntityLayer Entities()
    {
        TextSpan Find(string s) => new(Text.IndexOf(s, StringComparison.Ordinal), Text.IndexOf(s, StringComparison.Ordinal) + s.Length);
        return new EntityLayer(
            [
                new EntityMention(Find("Alibaba"), EntityLabel.ORG, 0),
                new EntityMention(Find("Daniel Zhang"), EntityLabel.PER, 1),
            ],
            [
                new DocumentEntity(0, "Alibaba", EntityLabel.ORG, ["Alibaba"]),
                new DocumentEntity(1, "Daniel Zhang", EntityLabel.PER, ["Daniel Zhang"]),
            ]);
    }

    [Fact]
    public void ASpokespersonSpeaksForTheOrganisationNamedInTheRole()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(Text, Entities());
        Assert.Equal(SpeakerKind.Role, quotes[0].SpeakerKind);
        Assert.Null(quotes[0].SpeakerEntityId);
        Assert.Equal(0, quotes[0].SpeakerOrganisationId);
    }

    [Fact]
    public void ANamedSpeakerLinksToItsEntityAndAPronounFollowsIt()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(Text, Entities());
        Assert.Equal(SpeakerKind.NamedPerson, quotes[1].SpeakerKind);
        Assert.Equal(1, quotes[1].SpeakerEntityId);
        Assert.Equal(SpeakerKind.Pronoun, quotes[2].SpeakerKind);
        Assert.Equal(1, quotes[2].SpeakerEntityId);
        Assert.Equal("Daniel Zhang", quotes[2].ResolvedSpeaker);
    }

    [Fact]
    public void TheSpokespersonSpeaksForTheOrganisationOfTheSpokespersonNamedBefore()
    {
        const string text = "“We deny it,” an Alibaba spokesperson said on Saturday. Analysts were not convinced. “We take these concerns seriously,” the spokesperson added.";
        var alibaba = text.IndexOf("Alibaba", StringComparison.Ordinal);
        var entities = new EntityLayer(
            [new EntityMention(new TextSpan(alibaba, alibaba + "Alibaba".Length), EntityLabel.ORG, 0)],
            [new DocumentEntity(0, "Alibaba", EntityLabel.ORG, ["Alibaba"])]);
        var (_, quotes) = QuoteTestDocuments.Analyze(text, entities);
        var later = Assert.Single(quotes, q => q.Speaker == "the spokesperson");
        Assert.Equal(SpeakerKind.Role, later.SpeakerKind);
        Assert.Equal(0, later.SpeakerOrganisationId);
    }

    [Fact]
    public void ANameThatAddsAtOnceToAnUnnamedOfficersWordsSpeaksForTheOfficersOrganisation()
    {
        const string text = "“Our stores will stay open,” the chief executive of Harlow Foods said on the call. “We believe trade will continue,” Chen added.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text, HarlowFoodsAndChen(text));
        var added = Assert.Single(quotes, q => q.Speaker == "Chen");
        Assert.Equal(1, added.SpeakerEntityId);
        Assert.Equal(0, added.SpeakerOrganisationId);

        // After a spokesperson, who speaks for many, a name that adds is someone else.
        var (_, afterSpokesperson) = QuoteTestDocuments.Analyze(Text, Entities());
        Assert.Null(afterSpokesperson[1].SpeakerOrganisationId);
    }

    [Theory]
    [InlineData("a Harlow Foods representative")]
    [InlineData("a Harlow Foods spokeswoman")]
    public void ANameThatAddsToASpokespersonsWordsIsSomeoneElse(string role)
    {
        Assert.Contains(role.Split(' ')[^1], (IReadOnlySet<string>)QuoteLexicon.Default.SpokespersonNouns);
        var text = $"“Our stores will stay open,” {role} said on the call. “We believe trade will continue,” Chen added.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text, HarlowFoodsAndChen(text));
        Assert.Null(Assert.Single(quotes, q => q.Speaker == "Chen").SpeakerOrganisationId);
    }

    /// <summary>Harlow Foods (organisation 0) and Chen (person 1), as the entity stage would find them in the text.</summary>
    private static EntityLayer HarlowFoodsAndChen(string text)
    {
        var harlow = text.IndexOf("Harlow Foods", StringComparison.Ordinal);
        var chen = text.IndexOf("Chen", StringComparison.Ordinal);
        return new EntityLayer(
            [new EntityMention(new TextSpan(harlow, harlow + "Harlow Foods".Length), EntityLabel.ORG, 0), new EntityMention(new TextSpan(chen, chen + 4), EntityLabel.PER, 1)],
            [new DocumentEntity(0, "Harlow Foods", EntityLabel.ORG, ["Harlow Foods"]), new DocumentEntity(1, "Chen", EntityLabel.PER, ["Chen"])]);
    }

    [Fact]
    public void WithoutEntitiesNoIdsAreInvented()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(Text);
        Assert.All(quotes, q => Assert.Null(q.SpeakerEntityId));
        Assert.All(quotes, q => Assert.Null(q.SpeakerOrganisationId));
    }
}
