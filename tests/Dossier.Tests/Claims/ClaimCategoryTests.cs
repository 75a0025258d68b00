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
}
