using Dossier.Claims;
using Dossier.Documents;

namespace Dossier.Tests.Claims;

public sealed class ClaimFirstPersonTests
{
    [Theory]
    [InlineData("Harlow Studios fired its coach on Monday after a losing season. “I don't blame him,” said Mark Ellis, a longtime fan of the club.")]
    [InlineData("Harlow Studios fired its coach on Monday after a losing season. I don't see the downside for Harlow Studios.")]
    public void A_first_person_opinion_that_negates_no_risk_is_no_negated_claim(string text)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.DoesNotContain(document.Get(Layers.Claims), c => c.Status == ClaimStatus.Negated);
    }

    [Fact]
    public void A_first_person_negation_of_a_risk_stays_a_claim()
    {
        var document = ClaimTestSupport.Analyze("“We have not paid any bribes to officials,” a Harlow Studios spokesman said.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal(ClaimStatus.Negated, claim.Status);
        Assert.Equal(Polarity.Favourable, claim.Polarity);
    }
}
