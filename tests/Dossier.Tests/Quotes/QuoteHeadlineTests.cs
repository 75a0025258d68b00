using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>
/// A title-case headline quotes in single marks and hides its verb among capitals: the words it quotes belong to the
/// short name opening it when a verb of speech follows that name.
/// </summary>
public sealed class QuoteHeadlineTests
{
    [Theory]
    [InlineData("Harlow Motors Rejects Union Pay Claim as 'Unaffordable'\n\nThe carmaker said on Friday that a 9% rise would put jobs at risk.", "Unaffordable", "Harlow Motors", "Rejects")]
    [InlineData("Pemberton Bank Denies ‘Systemic’ Failures in Anti-Fraud Controls\n\nThe lender said the problems were confined to one branch.", "Systemic", "Pemberton Bank", "Denies")]
    [InlineData("Lumen AI Calls Regulator's Findings 'Deeply Flawed'\n\nThe start-up will appeal, it said on Thursday.", "Deeply Flawed", "Lumen AI", "Calls")]
    public void AHeadlineGivesItsQuotedWordsToTheNameOpeningIt(string text, string content, string speaker, string cue)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var quote = Assert.Single(quotes, q => text[q.Content.Start..q.Content.End] == content);
        Assert.Equal(QuoteKind.Partial, quote.Kind);
        Assert.Equal(speaker, quote.Speaker);
        Assert.Equal(cue, quote.Cue);
    }

    [Theory]
    [InlineData("Startup Says ‘Goodbye’ to Passwords With New Login Tool")]
    [InlineData("Harlow Motors Unveils 'Electric' Delivery Van for City Fleets")]
    public void NoSpeakerWithoutAVerbOfSpeechInATitleCaseHeadline(string text)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.Empty(quotes);
    }

    [Fact]
    public void ApostrophesAreNoQuotationMarks()
    {
        var passages = QuoteMarks.FindSingle("Lumen AI Calls Regulator's Findings 'Deeply Flawed'", new Dossier.Documents.TextSpan(0, 51));
        var passage = Assert.Single(passages);
        Assert.Equal(37, passage.Inner.Start);
    }
}
