using Dossier.Documents;
using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>Every quotation in the three seed articles, with the speaker and kind a reader would give.</summary>
public sealed class QuoteGoldenTests
{
    private static Quote Single(Document document, string contentStart)
    {
        var quotes = document.Get(Layers.Quotes).Where(q => document.TextOf(q.Content).StartsWith(contentStart, StringComparison.Ordinal)).ToList();
        Assert.True(quotes.Count == 1, $"expected one quote starting with '{contentStart}', found {quotes.Count}");
        return quotes[0];
    }

    private static void AssertQuote(Document document, string contentStart, string speaker, SpeakerKind speakerKind, QuoteKind kind, string? cue = null)
    {
        var quote = Single(document, contentStart);
        Assert.Equal(speaker, quote.Speaker);
        Assert.Equal(speakerKind, quote.SpeakerKind);
        Assert.Equal(kind, quote.Kind);
        if (cue is not null) Assert.Equal(cue, quote.Cue);
        Assert.NotNull(quote.SpeakerSpan);
        Assert.Equal(speaker, document.TextOf(quote.SpeakerSpan!.Value));
        AssertEntityLinkHolds(document, quote);
    }

    /// <summary>Once the pipeline has entities, a named or organisational speaker must link to the entity its text names.</summary>
    private static void AssertEntityLinkHolds(Document document, Quote quote)
    {
        var entities = document.GetOrDefault(Layers.Entities);
        if (entities is null || entities.Mentions.IsDefaultOrEmpty) return;
        if (quote.SpeakerKind is SpeakerKind.NamedPerson or SpeakerKind.Organisation)
        {
            Assert.NotNull(quote.SpeakerEntityId);
        }
    }

    [Fact]
    public void LobbyingArticle()
    {
        var document = QuoteTestDocuments.AnalyzeSample("000_2eccd1d69f1900d9.txt");
        AssertQuote(document, "Let’s be clear: every company in China works for the Chinese Communist Party.", "Jim Carafano", SpeakerKind.NamedPerson, QuoteKind.Direct, "stated");
        AssertQuote(document, "It is estimated that 80 percent of American adults", "William Evanina", SpeakerKind.NamedPerson, QuoteKind.Direct, "affirmed");
        AssertQuote(document, "We really like your president [Bill Clinton].", "One of the Chinese generals", SpeakerKind.Unnamed, QuoteKind.Direct, "stated");
        AssertQuote(document, "the Chinese e-commerce giant, Alibaba, has been dishing out", "Just The News", SpeakerKind.Outlet, QuoteKind.Indirect, "reported");
        AssertQuote(document, "one of Alibaba’s influential companies, Mercury,", "The Just News Report", SpeakerKind.Outlet, QuoteKind.Indirect, "According to");
        // The Carafano quote is a whole paragraph after "stated in 2020:" and ends at its closing mark.
        Assert.EndsWith("respect for intellectual property.", document.TextOf(Single(document, "Let’s be clear").Content), StringComparison.Ordinal);
        Assert.Equal(5, document.Get(Layers.Quotes).Length);
    }

    [Fact]
    public void ReassuranceArticle()
    {
        var document = QuoteTestDocuments.AnalyzeSample("001_7fd185946db02069.txt");
        AssertQuote(document, "As the world’s largest e-commerce platform", "Chief Executive Officer of Alibaba", SpeakerKind.Role, QuoteKind.Direct, "said");
        AssertQuote(document, "We believe that global trade will continue", "Zhang", SpeakerKind.NamedPerson, QuoteKind.Direct, "added");
        AssertQuote(document, "We are assessing the situation", "Alibaba", SpeakerKind.Organisation, QuoteKind.Direct, "stated");
        AssertQuote(document, "it is monitoring the latest changes", "The company", SpeakerKind.Organisation, QuoteKind.Indirect, "added");
        // Zhang adds at once to the unnamed chief executive's words: he is that officer, speaking for Alibaba.
        var alibaba = Single(document, "As the world’s largest e-commerce platform").SpeakerOrganisationId;
        Assert.NotNull(alibaba);
        Assert.Equal(alibaba, Single(document, "We believe that global trade").SpeakerOrganisationId);
        // The nested ‘to make it easy …’ stays inside Zhang's quote.
        Assert.Contains("‘to make it easy to do business anywhere’", document.TextOf(Single(document, "We believe").Content), StringComparison.Ordinal);
    }

    [Fact]
    public void DenialArticle()
    {
        var document = QuoteTestDocuments.AnalyzeSample("002_61e0b9ad9df61b53.txt");
        AssertQuote(document, "The assertions and innuendos in the article are completely false", "an Alibaba spokesperson", SpeakerKind.Role, QuoteKind.Direct, "said");
        AssertQuote(document, "We question the motivation", "an Alibaba spokesperson", SpeakerKind.Role, QuoteKind.Direct);
        AssertQuote(document, "We take national security concerns seriously", "the spokesperson", SpeakerKind.Role, QuoteKind.Direct, "added");
        AssertQuote(document, "and we are committed to full transparency", "the spokesperson", SpeakerKind.Role, QuoteKind.Direct, "added");
        AssertQuote(document, "Even without concrete proof", "a Hong Kong-based geopolitical analyst", SpeakerKind.Unnamed, QuoteKind.Direct, "said");
        AssertQuote(document, "a declassified intelligence memo", "The Financial Times article", SpeakerKind.Outlet, QuoteKind.Indirect, "cited");
        AssertQuote(document, "the report “completely false” and “malicious,”", "the tech giant", SpeakerKind.Organisation, QuoteKind.Mixed, "called");
        AssertQuote(document, "its timing and intent", "the tech giant", SpeakerKind.Organisation, QuoteKind.Indirect, "questioning");
        // "several Chinese companies accused of facilitating …" are the accused, not speakers.
        Assert.DoesNotContain(document.Get(Layers.Quotes), q => q.Speaker is "Chinese companies");
        // The headline's quoted words are Alibaba's: "Alibaba Denounces Report on Alleged PLA Ties as ‘False and Malicious’".
        AssertQuote(document, "False and Malicious", "Alibaba", SpeakerKind.Organisation, QuoteKind.Partial, "Denounces");

        // The allegation the company refutes is the report's, not the company's.
        AssertQuote(document, "the company has links to the Chinese military", "a recent Financial Times report", SpeakerKind.Outlet, QuoteKind.Indirect, "claiming");
        // "the spokesperson" is the Alibaba spokesperson named before: all three statements speak for Alibaba.
        var spokesperson = Single(document, "The assertions and innuendos").SpeakerOrganisationId;
        Assert.All(document.Get(Layers.Quotes).Where(q => q.Speaker is "an Alibaba spokesperson" or "the spokesperson"), q => Assert.Equal(spokesperson, q.SpeakerOrganisationId));

        var alleged = Single(document, "Alibaba had been involved in providing unspecified support");
        Assert.Equal(SpeakerKind.Pronoun, alleged.SpeakerKind);
        Assert.Equal("It", alleged.Speaker);
        Assert.Equal("The Financial Times article", alleged.ResolvedSpeaker);
    }
}
