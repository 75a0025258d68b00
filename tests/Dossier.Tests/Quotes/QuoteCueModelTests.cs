using System.Globalization;
using Dossier.Quotes;
using Dossier.Text;

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

    [Theory]
    [InlineData("000_2eccd1d69f1900d9.txt")]
    [InlineData("001_7fd185946db02069.txt")]
    [InlineData("002_61e0b9ad9df61b53.txt")]
    public void TheScoreIsTheSumOfTheFeatureWeightsInOrder(string sample)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Samples, sample));
        var words = new TokenWords(text, new Tokenizer().Tokenize(text));
        var model = CueModel.Default;
        var cues = 0;
        for (var i = 0; i < words.Count; i++)
        {
            double expected = 0;
            foreach (var feature in CueModel.Features(words, i)) expected += model.WeightOf(feature);
            Assert.Equal(expected, model.Score(words, i));
            if (expected > 0) cues++;
        }

        Assert.True(cues > 0);
    }

    /// <summary>
    /// A model that knows every feature of every token of a text, each with its own weight, including words holding the
    /// '|' that joins a pair's words and the empty word outside the text: each token still scores the sum of its features'
    /// weights, in order, to the last bit.
    /// </summary>
    [Fact]
    public void EveryFeatureOfEveryTokenCountsOnceWhateverItsWordsHold()
    {
        const string text = "Sources | that said | the plan || x|y \"believes\" THAT 42 things, that he thought A|B wants it.";
        var words = new TokenWords(text, new Tokenizer().Tokenize(text));
        Assert.Contains(Enumerable.Range(0, words.Count), i => words.Text(i).Contains('|', StringComparison.Ordinal));
        var features = Enumerable.Range(0, words.Count).SelectMany(i => CueModel.Features(words, i)).Distinct(StringComparer.Ordinal).ToList();
        var model = CueModel.Parse(features.Select((feature, k) => feature + "\t" + ((k % 23 - 11) / 8.0 + k / 1024.0).ToString("R", CultureInfo.InvariantCulture)));
        Assert.Equal(features.Count, model.FeatureCount);
        for (var i = 0; i < words.Count; i++)
        {
            double expected = 0;
            foreach (var feature in CueModel.Features(words, i)) expected += model.WeightOf(feature);
            Assert.Equal(expected, model.Score(words, i));
            Assert.NotEqual(model.WeightOf("bias"), model.Score(words, i));
        }
    }

    [Fact]
    public void ADocumentsCueScoresAreTheModelsScoresWhicheverTokenIsAskedFirst()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Samples, "000_2eccd1d69f1900d9.txt"));
        var words = new TokenWords(text, new Tokenizer().Tokenize(text));
        var scores = new CueScores(CueModel.Default, words);
        for (var i = words.Count - 1; i >= 0; i -= 2) Assert.Equal(CueModel.Default.Score(words, i), scores[i]);
        for (var i = 0; i < words.Count; i++) Assert.Equal(CueModel.Default.Score(words, i), scores[i]);
    }
}
