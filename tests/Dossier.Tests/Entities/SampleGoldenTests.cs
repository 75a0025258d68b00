using Dossier.Documents;
using Dossier.Entities;

namespace Dossier.Tests.Entities;

/// <summary>The organisations, people and places named in the three sample articles, with the labels they must get.</summary>
[Collection(EntityPipelineCollection.Name)]
public sealed class SampleGoldenTests(EntityPipelineFixture fixture)
{
    public static TheoryData<string, string, EntityLabel> Expected => new()
    {
        { "000_2eccd1d69f1900d9.txt", "Alibaba", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "Just The News", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "U.S.", EntityLabel.LOC },
        { "000_2eccd1d69f1900d9.txt", "Democratic Party", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "Democratic National Committee Service Corporation", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "China", EntityLabel.LOC },
        { "000_2eccd1d69f1900d9.txt", "Heritage Foundation", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "Jim Carafano", EntityLabel.PER },
        { "000_2eccd1d69f1900d9.txt", "Chinese Communist Party", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "CCP", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "National Counterintelligence and Security Center", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "William Evanina", EntityLabel.PER },
        { "000_2eccd1d69f1900d9.txt", "Democratic National Committee", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "Bill Clinton", EntityLabel.PER },
        { "000_2eccd1d69f1900d9.txt", "Mercury", EntityLabel.ORG },
        { "000_2eccd1d69f1900d9.txt", "Cuomo", EntityLabel.PER },
        { "000_2eccd1d69f1900d9.txt", "Democratic Congressional Campaign Committee", EntityLabel.ORG },
        { "001_7fd185946db02069.txt", "Alibaba", EntityLabel.ORG },
        { "001_7fd185946db02069.txt", "Trump", EntityLabel.PER },
        { "001_7fd185946db02069.txt", "U.S.", EntityLabel.LOC },
        { "001_7fd185946db02069.txt", "United States", EntityLabel.LOC },
        { "001_7fd185946db02069.txt", "China", EntityLabel.LOC },
        { "001_7fd185946db02069.txt", "Mike Pompeo", EntityLabel.PER },
        { "001_7fd185946db02069.txt", "Tencent Holdings Ltd.", EntityLabel.ORG },
        { "001_7fd185946db02069.txt", "Baidu Inc.", EntityLabel.ORG },
        { "001_7fd185946db02069.txt", "TikTok", EntityLabel.ORG },
        { "001_7fd185946db02069.txt", "Bytdance", EntityLabel.ORG },
        { "001_7fd185946db02069.txt", "WeChat", EntityLabel.ORG },
        { "001_7fd185946db02069.txt", "Zhang", EntityLabel.PER },
        { "001_7fd185946db02069.txt", "Huawei", EntityLabel.ORG },
        { "002_61e0b9ad9df61b53.txt", "Alibaba Group Holding", EntityLabel.ORG },
        { "002_61e0b9ad9df61b53.txt", "Alibaba", EntityLabel.ORG },
        { "002_61e0b9ad9df61b53.txt", "Financial Times", EntityLabel.ORG },
        { "002_61e0b9ad9df61b53.txt", "United States", EntityLabel.LOC },
        { "002_61e0b9ad9df61b53.txt", "China", EntityLabel.LOC },
        { "002_61e0b9ad9df61b53.txt", "People’s Liberation Army", EntityLabel.ORG },
        { "002_61e0b9ad9df61b53.txt", "PLA", EntityLabel.ORG },
        { "002_61e0b9ad9df61b53.txt", "U.S.", EntityLabel.LOC },
        { "002_61e0b9ad9df61b53.txt", "Xi Jinping", EntityLabel.PER },
        { "002_61e0b9ad9df61b53.txt", "Donald Trump", EntityLabel.PER },
        { "002_61e0b9ad9df61b53.txt", "South Korea", EntityLabel.LOC },
        { "002_61e0b9ad9df61b53.txt", "Huawei", EntityLabel.ORG },
        { "002_61e0b9ad9df61b53.txt", "Hikvision", EntityLabel.ORG },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void EveryNamedOrganisationPersonAndPlaceIsFoundWithItsLabel(string file, string name, EntityLabel label)
    {
        var document = fixture.AnalyzeSample(file);
        var found = EntityPipelineFixture.Names(document).Where(n => n.Text == name || n.Text.EndsWith(" " + name, StringComparison.Ordinal) || n.Text.StartsWith(name + " ", StringComparison.Ordinal)).ToList();
        Assert.True(found.Count > 0, $"'{name}' was not found in {file}");
        Assert.All(found, n => Assert.Equal(label, n.Mention.Label));
    }

    [Fact]
    public void TheHeadlinesNewReportIsNoOrganisation()
    {
        var document = fixture.AnalyzeSample("000_2eccd1d69f1900d9.txt");
        Assert.DoesNotContain(EntityPipelineFixture.Names(document), n => n.Text.Contains("New Report", StringComparison.Ordinal));
        Assert.Contains(EntityPipelineFixture.Names(document), n => n.Text == "Alibaba" && n.Mention.Span.Start < 130);
    }

    [Fact]
    public void TheWhiteHouseIsAPlaceOrAnOrganisation()
    {
        var document = fixture.AnalyzeSample("002_61e0b9ad9df61b53.txt");
        var whiteHouse = Assert.Single(EntityPipelineFixture.Names(document), n => n.Text == "White House");
        Assert.Contains(whiteHouse.Mention.Label, new[] { EntityLabel.LOC, EntityLabel.ORG });
    }

    [Fact]
    public void AlibabaGroupHoldingAndAlibabaAreOneEntity()
    {
        var document = fixture.AnalyzeSample("002_61e0b9ad9df61b53.txt");
        var layer = document.Get(Layers.Entities);
        var ids = EntityPipelineFixture.Names(document).Where(n => n.Text.StartsWith("Alibaba", StringComparison.Ordinal)).Select(n => n.Mention.EntityId).Distinct().ToList();
        var id = Assert.Single(ids);
        Assert.Equal("Alibaba Group Holding", layer.Entities[id].Name);
        Assert.Contains("Alibaba", layer.Entities[id].Aliases);
    }

    [Fact]
    public void TheCommunistPartyIsTheChineseCommunistParty()
    {
        var document = fixture.AnalyzeSample("000_2eccd1d69f1900d9.txt");
        var ids = EntityPipelineFixture.Names(document).Where(n => n.Text.EndsWith("Communist Party", StringComparison.Ordinal)).Select(n => n.Mention.EntityId).Distinct();
        Assert.Single(ids);
    }

    [Theory]
    [InlineData("Chinese Communist Party", "the Party")]
    [InlineData("Democratic Party", "Democratic party")]
    public void AShorterOrLowerCaseReferenceInTheLobbyingArticleIsTheOrganisationItStandsFor(string organisation, string reference)
    {
        var document = fixture.AnalyzeSample("000_2eccd1d69f1900d9.txt");
        var layer = document.Get(Layers.Entities);
        var id = layer.Entities.Single(e => e.Name == organisation).Id;
        Assert.Contains(layer.Mentions, m => document.TextOf(m.Span) == reference && m.EntityId == id);
        Assert.DoesNotContain(layer.Entities, e => e.Name == reference.Replace("the ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void DescriptionsAndPronounsOfAlibabaResolveToIt()
    {
        var document = fixture.AnalyzeSample("002_61e0b9ad9df61b53.txt");
        var layer = document.Get(Layers.Entities);
        var alibaba = layer.Entities.Single(e => e.Name == "Alibaba Group Holding").Id;
        var referring = layer.Mentions.Where(m => m.Kind != MentionKind.Name).Select(m => (Text: document.TextOf(m.Span), m.EntityId, m.Kind)).ToList();
        Assert.Contains(("the company", alibaba, MentionKind.Nominal), referring);
        Assert.Contains(("the tech giant", alibaba, MentionKind.Nominal), referring);
        Assert.Contains(("the firm", alibaba, MentionKind.Nominal), referring);
        Assert.Contains(referring, r => r.Text == "its" && r.EntityId == alibaba && r.Kind == MentionKind.Pronoun);
    }

    [Fact]
    public void TheECommerceGiantInAppositionIsAlibaba()
    {
        var document = fixture.AnalyzeSample("000_2eccd1d69f1900d9.txt");
        var layer = document.Get(Layers.Entities);
        var giant = Assert.Single(layer.Mentions, m => document.TextOf(m.Span) == "the Chinese e-commerce giant");
        Assert.Equal("Alibaba", layer.Entities[giant.EntityId].Name);
    }

    [Fact]
    public void USAndUnitedStatesAreOnePlace()
    {
        var document = fixture.AnalyzeSample("001_7fd185946db02069.txt");
        var ids = EntityPipelineFixture.Names(document).Where(n => n.Text is "U.S." or "United States" or "U.S").Select(n => n.Mention.EntityId).Distinct();
        Assert.Single(ids);
    }

    [Fact]
    public void TitlesAndRolesAreKept()
    {
        var pompeo = EntityPipelineFixture.Names(fixture.AnalyzeSample("001_7fd185946db02069.txt")).Single(n => n.Text == "Mike Pompeo");
        Assert.Equal("Secretary", pompeo.Mention.Title);
        var evanina = EntityPipelineFixture.Names(fixture.AnalyzeSample("000_2eccd1d69f1900d9.txt")).Single(n => n.Text == "William Evanina");
        Assert.Equal("The former director of the National Counterintelligence and Security Center", evanina.Mention.Title);
    }

    [Theory]
    [InlineData("000_2eccd1d69f1900d9.txt")]
    [InlineData("001_7fd185946db02069.txt")]
    [InlineData("002_61e0b9ad9df61b53.txt")]
    public void NoNameRunsAcrossABracket(string file)
    {
        // "the CCP [Chinese Communist Party]" names the party twice, as two mentions.
        Assert.DoesNotContain(EntityPipelineFixture.Names(fixture.AnalyzeSample(file)), n => n.Text.IndexOfAny(['[', ']', '(', ')']) >= 0);
    }

    [Fact]
    public void APersonsNameStopsBeforeTheAcronymAfterIt()
    {
        var people = EntityPipelineFixture.Names(fixture.AnalyzeSample("000_2eccd1d69f1900d9.txt"))
            .Where(n => n.Mention.Label == EntityLabel.PER).Select(n => n.Text).ToList();
        Assert.Contains("Cuomo", people);
        Assert.DoesNotContain(people, p => p.Contains("NYC", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Governor Cuomo NYC 's team", 1, 3, 2)]
    [InlineData("Jane Doe MP said", 0, 3, 2)]
    [InlineData("Martin Luther King III spoke", 0, 4, 4)]
    [InlineData("Ken Griffey JR homered", 0, 3, 3)]
    [InlineData("DONALD TRUMP SPEAKS", 0, 2, 2)]
    [InlineData("AJ Styles won", 0, 2, 2)]
    public void APersonsTaggedNameEndsBeforeWordsInCapitals(string sentence, int start, int end, int expectedEnd)
    {
        Assert.Equal(expectedEnd, EntityRecognitionStage.PersonNameEnd(sentence.Split(' '), start, end));
    }

    [Fact]
    public void ATaggedNameIsCutAtItsBrackets()
    {
        string[] words = ["the", "CCP", "[", "Chinese", "Communist", "Party", "]", "said"];
        Assert.Equal([(1, 2), (3, 6)], EntityRecognitionStage.WithoutBrackets(words, 1, 7));
        Assert.Equal([(3, 6)], EntityRecognitionStage.WithoutBrackets(words, 3, 6));
        Assert.Empty(EntityRecognitionStage.WithoutBrackets(words, 2, 3));
    }
}
