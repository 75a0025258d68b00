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
    [InlineData("Analysts reckon the recall will cost Norvik Motors $300 million.", ClaimStatus.Estimated)]
    [InlineData("Investigators suspect that Norvik Mining bribed a minister.", ClaimStatus.Alleged)]
    [InlineData("Officials believe Norvik Shipping evaded the oil embargo.", ClaimStatus.Alleged)]
    [InlineData("Norvik Shipping is believed to have evaded the oil embargo.", ClaimStatus.Alleged)]
    [InlineData("Norvik Bank paid bribes to win the port contract, sources said.", ClaimStatus.Alleged)]
    [InlineData("Norvik Media is preparing a bid for a rival publisher, according to people familiar with the matter.", ClaimStatus.Alleged)]
    public void A_reckoning_an_others_belief_or_unnamed_sources_give_their_status(string text, ClaimStatus expected)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.Contains(claims, c => c.Status == expected);
    }

    [Theory]
    [InlineData("Norvik Capital paid $5 million to settle the case without admitting or denying the regulator's findings.", ClaimStatus.Denied)]
    [InlineData("Norvik Capital neither admitted nor denied the regulator's findings in the settlement.", ClaimStatus.Denied)]
    [InlineData("Norvik Capital neither admitted nor denied the regulator's findings in the settlement.", ClaimStatus.Negated)]
    [InlineData("“We believe we comply with all regulations,” Norvik Mining said.", ClaimStatus.Alleged)]
    [InlineData("Norvik Mining believes its fine was unlawful.", ClaimStatus.Alleged)]
    [InlineData("Workers at Norvik Textiles were not paid for three months.", ClaimStatus.Negated)]
    [InlineData("Residents near the Norvik Chemicals plant were not warned about the leak.", ClaimStatus.Negated)]
    public void A_settlement_formula_the_subjects_own_belief_or_a_harm_withheld_does_not_give_the_status_it_resembles(string text, ClaimStatus resembled)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.NotEmpty(claims);
        Assert.DoesNotContain(claims, c => c.Status == resembled);
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

    [Theory]
    [InlineData("Did Norvik Bank launder money for the cartel?", ClaimStatus.Alleged)]
    [InlineData("Why did regulators fine Norvik Bank only $2 million?", ClaimStatus.Asserted)]
    public void A_yes_no_question_makes_a_risk_alleged_a_question_that_takes_it_as_given_does_not(string text, ClaimStatus expected)
    {
        var claims = ClaimTestSupport.AnalyzeSentence(text).Get(Layers.Claims);
        Assert.Contains(claims, c => c.Category != "other" && c.Status == expected);
    }

    [Theory]
    [InlineData("Norvik Foods will open 40 stores next year, its chief executive told reporters.")]
    [InlineData("Norvik Bank broke the money-laundering rules, a judge ruled on Tuesday.")]
    [InlineData("The competition authority said Norvik Cement had fixed prices with its rivals.")]
    [InlineData("The union said Norvik Textiles locked workers inside during night shifts.")]
    public void A_closing_told_a_ruling_a_public_body_or_a_union_is_a_named_source(string text)
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
}
