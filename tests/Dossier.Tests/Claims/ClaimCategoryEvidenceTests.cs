using Dossier.Claims;
using Dossier.Documents;

namespace Dossier.Tests.Claims;

/// <summary>How much a category needs: everyday news uses many of the cue words in their plain sense.</summary>
public sealed class ClaimCategoryEvidenceTests
{
    [Theory]
    [InlineData("Data previously collected by Orbis Space's telescope supported the existence of the plumes.")]
    [InlineData("The Harlow Wolves' defense held Rivertown to 12 points in the second half on Friday.")]
    [InlineData("Harlow Foods recalled that its founder sold apples from a cart in 1952.")]
    [InlineData("For cocaine we used data published in 2018 by the Orbis Agency and, for marijuana, data from Harlow University.")]
    [InlineData("Mr. Harlow's tariffs also remain a source of uncertainty for the talks with Orbis.")]
    [InlineData("Kukushkin had beaten Botic Harlow 6-2, 6-2 in the first round.")]
    public void A_plain_sense_cue_alone_in_the_articles_own_voice_is_no_risk(string text)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.All(document.Get(Layers.Claims), c => Assert.True(c.Category == ClaimLexicon.OtherCategory, ClaimTestSupport.Describe(document, c)));
    }

    [Theory]
    [InlineData("Streamly allegedly shared its users' data with advertisers.", "data_security")]
    [InlineData("Orbis Bank was fined $2 million by the regulator last year.", "regulatory_legal")]
    public void A_plain_sense_cue_in_an_allegation_or_a_risk_cue_alone_still_makes_a_risk_claim(string text, string category)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.Contains(document.Get(Layers.Claims), c => c.Category == category);
    }

    [Theory]
    [InlineData("The Harlow review stage may last for a while and that's perfectly fine.")]
    [InlineData("The Orbis Project built the simulation without sacrificing the fine details of individual galaxies.")]
    [InlineData("Rivertown plans to reduce coal-fired fine dusts by 90% by 2030, Harlow Energy said.")]
    public void Fine_the_adjective_is_no_penalty(string text)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.All(document.Get(Layers.Claims), c => Assert.True(c.Category == ClaimLexicon.OtherCategory, ClaimTestSupport.Describe(document, c)));
    }

    [Theory]
    [InlineData("Harlow Bank faces a maximum $250,000 fine.")]
    [InlineData("Orbis Bank paid a fine of $2 million to the regulator.")]
    [InlineData("The fine imposed on Orbis Bank was the largest ever.")]
    public void Fine_the_noun_is_a_penalty(string text)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.Contains(document.Get(Layers.Claims), c => c.Category == "regulatory_legal");
    }

    [Theory]
    [InlineData("“Life was not long enough,” she recalled, “for Harlow to do all the stuff that he would think of to do.”")]
    [InlineData("“My partner is John Harlow,” Matthesen recalled in an email to the newspaper, which had alleged the opposite.")]
    [InlineData("State Department official David Harlow told investigators last week that he recalled it “vividly,” according to the report.")]
    public void Recalled_as_memory_or_speech_is_no_product_recall(string text)
    {
        var document = ClaimTestSupport.AnalyzeSentence(text);
        Assert.DoesNotContain(document.Get(Layers.Claims), c => c.Category == "regulatory_legal");
    }

    [Fact]
    public void A_recall_of_goods_in_a_reported_clause_is_still_regulatory() =>
        Assert.Contains(ClaimTestSupport.Analyze("Orbis Motors was forced to recall 20,000 cars over faulty brakes, regulators said.").Get(Layers.Claims), c => c.Category == "regulatory_legal");

    [Theory]
    [InlineData("Impeachment sham completely debunked: White House")]
    [InlineData("Harlow Kent was known for boasting about his access, said another witness in the impeachment probe, Jane Orbis.")]
    public void A_risk_cue_after_a_topic_noun_names_the_proceeding(string text)
    {
        var document = ClaimTestSupport.AnalyzeSentence(text);
        Assert.All(document.Get(Layers.Claims), c => Assert.True(c.Category == ClaimLexicon.OtherCategory, ClaimTestSupport.Describe(document, c)));
    }

    [Fact]
    public void A_probe_without_a_topic_noun_is_still_regulatory() =>
        Assert.Contains(ClaimTestSupport.Analyze("Harlow Kent faces a probe by the securities regulator, his lawyer said.").Get(Layers.Claims), c => c.Category == "regulatory_legal");
}
