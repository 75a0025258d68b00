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
}
