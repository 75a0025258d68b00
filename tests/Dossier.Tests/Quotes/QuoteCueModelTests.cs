using Dossier.Quotes;

namespace Dossier.Tests.Quotes;

/// <summary>The learned cue model: unlisted verbs of intention and belief attribute indirect speech; listed exclusions stay out.</summary>
public sealed class QuoteCueModelTests
{
    private const string Belief = "The governor thought the plan would pass easily.";

    [Fact]
    public void AnUnlistedCueTheModelKnowsAttributesTheClauseAfterIt()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(Belief);
        var quote = Assert.Single(quotes);
        Assert.Equal("The governor", quote.Speaker);
        Assert.Equal("thought", quote.Cue);
        Assert.Equal(QuoteKind.Indirect, quote.Kind);
        Assert.Equal("the plan would pass easily", Belief[quote.Content.Start..quote.Content.End]);
    }

    [Fact]
    public void WithoutTheModelTheSameSentenceHasNoQuote()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(Belief, options: new QuoteOptions { CueModelThreshold = null, TaggedAttributions = false });
        Assert.Empty(quotes);
    }

    [Fact]
    public void WhatAGroupIncludesIsNotAQuote()
    {
        var (_, quotes) = QuoteTestDocuments.Analyze("The management includes a previous communications adviser for the governor.");
        Assert.Empty(quotes);
    }
}
