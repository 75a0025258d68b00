using Dossier.Claims;
using Dossier.Documents;

namespace Dossier.Tests.Claims;

public sealed class ClaimStatusCueTests
{
    [Theory]
    [InlineData("Zurich Insurance said insurance claims from the floods reached $1.2 billion in March.")]
    [InlineData("Initial jobless claims rose to 230,000 last week, the Labor Department said.")]
    [InlineData("Allianz paid warranty claims worth 40 million euros to Volkswagen dealers last year.")]
    public void Claims_as_a_business_noun_do_not_make_a_sentence_an_allegation(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.DoesNotContain(claims, c => c.Status == ClaimStatus.Alleged);
    }

    [Theory]
    [InlineData("Prosecutors claim that Orbis Bank laundered $40 million for a sanctioned oligarch.")]
    [InlineData("The lawsuit claims Orbis Bank hid $40 million in losses from its investors.")]
    public void Claims_as_a_verb_still_make_an_allegation(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.Contains(claims, c => c.Status == ClaimStatus.Alleged);
    }

    [Theory]
    [InlineData("Observers note that allegations of bribery against Norvik Mining are not new.")]
    [InlineData("Allegations that Norvik Mining paid kickbacks to customs officials aren't new.")]
    [InlineData("Regulators said allegations of fraud at Norvik Mining were not the first against the group.")]
    public void An_allegation_called_old_news_is_still_an_allegation_not_a_negation(string text)
    {
        var document = ClaimTestSupport.Analyze(text);
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal(ClaimStatus.Alleged, claim.Status);
        Assert.Equal(Polarity.Adverse, claim.Polarity);
    }

    [Theory]
    [InlineData("Norvik Mining was not fined by the regulator.")]
    [InlineData("Norvik Mining has never paid bribes to customs officials, the court found.")]
    public void A_plain_negation_still_negates(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.Contains(claims, c => c.Status == ClaimStatus.Negated);
    }
}
