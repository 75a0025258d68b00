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
}
