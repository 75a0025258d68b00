using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>Who is no speaker (the accused of "accused of") and who speaks a participle after a quote (the sentence's whole subject).</summary>
public sealed class QuotePassiveAndParticipleTests
{
    [Theory]
    [InlineData("The government has imposed sanctions on several Chinese companies accused of facilitating military or surveillance activities.", "Chinese companies")]
    [InlineData("Regulators fined Orbis Bank, accused of laundering money for a cartel, a record sum last year.", "Orbis Bank")]
    public void TheAccusedIsNoSpeaker(string text, string accused)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.DoesNotContain(quotes, q => q.Speaker is { } speaker && speaker.Contains(accused, StringComparison.Ordinal));
    }

    [Fact]
    public void TheSpeakerOfAParticipleAfterAQuoteIsTheWholeSubjectNotItsFirstWords()
    {
        const string text = "Alibaba Group Holding has strongly refuted allegations. In a rare public statement, the tech giant called the report " +
                            "“completely false” and “malicious,” questioning its timing and intent, particularly in light of the recent trade negotiations.";
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        var questioning = Assert.Single(quotes, q => text[q.Content.Start..q.Content.End].StartsWith("its timing", StringComparison.Ordinal));
        Assert.Equal("the tech giant", questioning.Speaker);
    }
}
