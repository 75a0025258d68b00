using Dossier.Documents;

namespace Dossier.Tests.Claims;

/// <summary>Where a claim taken from a quotation starts and ends: at the quote's words, not at a mark whose partner lies in another sentence.</summary>
public sealed class ClaimQuoteSpanTests
{
    private const string MultiSentenceQuote =
        "The regulator's chief, Anna Berg, said on Monday:\n\n" +
        "“Orbis Bank was fined for money laundering last year. Harlow Mining bribed officials to win the licence.”\n\n" +
        "“Ural Savings was sued for fraud,” Anna Berg said.";

    [Fact]
    public void A_claim_from_inside_a_multi_sentence_quote_starts_at_its_first_word_and_ends_at_its_last()
    {
        var document = ClaimTestSupport.Analyze(MultiSentenceQuote);
        var texts = document.Get(Layers.Claims).Select(c => document.TextOf(c.Span)).ToList();
        Assert.Contains("Orbis Bank was fined for money laundering last year.", texts);
        Assert.Contains("Harlow Mining bribed officials to win the licence.", texts);
    }

    [Fact]
    public void A_clause_inside_indirect_speech_keeps_its_full_stop()
    {
        var document = ClaimTestSupport.Analyze("Trump has recently tried to suggest that he barely knows his hand-picked ambassador, but Sondland has said he has spoken several times with the president and was acting on his direction.");
        Assert.Contains(document.Get(Layers.Claims), c => document.TextOf(c.Span).EndsWith("acting on his direction.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MultiSentenceQuote, "“Ural Savings was sued for fraud,” Anna Berg said.")]
    [InlineData("\"Ural Savings was sued for fraud,” Anna Berg said.", "\"Ural Savings was sued for fraud,” Anna Berg said.")]
    [InlineData("“Ural Savings was sued for fraud,’’ Anna Berg said.", "“Ural Savings was sued for fraud,’’ Anna Berg said.")]
    public void A_quote_that_opens_and_closes_in_the_claim_keeps_its_marks_whichever_the_page_typed(string text, string claim)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.Contains(document.Get(Layers.Claims), c => document.TextOf(c.Span) == claim);
    }
}
