using System.Collections.Immutable;
using Dossier.Claims;
using Dossier.Documents;
using Dossier.Text;

namespace Dossier.Tests.Claims;

public sealed class HedgeTests
{
    private static string[] Cues(string text)
    {
        var tokens = new Tokenizer().Tokenize(text);
        return [.. HedgeLexicon.Default.Find(text, tokens, 0, tokens.Length).Select(found => text[found.Span.Start..found.Span.End])];
    }

    [Fact]
    public void NewsHedgesAreFoundWithTheirExactSpans() =>
        Assert.Equal(
            ["purportedly", "reportedly", "viewed", "may", "without concrete proof"],
            Cues("A memo purportedly used by the White House, which officials reportedly viewed as a threat, may matter. Even without concrete proof, reports spread."));

    [Fact]
    public void ACertainSentenceHasNoCue() => Assert.Empty(Cues("Alibaba opened a data centre in Frankfurt in 2016."));

    [Fact]
    public void TheLearnerScoresACueByTheShareOfItsOccurrencesThatAreAnnotated()
    {
        static HedgeTrainingSentence Sentence(string text, params string[] cues) =>
            new(text, [.. cues.Select(c => new TextSpan(text.IndexOf(c, StringComparison.Ordinal), text.IndexOf(c, StringComparison.Ordinal) + c.Length))]);

        var learned = HedgeLexiconLearner.Learn(
        [
            Sentence("It is probably true.", "probably"),
            Sentence("He was probably there.", "probably"),
            Sentence("She said it was probably fine.", "probably"),
            Sentence("They probably ate probably twice.", "probably"),
            Sentence("It is believed to be old.", "believed"),
        ], minimumAnnotated: 2);
        var probably = Assert.Single(learned);
        Assert.Equal("probably", probably.Cue.Text);
        Assert.Equal(4, probably.Annotated);
        Assert.Equal(5, probably.Occurrences);
        Assert.Equal(0.8, probably.Cue.Precision, 6);
    }
}
