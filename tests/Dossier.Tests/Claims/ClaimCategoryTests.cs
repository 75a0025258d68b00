using Dossier.Documents;

namespace Dossier.Tests.Claims;

public sealed class ClaimCategoryTests
{
    [Theory]
    [InlineData("Mayor Walsh keeps attacking foreign steel makers in his election speeches across Ohio.")]
    [InlineData("The governor criticised Norland Steel again at an election rally in Toledo.")]
    public void An_election_as_the_setting_of_a_speech_is_no_political_influence(string text)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.DoesNotContain(document.Get(Layers.Claims), c => c.Category == "political_influence");
    }

    [Theory]
    [InlineData("Norland Steel funded attack ads in the last election, filings show.")]
    [InlineData("Investigators say Norland Steel tried to sway the election with secret payments to candidates.")]
    public void Influence_on_an_election_still_is(string text)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.Contains(document.Get(Layers.Claims), c => c.Category == "political_influence");
    }

    [Fact]
    public void An_executive_order_against_a_company_is_a_trade_measure_against_it()
    {
        var document = ClaimTestSupport.Analyze("The president signed an executive order against Norland Telecom on Friday.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal("sanctions_trade", claim.Category);
        Assert.Equal(["Norland Telecom"], ClaimTestSupport.SubjectTexts(document, claim));
    }
}
