using Dossier.Entities;
using Dossier.Linking;

namespace Dossier.Tests.Linking;

public sealed class EntityKeyTests
{
    [Theory]
    [InlineData("Alibaba Group")]
    [InlineData("Alibaba Group Holding Ltd.")]
    [InlineData("Alibaba Group Holding")]
    [InlineData("ALIBABA")]
    [InlineData("阿里巴巴")]
    public void Variants_of_Alibaba_share_its_key(string name) =>
        Assert.Equal(EntityKey.For("Alibaba", EntityLabel.ORG), EntityKey.For(name, EntityLabel.ORG));

    [Theory]
    [InlineData("Alibaba", "Alibaba Pictures")]
    [InlineData("Alibaba Group", "Alibaba Pictures Group")]
    [InlineData("Huawei", "Huawei Marine")]
    [InlineData("Huawei Technologies", "Huawei Marine Networks")]
    public void Similar_but_different_names_stay_apart(string a, string b) =>
        Assert.NotEqual(EntityKey.For(a, EntityLabel.ORG), EntityKey.For(b, EntityLabel.ORG));

    [Fact]
    public void Labels_keep_entities_apart() =>
        Assert.NotEqual(EntityKey.For("Jordan", EntityLabel.PER), EntityKey.For("Jordan", EntityLabel.LOC));

    [Fact]
    public void Place_synonyms_meet() =>
        Assert.Equal(EntityKey.For("United States", EntityLabel.LOC), EntityKey.For("U.S.", EntityLabel.LOC));

    [Fact]
    public void A_merge_says_why()
    {
        var chinese = EntityKey.Explain("阿里巴巴", EntityLabel.ORG);
        var legal = EntityKey.Explain("Alibaba Group Holding Ltd.", EntityLabel.ORG);
        Assert.Contains(chinese.Steps, step => step.Contains("transliterated", StringComparison.Ordinal));
        Assert.Contains(legal.Steps, step => step.Contains("group holding ltd", StringComparison.Ordinal));
        var why = EntityKeyExplanation.WhyMerged("Alibaba Group Holding Ltd.", legal, "阿里巴巴", chinese);
        Assert.Contains("share key", why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_split_applies_to_the_name_itself_not_its_key() =>
        Assert.NotEqual(EntityKey.ForName("Alibaba Group", EntityLabel.ORG), EntityKey.ForName("Alibaba", EntityLabel.ORG));

    [Theory]
    [InlineData("")]
    [InlineData("...")]
    [InlineData("\u0000\uFFFF")]
    public void Odd_names_get_a_key_without_crashing(string name) => Assert.StartsWith("ORG:", EntityKey.For(name, EntityLabel.ORG), StringComparison.Ordinal);
}

public sealed class PersonShortNamesTests
{
    private static readonly (long, string)[] People = [(1, "Donald Trump"), (2, "Ivanka Trump"), (3, "Jim Carafano"), (4, "Xi Jinping"), (5, "Carafano Industries")];

    [Theory]
    [InlineData("Carafano", 3)]
    [InlineData("Xi", 4)]
    [InlineData("Jinping", 4)]
    [InlineData("Jim", 3)]
    public void A_short_name_stands_for_the_one_full_name_it_begins_or_ends(string shortName, long person) =>
        Assert.Equal(person, PersonShortNames.FullNameFor(shortName, People.Where(p => p.Item2 != "Carafano Industries")));

    [Theory]
    [InlineData("Trump")]
    [InlineData("Carafano")]
    [InlineData("Donald Trump")]
    [InlineData("Pompeo")]
    [InlineData("Tru")]
    public void A_short_name_that_several_full_names_or_none_share_stands_for_none(string shortName) =>
        Assert.Null(PersonShortNames.FullNameFor(shortName, People));

    [Fact]
    public void Only_a_persons_full_name_has_short_names()
    {
        Assert.Equal(["PER:donald", "PER:trump"], PersonShortNames.ShortNameKeys("Donald Trump", EntityLabel.PER));
        Assert.Empty(PersonShortNames.ShortNameKeys("Trump", EntityLabel.PER));
        Assert.Empty(PersonShortNames.ShortNameKeys("Trump Organization", EntityLabel.ORG));
        Assert.True(PersonShortNames.IsShortName("Trump", EntityLabel.PER));
        Assert.False(PersonShortNames.IsShortName("Trump", EntityLabel.ORG));
        Assert.False(PersonShortNames.IsShortName("Donald Trump", EntityLabel.PER));
    }
}
