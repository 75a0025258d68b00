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
    [Theory]
    [InlineData("Norvik Capital paid $5 million to settle the case without admitting or denying the regulator's findings.")]
    [InlineData("Norvik Capital neither admitted nor denied the regulator's findings in the settlement.")]
    public void A_settlement_without_admitting_or_denying_is_no_denial(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.NotEmpty(claims);
        Assert.DoesNotContain(claims, c => c.Status is ClaimStatus.Denied or ClaimStatus.Negated);
    }

    [Theory]
    [InlineData("Nobody disputes that Norvik Mining dumped toxic waste in the river.")]
    [InlineData("No one disputes that Norvik Mining dumped toxic waste in the river.")]
    [InlineData("Norvik Mining has not denied bribing the customs officials.")]
    public void A_negated_denial_affirms(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.Contains(claims, c => c.Status == ClaimStatus.Asserted && c.Polarity == Polarity.Adverse);
        Assert.DoesNotContain(claims, c => c.Status is ClaimStatus.Denied or ClaimStatus.Negated);
    }

    [Fact]
    public void A_reckoning_is_an_estimate()
    {
        var claims = ClaimTestSupport.Analyze("Analysts reckon the recall will cost Norvik Motors $300 million.").Get(Layers.Claims);
        Assert.Contains(claims, c => c.Status == ClaimStatus.Estimated);
    }

    [Theory]
    [InlineData("Investigators suspect that Norvik Mining bribed a minister.")]
    [InlineData("Officials believe Norvik Shipping evaded the oil embargo.")]
    [InlineData("Norvik Shipping is believed to have evaded the oil embargo.")]
    public void A_risk_someone_believes_or_suspects_is_alleged(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.Contains(claims, c => c.Status == ClaimStatus.Alleged);
    }

    [Theory]
    [InlineData("“We believe we comply with all regulations,” Norvik Mining said.")]
    [InlineData("Norvik Mining believes its fine was unlawful.")]
    public void A_subjects_own_belief_is_no_allegation(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.NotEmpty(claims);
        Assert.DoesNotContain(claims, c => c.Status == ClaimStatus.Alleged);
    }

    [Fact]
    public void A_risk_put_as_a_question_is_alleged()
    {
        var claims = ClaimTestSupport.AnalyzeSentence("Did Norvik Bank launder money for the cartel?").Get(Layers.Claims);
        Assert.Contains(claims, c => c.Category == "fraud_financial_crime" && c.Status == ClaimStatus.Alleged);
    }

    [Fact]
    public void A_question_that_takes_the_risk_as_given_does_not_make_it_alleged()
    {
        var claims = ClaimTestSupport.AnalyzeSentence("Why did regulators fine Norvik Bank only $2 million?").Get(Layers.Claims);
        Assert.Contains(claims, c => c.Category == "regulatory_legal" && c.Status == ClaimStatus.Asserted);
    }

    [Theory]
    [InlineData("Norvik Bank paid bribes to win the port contract, sources said.")]
    [InlineData("Norvik Media is preparing a bid for a rival publisher, according to people familiar with the matter.")]
    public void A_claim_resting_only_on_unnamed_sources_is_alleged(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.Contains(claims, c => c.Status == ClaimStatus.Alleged);
    }

    [Theory]
    [InlineData("Workers at Norvik Textiles were not paid for three months.")]
    [InlineData("Residents near the Norvik Chemicals plant were not warned about the leak.")]
    public void A_harm_stated_as_something_withheld_is_not_a_negation(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.NotEmpty(claims);
        Assert.DoesNotContain(claims, c => c.Status == ClaimStatus.Negated);
    }

    [Theory]
    [InlineData("Norvik Foods will open 40 stores next year, its chief executive told reporters.")]
    [InlineData("Norvik Bank broke the money-laundering rules, a judge ruled on Tuesday.")]
    public void A_closing_attribution_with_an_addressee_or_a_ruling_is_a_named_source(string text)
    {
        var claims = ClaimTestSupport.ProcessClaimsOnly(text).Get(Layers.Claims);
        Assert.Contains(claims, c => c.Status == ClaimStatus.Reported && c.Source is not null);
    }

    [Fact]
    public void Ruling_something_out_is_no_reporting_frame()
    {
        var document = ClaimTestSupport.Analyze("Norvik Motors ruled out paying the fine before its appeal is heard.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Null(claim.Source);
        Assert.Equal(["Norvik Motors"], ClaimTestSupport.SubjectTexts(document, claim));
    }
    [Theory]
    [InlineData("The competition authority said Norvik Cement had fixed prices with its rivals.")]
    [InlineData("The union said Norvik Textiles locked workers inside during night shifts.")]
    public void A_public_body_or_union_that_says_something_is_a_named_source(string text)
    {
        var claims = ClaimTestSupport.ProcessClaimsOnly(text).Get(Layers.Claims);
        Assert.Contains(claims, c => c.Status == ClaimStatus.Reported);
    }
}
