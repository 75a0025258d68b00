using System.Globalization;
using Dossier.Bench;
using Dossier.Quotes;
using Xunit.Abstractions;

namespace Dossier.Tests.Quotes;

/// <summary>
/// The hand-labelled attribution fixture of varied news (tests/fixtures/quotes): it is well formed, and the quote stage
/// keeps at least its dev figures after the precision round (models/quotes/README.md). The floors sit a couple of
/// attributions below those figures (dev: 78 labelled, 77 predicted, 73 paired), so that a change losing more than that fails here; the
/// held-out part is scored by the bench (quote-fixture), never held to a floor.
/// </summary>
public sealed class QuoteFixtureTests(ITestOutputHelper output)
{
    private static readonly string[] Genres = ["business", "courts", "sanctions", "tech", "sport", "local", "press", "blog"];

    private static IReadOnlyList<LabelledPassage> Load(string split) => QuoteFixture.Load(RepoPaths.Fixture("quotes", split + ".jsonl"));

    private static QuoteFixtureScore Score(string split) => QuoteFixture.Score(Load(split), QuoteTestDocuments.Paragraphs, CancellationToken.None);

    [Theory]
    [InlineData("dev")]
    [InlineData("heldout")]
    public void EveryPassageIsWellFormed(string split)
    {
        var passages = Load(split);
        Assert.Equal(passages.Count, passages.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        var kinds = Enum.GetValues<QuoteKind>().Select(QuoteFixture.Snake).ToHashSet(StringComparer.Ordinal);
        var speakerKinds = Enum.GetValues<SpeakerKind>().Select(QuoteFixture.Snake).ToHashSet(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            Assert.StartsWith(split + "-", passage.Id, StringComparison.Ordinal);
            Assert.Contains(passage.Genre, Genres);
            Assert.False(string.IsNullOrWhiteSpace(passage.Text), passage.Id);
            foreach (var label in passage.Attributions)
            {
                var where = $"{passage.Id}: {label.Content}";
                Assert.True(Count(passage.Text, label.Content) == 1, $"{where}: the content must occur once in the text");
                Assert.True(label.Speaker.Length == 0 || passage.Text.Contains(label.Speaker, StringComparison.Ordinal), $"{where}: speaker not in the text");
                Assert.True(label.Cue.Length == 0 || passage.Text.Contains(label.Cue, StringComparison.Ordinal), $"{where}: cue not in the text");
                Assert.True(kinds.Contains(label.Kind), $"{where}: unknown kind {label.Kind}");
                Assert.True(speakerKinds.Contains(label.SpeakerKind), $"{where}: unknown speaker kind {label.SpeakerKind}");
                Assert.True(label.Speaker.Length == 0 == (label.SpeakerKind == "unknown"), $"{where}: only a missing speaker is of unknown kind");
            }
        }
    }

    [Fact]
    public void TheFixtureIsLargeEnoughAndSplitAtWritingTime()
    {
        var dev = Load("dev");
        var heldOut = Load("heldout");
        var all = dev.Concat(heldOut).ToList();
        Assert.True(all.Count >= 120, $"only {all.Count} passages");
        Assert.InRange(heldOut.Count / (double)all.Count, 0.25, 0.40);
        Assert.InRange(all.Count(p => p.Attributions.Count == 0) / (double)all.Count, 0.25, 0.45);
        Assert.All(Genres, genre => Assert.Contains(dev, p => p.Genre == genre));
    }

    [Theory]
    [InlineData("said", "has said", true)]
    [InlineData("According to", "according to", true)]
    [InlineData("said", "told", false)]
    [InlineData("", "", true)]
    [InlineData("said", "", false)]
    public void CuesAreTheSameWhenOnesWordsAreAllTheOthers(string labelled, string predicted, bool same) =>
        Assert.Equal(same, QuoteFixture.SameCue(labelled, predicted));

    [Fact]
    public void DevFiguresStayAboveTheirFloors()
    {
        var score = Score("dev");
        output.WriteLine(score.Summary("dev"));
        foreach (var error in score.Errors) output.WriteLine("  " + error);
        AtLeast("precision", score.Precision, 0.92);
        AtLeast("recall", score.Recall, 0.93);
        AtLeast("F1", score.F1, 0.93);
        AtLeast("speaker accuracy", score.SpeakerAccuracy, 0.96);
        AtLeast("cue accuracy", score.CueAccuracy, 0.96);
        AtLeast("kind accuracy", score.KindAccuracy, 0.93);
        AtLeast("speaker-kind accuracy", score.SpeakerKindAccuracy, 0.68);
    }

    private static void AtLeast(string figure, double value, double floor) =>
        Assert.True(value >= floor, string.Create(CultureInfo.InvariantCulture, $"dev {figure} {value:F3} fell below its floor {floor:F2}"));

    private static int Count(string text, string phrase)
    {
        var count = 0;
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
