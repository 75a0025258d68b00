using Dossier.Claims;
using Dossier.Documents;

namespace Dossier.Tests.Claims;

/// <summary>
/// Errors an analyst read in the samples' report, on wording that is not the samples': a company's own words taken as
/// claims about it, a Title Case headline's capitalised phrase taken as its subject, a trade ban read as no risk.
/// </summary>
public sealed class ClaimOwnWordsTests
{
    private static Claim? ClaimWith(Document document, string words) =>
        document.Get(Layers.Claims).FirstOrDefault(c => document.TextOf(c.Span).Contains(words, StringComparison.Ordinal));

    [Theory]
    [InlineData("Harlow Foods opened three stores in Vietnam this year. “We believe that demand will keep growing, and Harlow Foods’ commitment to local farmers is fully aligned with the interests of both countries,” Mei Chen added.", "We believe")]
    [InlineData("“As the largest grocer in the region, Harlow Foods’ primary focus is to support local farmers and small suppliers,” the chief executive of Harlow Foods said on the call.", "primary focus")]
    public void A_speakers_own_words_that_name_no_risk_are_its_statement_not_a_claim(string text, string words)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.Contains(document.Get(Layers.Quotes), q => document.TextOf(q.Content).Contains(words, StringComparison.Ordinal));
        var claim = ClaimWith(document, words);
        Assert.True(claim is null, claim is null ? "" : ClaimTestSupport.Describe(document, claim));
    }

    [Fact]
    public void A_companys_own_words_on_complying_with_regulations_are_a_favourable_regulatory_claim_about_it()
    {
        var document = ClaimTestSupport.Analyze(
            "Harlow Foods faces new import rules in Vietnam. “We are reviewing the new rules carefully and will take the necessary steps to comply with any new regulations,” Harlow Foods stated.");
        var claim = ClaimWith(document, "We are reviewing");
        Assert.NotNull(claim);
        Assert.Equal("regulatory_legal", claim.Category);
        Assert.Equal(ClaimStatus.Reported, claim.Status);
        Assert.Equal(Polarity.Favourable, claim.Polarity);
        Assert.Equal(["Harlow Foods"], ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Fact]
    public void A_speakers_own_words_that_deny_stay_a_claim()
    {
        var document = ClaimTestSupport.Analyze("“We have never paid a bribe to anyone, and Harlow Foods rejects these accusations,” the chief executive of Harlow Foods said.");
        var claim = ClaimWith(document, "never paid a bribe");
        Assert.NotNull(claim);
        Assert.Equal(ClaimStatus.Denied, claim.Status);
    }

    [Fact]
    public void A_third_person_pronoun_in_a_speakers_own_words_is_not_the_speaker()
    {
        var document = ClaimTestSupport.Analyze(
            "Regional vendors face new scrutiny over the data they collect from their customers.\n\n“They must hand over any customer data they hold whenever the security services ask,” Maria Okafor said on Monday.");
        var claim = ClaimWith(document, "They must hand over");
        Assert.True(claim is null || !ClaimTestSupport.SubjectTexts(document, claim).Any(s => s.Contains("Okafor", StringComparison.Ordinal)),
            claim is null ? "" : ClaimTestSupport.Describe(document, claim));
    }

    [Fact]
    public void In_a_Title_Case_headline_only_names_the_article_uses_elsewhere_are_subjects()
    {
        var document = ClaimTestSupport.Analyze(
            "Breaking: Senate Probe Finds Harlow Foods Paid Bribes To Customs Officers In Three Countries\n\nHarlow Foods did not answer questions about the payments.");
        var headline = ClaimWith(document, "Senate Probe Finds");
        Assert.NotNull(headline);
        Assert.Equal("corruption_bribery", headline.Category);
        Assert.Equal(["Harlow Foods"], ClaimTestSupport.SubjectTexts(document, headline));
    }

    [Theory]
    [InlineData("Orsa Holdings faces not just a fine but a criminal investigation in Norway.")]
    [InlineData("Orsa Holdings faces not merely a fine but a criminal investigation in Norway.")]
    public void Not_just_widens_a_claim_instead_of_negating_it(string text)
    {
        var document = ClaimTestSupport.Analyze(text);
        var claim = ClaimWith(document, "Orsa Holdings");
        Assert.NotNull(claim);
        Assert.Equal("regulatory_legal", claim.Category);
        Assert.Equal(ClaimStatus.Asserted, claim.Status);
        Assert.Equal(Polarity.Adverse, claim.Polarity);
    }

    [Fact]
    public void Being_banned_in_trading_with_a_market_is_a_sanctions_claim()
    {
        var document = ClaimTestSupport.Analyze("Among the targets is the largest steel maker, Kestrel Metals, which was first banned in trading with the U.S markets last year.");
        var claim = ClaimWith(document, "banned in trading");
        Assert.NotNull(claim);
        Assert.Equal("sanctions_trade", claim.Category);
        Assert.Equal(Polarity.Adverse, claim.Polarity);
    }
}
