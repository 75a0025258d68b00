using Dossier.Claims;
using Dossier.Documents;

namespace Dossier.Tests.Claims;

/// <summary>Errors an analyst read in the samples' report, one class per test, on wording that is not the samples'.</summary>
public sealed class ClaimDenialReadingTests
{
    private static Claim ClaimWith(Document document, string words)
    {
        var claim = document.Get(Layers.Claims).FirstOrDefault(c => document.TextOf(c.Span).Contains(words, StringComparison.Ordinal));
        Assert.True(claim is not null, $"no claim with \"{words}\"");
        return claim;
    }

    [Theory]
    [InlineData("Corvo Shipping's swift rebuttal suggests the company fears losing its port contracts.")]
    [InlineData("However, the bank's strong public denial shows a wish to protect its licence in Singapore.")]
    [InlineData("However, the firm’s strong public rebuttal indicates a desire to stay out of broader trade disputes.")]
    [InlineData("Whether the allegations will lead to action against Brightwater Capital remains unclear.")]
    public void A_noun_that_refers_back_to_a_denial_or_allegation_is_not_a_new_one(string text)
    {
        var claims = ClaimTestSupport.Analyze(text).Get(Layers.Claims);
        Assert.DoesNotContain(claims, c => c.Status is ClaimStatus.Denied or ClaimStatus.Alleged);
    }

    [Theory]
    [InlineData("Allegations of bribery at Norrland Timber surfaced in a court filing last week.", ClaimStatus.Alleged)]
    [InlineData("Garnet Airlines issued a denial of the report on Friday.", ClaimStatus.Denied)]
    public void A_noun_that_says_what_it_holds_or_is_indefinite_still_counts(string text, ClaimStatus status)
    {
        Assert.Contains(ClaimTestSupport.Analyze(text).Get(Layers.Claims), c => c.Status == status);
    }

    [Theory]
    [InlineData("Verity Pharma said the accusations were completely false.")]
    [InlineData("“These reports are totally false,” a Kestrel Mining spokesman said.")]
    public void An_intensified_falsehood_is_a_denial(string text)
    {
        Assert.Contains(ClaimTestSupport.Analyze(text).Get(Layers.Claims), c => c.Status == ClaimStatus.Denied);
    }

    [Fact]
    public void A_denial_does_not_answer_the_subjects_own_favourable_statement()
    {
        var document = ClaimTestSupport.Analyze(
            "Regulators accused Tovar Mining of polluting two rivers in Peru. Tovar Mining reiterated that it operates in compliance with all environmental laws. " +
            "Tovar Mining denied the pollution charges on Monday.");
        var claims = document.Get(Layers.Claims);
        var denial = ClaimWith(document, "denied the pollution");
        Assert.Equal(ClaimStatus.Denied, denial.Status);
        Assert.NotNull(denial.RespondsTo);
        Assert.Contains("accused Tovar Mining", document.TextOf(claims[denial.RespondsTo!.Value].Span), StringComparison.Ordinal);
    }

    [Fact]
    public void The_outlet_of_a_denied_allegation_is_not_the_source_of_the_denial()
    {
        var document = ClaimTestSupport.Analyze("Orsa Holdings has firmly rejected allegations made in a Reuters report that it bribed port officials.");
        var denial = ClaimWith(document, "rejected allegations");
        Assert.Equal(ClaimStatus.Denied, denial.Status);
        Assert.NotEqual("Reuters", denial.Source?.Text);
    }

    [Fact]
    public void Examples_after_such_as_take_no_category_from_an_earlier_sentence()
    {
        var document = ClaimTestSupport.Analyze(
            "Kestrel Cloud leaked the personal data of two million users. Officials urged banks to stop working with Chinese lenders. " +
            "These include state lenders such as Bank of Harbin and Jilin Credit.");
        var claims = document.Get(Layers.Claims).Where(c => document.TextOf(c.Span).StartsWith("These include", StringComparison.Ordinal));
        Assert.DoesNotContain(claims, c => c.Category == "data_security");
    }
}
