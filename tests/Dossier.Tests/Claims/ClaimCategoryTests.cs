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

    [Theory]
    [InlineData("Last week the Commerce Department urged American banks to halt their transactions with Russian lenders.", "sanctions_trade")]
    [InlineData("Regulators opened a fraud investigation into several lenders last month.", "fraud_financial_crime")]
    public void Each_example_a_sentence_lists_of_what_the_sentence_before_named_shares_its_risk(string before, string category)
    {
        const string examples = "These include state-owned lenders such as Sberbank, VTB Bank and Gazprombank.";
        var document = ClaimTestSupport.Analyze(before + " " + examples);
        var claim = Assert.Single(document.Get(Layers.Claims), c => document.TextOf(c.Span) == examples);
        Assert.Equal(category, claim.Category);
        Assert.Equal(["Sberbank", "VTB Bank", "Gazprombank"], ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Fact]
    public void Examples_of_something_that_is_no_risk_make_no_claim()
    {
        var document = ClaimTestSupport.Analyze("Norland Steel opened three new plants this year. These include sites such as Toledo Works and Dayton Mill.");
        Assert.DoesNotContain(document.Get(Layers.Claims), c => document.TextOf(c.Span).StartsWith("These", StringComparison.Ordinal));
    }

    [Fact]
    public void Being_told_to_stop_transactions_with_a_company_is_a_trade_measure_against_it()
    {
        var document = ClaimTestSupport.Analyze("The minister told exporters to stop their transactions with Norland Telecom.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal("sanctions_trade", claim.Category);
        Assert.Equal(["Norland Telecom"], ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Fact]
    public void An_executive_order_against_a_company_is_a_trade_measure_against_it()
    {
        var document = ClaimTestSupport.Analyze("The president signed an executive order against Norland Telecom on Friday.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal("sanctions_trade", claim.Category);
        Assert.Equal(["Norland Telecom"], ClaimTestSupport.SubjectTexts(document, claim));
    }
    [Theory]
    [InlineData("The audit showed that Norland Foods had been inflating its sales figures for years.", "fraud_financial_crime")]
    [InlineData("Norland Oil paid a facilitation fee to a customs officer to clear its rigs.", "corruption_bribery")]
    [InlineData("A contractor at Norland Mobile sold call records of politicians to a private detective.", "data_security")]
    [InlineData("Two engineers at Norland Networks spied on journalists for a foreign government.", "data_security")]
    [InlineData("Norland Toys' factory in Vietnam employed underage girls on its assembly lines.", "human_rights_labor")]
    [InlineData("Guards hired by Norland Palm drove farmers off their land at night.", "human_rights_labor")]
    [InlineData("Norland Pharma paid for a campaign against the bill that would cap drug prices.", "political_influence")]
    [InlineData("Norland Cement colluded with its two largest rivals for a decade.", "regulatory_legal")]
    [InlineData("Norland Telecom misled customers about the speed of its broadband.", "regulatory_legal")]
    [InlineData("Norland Shipping was designated by the Treasury for carrying Iranian oil.", "sanctions_trade")]
    public void Wording_from_news_the_first_cues_were_not_written_for_finds_its_category(string text, string category)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.Contains(document.Get(Layers.Claims), c => c.Category == category);
    }

    [Fact]
    public void Misleading_investors_stays_fraud()
    {
        var document = ClaimTestSupport.Analyze("Norland Capital misled investors about the losses in its property fund.");
        Assert.Contains(document.Get(Layers.Claims), c => c.Category == "fraud_financial_crime");
    }
}
