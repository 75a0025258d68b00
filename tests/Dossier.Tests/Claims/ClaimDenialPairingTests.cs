using Dossier.Claims;
using Dossier.Documents;

namespace Dossier.Tests.Claims;

public sealed class ClaimDenialPairingTests
{
    [Fact]
    public void A_denial_answers_the_allegation_before_it_even_outside_the_taxonomy_not_an_older_risk_claim()
    {
        var document = ClaimTestSupport.Analyze(
            "Harlan Voss faces 18 criminal charges in the US, including conspiring to hack government computers. " +
            "Voss was accused of assault by a former colleague after a conference in Oslo in 2012. " +
            "He has always denied the allegations, saying the meeting was friendly.");
        var claims = document.Get(Layers.Claims);
        var denial = Assert.Single(claims, c => c.Status == ClaimStatus.Denied);
        Assert.NotEqual("data_security", denial.Category);
        Assert.NotNull(denial.RespondsTo);
        Assert.Contains("accused of assault", document.TextOf(claims[denial.RespondsTo.Value].Span), StringComparison.Ordinal);
    }
}
