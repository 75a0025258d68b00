using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>How double quotation marks pair when a quotation nests in another or a mark is typed the wrong way round.</summary>
public sealed class QuoteMarksTests
{
    private static List<string> Passages(string text) =>
        QuoteMarks.Find(text, QuoteTestDocuments.Paragraphs(text)).Select(p => text[p.Inner.Start..p.Inner.End]).ToList();

    [Theory]
    [InlineData("Ward said: \"The department isn’t about “Equal Justice Under Law” anymore. It is about power.\" Then she left.",
        "The department isn’t about “Equal Justice Under Law” anymore. It is about power.")]
    [InlineData("“I’d rather live in what he calls “hell” than live in a world where he is president.” ― Adriana Rodarte",
        "I’d rather live in what he calls “hell” than live in a world where he is president.")]
    [InlineData("“The claim that a deal “has to do with Israel” makes clear he has no clue,” wrote Morton Klein.",
        "The claim that a deal “has to do with Israel” makes clear he has no clue")]
    public void AQuotationNestedInAnotherDoesNotCloseIt(string text, string passage) =>
        Assert.Equal([passage], Passages(text));

    [Fact]
    public void AnOpeningMarkTypedWhereAQuoteClosesClosesIt() =>
        Assert.Equal(["It's unusual", "It's a hard thing to do."], Passages("“It's unusual,“ said Larry Noble, an attorney. “It's a hard thing to do.”"));

    [Fact]
    public void TwoClosingSingleMarksCloseAQuoteAsADoubleOneDoes() =>
        Assert.Equal(["It was an attempt to mislead voters", "And I think it is inappropriate."],
            Passages("“It was an attempt to mislead voters,’’ Will Moy told the BBC. “And I think it is inappropriate.”"));

    [Fact]
    public void AMarkAfterTheEndOfASentenceDoesNotNestSoTheNextClosingMarkEndsTheQuote() =>
        Assert.Equal(["and said hello. I was shell-shocked. “And she said, ‘Do you understand,'"], Passages("She approached her “and said hello. I was shell-shocked. “And she said, ‘Do you understand,'” Broaddrick said."));

    [Fact]
    public void ANestedQuoteClosingAParagraphClosesTheQuoteAroundIt() =>
        Assert.Equal(["Trump walked onto the stage, chanting “U-S-A! U-S-A!", "That’s right, Donald"],
            Passages("\"Trump walked onto the stage, chanting “U-S-A! U-S-A!”\n\n“That’s right, Donald,” Melanie said."));
}
