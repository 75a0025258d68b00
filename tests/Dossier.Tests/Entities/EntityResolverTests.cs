using Dossier.Documents;
using Dossier.Entities;

namespace Dossier.Tests.Entities;

[Collection(EntityPipelineCollection.Name)]
public sealed class EntityResolverTests(EntityPipelineFixture fixture)
{
    private (Document Document, EntityLayer Layer) Analyze(string text)
    {
        var document = fixture.Analyze(text);
        return (document, document.Get(Layers.Entities));
    }

    private static int IdOf(Document document, EntityLayer layer, string text) =>
        layer.Mentions.First(m => document.TextOf(m.Span) == text).EntityId;

    [Fact]
    public void ASurnameAloneIsThePersonNamedInFull()
    {
        var (document, layer) = Analyze("Jim Carafano, a fellow at the Heritage Foundation, spoke on Monday. Carafano said the rules were clear.");
        Assert.Equal(IdOf(document, layer, "Jim Carafano"), IdOf(document, layer, "Carafano"));
        Assert.Equal(EntityLabel.PER, layer.Entities[IdOf(document, layer, "Carafano")].Label);
    }

    [Fact]
    public void AnAcronymIsTheOrganisationItAbbreviates()
    {
        var (document, layer) = Analyze("The report named the People's Liberation Army. The PLA did not comment.");
        Assert.Equal(IdOf(document, layer, "People's Liberation Army"), IdOf(document, layer, "PLA"));
    }

    /// <summary>The resolver alone over names given as (text, label), found in order in the text, so that the tagger's reading does not decide the test.</summary>
    private EntityLayer Resolve(string text, params (string Name, EntityLabel Label)[] names)
    {
        var document = fixture.Analyze(text);
        var tokens = document.Get(Layers.Tokens);
        var chunks = new List<EntityResolver.NameChunk>();
        var from = 0;
        foreach (var (name, label) in names)
        {
            var start = text.IndexOf(name, from, StringComparison.Ordinal);
            from = start + name.Length;
            var first = tokens.ToList().FindIndex(t => t.Span.Start == start);
            var end = tokens.ToList().FindIndex(t => t.Span.End == from) + 1;
            chunks.Add(new EntityResolver.NameChunk(first, end, label));
        }

        return new EntityResolver(EntityLexicons.Load()).Resolve(text, tokens, document.Get(Layers.Sentences), chunks);
    }

    private static int NamedId(string text, EntityLayer layer, string name) =>
        layer.Mentions.First(m => m.Kind == MentionKind.Name && text[m.Span.Start..m.Span.End] == name).EntityId;

    [Fact]
    public void AnOrganisationsNameWithoutTheNationalityItOpensWithIsTheSameOrganisation()
    {
        const string text = "Chinese firms answer to the Chinese Communist Party. Their data ends up with the Communist Party.";
        var layer = Resolve(text, ("Chinese", EntityLabel.MISC), ("Chinese Communist Party", EntityLabel.ORG), ("Communist Party", EntityLabel.ORG));
        Assert.Equal(NamedId(text, layer, "Chinese Communist Party"), NamedId(text, layer, "Communist Party"));
    }

    [Fact]
    public void TheLastWordOfAnOrganisationsNameWithTheBeforeItIsThatOrganisationNamedLast()
    {
        const string text = "The Labour Party lost. Firms obey the Chinese Communist Party. They hand over data whenever the Party asks.";
        var layer = Resolve(text, ("Labour Party", EntityLabel.ORG), ("Chinese Communist Party", EntityLabel.ORG), ("Party", EntityLabel.ORG));
        var party = Assert.Single(layer.Mentions, m => text[m.Span.Start..m.Span.End] == "the Party");
        Assert.Equal(NamedId(text, layer, "Chinese Communist Party"), party.EntityId);
        Assert.Equal(MentionKind.Nominal, party.Kind);

        // A reference, not a name: "Party" is no alias an analyst would look the party up by.
        Assert.DoesNotContain("Party", layer.Entities[party.EntityId].Aliases);
    }

    [Fact]
    public void ANameWhoseNextWordInLowerCaseCompletesAnOrganisationsNameIsThatOrganisation()
    {
        const string text = "The Labour Party won the vote. Critics said the Labour party spent heavily on Labour voters.";
        var layer = Resolve(text, ("Labour Party", EntityLabel.ORG), ("Labour", EntityLabel.MISC), ("Labour", EntityLabel.MISC));
        var party = Assert.Single(layer.Mentions, m => text[m.Span.Start..m.Span.End] == "Labour party");
        Assert.Equal(NamedId(text, layer, "Labour Party"), party.EntityId);
        Assert.Equal(EntityLabel.ORG, party.Label);
        Assert.Single(layer.Mentions, m => text[m.Span.Start..m.Span.End] == "Labour");
    }

    [Fact]
    public void AOneWordNameWithoutTheIsItsOwnEntity()
    {
        const string text = "Firms obey the Chinese Communist Party. Party officials declined to comment.";
        var layer = Resolve(text, ("Chinese Communist Party", EntityLabel.ORG), ("Party", EntityLabel.ORG));
        Assert.NotEqual(NamedId(text, layer, "Chinese Communist Party"), NamedId(text, layer, "Party"));
    }

    [Fact]
    public void AnOrganisationsNameInsideAnotherIsNotItWhenTheOtherOpensWithMoreThanAPlace()
    {
        const string text = "The Liberal Democratic Party of Japan won the vote. Critics said the Democratic Party of Japan spent heavily.";
        var layer = Resolve(text, ("Liberal Democratic Party of Japan", EntityLabel.ORG), ("Democratic Party of Japan", EntityLabel.ORG));
        Assert.NotEqual(NamedId(text, layer, "Liberal Democratic Party of Japan"), NamedId(text, layer, "Democratic Party of Japan"));
    }

    [Fact]
    public void ACountrysAliasesAreOnePlace()
    {
        var (document, layer) = Analyze("Exports to the United States fell. Officials in Washington said U.S. demand was weak, and US buyers agreed.");
        var united = IdOf(document, layer, "United States");
        Assert.Equal(united, IdOf(document, layer, "U.S."));
        Assert.Equal(united, IdOf(document, layer, "US"));
        Assert.NotEqual(united, IdOf(document, layer, "Washington"));
    }

    [Fact]
    public void TheCompanyAndItsGoToTheOrganisationTheTextIsAbout()
    {
        var (document, layer) = Analyze("Siemens AG reported higher profit on Tuesday. The company said its orders rose, and the firm raised its forecast.");
        var siemens = IdOf(document, layer, "Siemens AG");
        Assert.All(layer.Mentions.Where(m => m.Kind != MentionKind.Name), m => Assert.Equal(siemens, m.EntityId));
        Assert.Contains(layer.Mentions, m => document.TextOf(m.Span) == "The company" && m.Kind == MentionKind.Nominal);
        Assert.Equal(2, layer.Mentions.Count(m => m.Kind == MentionKind.Pronoun));
    }

    [Fact]
    public void ADescriptionHeadedByAnOfferingNounIsTheOrganisationLastCalledSo()
    {
        var (document, layer) = Analyze("Orbis Media grew fast. Teenagers love the popular Vidzy Video app of Orbis Media. The president signed an order against the short-video app on Friday.");
        var app = Assert.Single(layer.Mentions, m => document.TextOf(m.Span) == "the short-video app");
        Assert.Equal(MentionKind.Nominal, app.Kind);
        Assert.Equal(IdOf(document, layer, "Vidzy Video"), app.EntityId);
    }

    [Theory]
    [InlineData("Orbis Media grew fast, and Orbis Media hired. The president signed an order against the short-video app on Friday.")]
    [InlineData("Orbis Media grew fast. Teenagers say Vidzy Video app users rose. The president signed an order against the short-video app on Friday.")]
    [InlineData("Orbis Media grew fast. Teenagers love the popular Vidzy Video app of Orbis Media. The president signed an order against the short-video app makers on Friday.")]
    public void AnOfferingNounStandsForNoOrganisationTheTextHasNotCalledSoNorWhenItModifiesAnotherNoun(string text)
    {
        var (document, layer) = Analyze(text);
        Assert.DoesNotContain(layer.Mentions, m => document.TextOf(m.Span) == "the short-video app");
    }

    [Fact]
    public void PluralDescriptionsDoNotReferToOneOrganisation()
    {
        var (_, layer) = Analyze("Siemens AG reported higher profit. The firms in the sector agreed.");
        Assert.DoesNotContain(layer.Mentions, m => m.Kind == MentionKind.Nominal);
    }

    [Fact]
    public void MentionsAreOrderedAndInsideTheText()
    {
        var (document, layer) = Analyze("Alibaba Group Holding said on Friday that Alibaba would invest in Germany. Its chief executive Daniel Zhang agreed.");
        Assert.Equal(layer.Mentions.OrderBy(m => m.Span).ToList(), layer.Mentions.ToList());
        Assert.All(layer.Mentions, m => Assert.True(m.Span.FitsIn(document.Text.Length)));
        Assert.All(layer.Mentions, m => Assert.InRange(m.EntityId, 0, layer.Entities.Length - 1));
    }

    [Fact]
    public void ADocumentWithoutTokensHasNoEntities()
    {
        var stage = new EntityRecognitionStage(fixture.Tagger, new EntityResolver(EntityLexicons.Load()));
        var document = Document.Create("empty", "", new DocumentMetadata { Source = "test" }).With(Layers.Tokens, []).With(Layers.Sentences, []);
        Assert.Empty(stage.Process(document, CancellationToken.None).Get(Layers.Entities).Mentions);
    }
}
