using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Quotes;

namespace Dossier.Bench;

/// <summary>One labelled attribution of the quote fixture (tests/fixtures/quotes/README.md gives the conventions).</summary>
internal sealed record LabelledAttribution(string Content, string Speaker, string Cue, string Kind, string SpeakerKind);

/// <summary>One hand-written passage of the quote fixture with every attribution it holds.</summary>
internal sealed record LabelledPassage(string Id, string Genre, string Text, IReadOnlyList<LabelledAttribution> Attributions);

/// <summary>
/// Scores the quote stage, as the default pipeline runs it, on the hand-labelled fixture. A predicted quote and a
/// labelled attribution pair up (one to one, most shared words first) when their contents share a word at the same
/// place in the text. A pair is a true attribution when the speaker is right too: the predicted speaker span shares a
/// word with an occurrence of the labelled speaker, or both are absent. Precision is over all predicted quotes, recall
/// over all labelled attributions; speaker, cue, kind and speaker-kind accuracy are over the pairs.
/// </summary>
internal static partial class QuoteFixture
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IReadOnlyList<LabelledPassage> Load(string path) =>
        [.. File.ReadLines(path).Where(line => line.Length > 0).Select((line, index) =>
            JsonSerializer.Deserialize<LabelledPassage>(line, JsonOptions)
            ?? throw new InvalidDataException($"{path}: line {index + 1} is not a passage"))];

    public static string SplitPath(string repoRoot, string split) => Path.Combine(repoRoot, "tests", "fixtures", "quotes", split + ".jsonl");

    /// <summary>
    /// Runs the default pipeline's stages over each passage as written (the article extractor is left out: it rejects
    /// passages this short, and the labels refer to the text as written).
    /// </summary>
    public static QuoteFixtureScore Score(IReadOnlyList<LabelledPassage> passages, Func<string, ImmutableArray<Paragraph>> paragraphs, CancellationToken cancellationToken, QuoteOptions? options = null)
    {
        var pipeline = DossierPipeline.CreateDefault(options);
        var score = new QuoteFixtureScore();
        foreach (var passage in passages)
        {
            var document = Document.Create(passage.Id, passage.Text, new DocumentMetadata { Source = passage.Id })
                .With(Layers.Paragraphs, paragraphs(passage.Text));
            document = pipeline.Process(document, cancellationToken);
            score.Add(passage, document.Text, document.Get(Layers.Quotes));
        }

        return score;
    }

    /// <summary>Word places (start offsets of letter or digit runs) inside a span of the text.</summary>
    internal static HashSet<int> WordsIn(string text, int start, int end)
    {
        var words = new HashSet<int>();
        foreach (var match in Word().EnumerateMatches(text.AsSpan(start, end - start))) words.Add(start + match.Index);
        return words;
    }

    /// <summary>Every occurrence of the phrase in the text, as word places.</summary>
    internal static HashSet<int> Occurrences(string text, string phrase)
    {
        var words = new HashSet<int>();
        if (phrase.Length == 0) return words;
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            words.UnionWith(WordsIn(text, at, at + phrase.Length));
        }

        return words;
    }

    /// <summary>Same cue when all the words of one are words of the other, case aside ("has said" and "said").</summary>
    internal static bool SameCue(string labelled, string predicted)
    {
        var gold = CueWords(labelled);
        var found = CueWords(predicted);
        return gold.Count == 0 ? found.Count == 0 : found.Count > 0 && (gold.IsSubsetOf(found) || found.IsSubsetOf(gold));
    }

    private static HashSet<string> CueWords(string cue) => [.. Word().Matches(cue).Select(m => m.Value.ToLowerInvariant())];

    internal static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

/// <summary>The fixture's tallies over the passages added so far, with a line for each error.</summary>
internal sealed class QuoteFixtureScore
{
    private readonly Dictionary<string, (int Spurious, int WrongSpeaker)> _falseByCue = new(StringComparer.Ordinal);

    public int Passages { get; private set; }
    public int Labelled { get; private set; }
    public int Predicted { get; private set; }
    public int Paired { get; private set; }
    public int Correct { get; private set; }
    public int SpeakerRight { get; private set; }
    public int CueRight { get; private set; }
    public int KindRight { get; private set; }
    public int SpeakerKindRight { get; private set; }
    public List<string> Errors { get; } = [];

    public double Precision => Ratio(Correct, Predicted);
    public double Recall => Ratio(Correct, Labelled);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double SpeakerAccuracy => Ratio(SpeakerRight, Paired);
    public double CueAccuracy => Ratio(CueRight, Paired);
    public double KindAccuracy => Ratio(KindRight, Paired);
    public double SpeakerKindAccuracy => Ratio(SpeakerKindRight, Paired);

    /// <summary>Predictions that are not true attributions, by lower-case cue: no labelled content, or the wrong speaker.</summary>
    public IReadOnlyDictionary<string, (int Spurious, int WrongSpeaker)> FalseByCue => _falseByCue;

    public void Add(LabelledPassage passage, string text, ImmutableArray<Quote> quotes)
    {
        Passages++;
        Labelled += passage.Attributions.Count;
        Predicted += quotes.Length;
        var gold = passage.Attributions.Select(a => (Label: a, Words: LabelledContent(passage, text, a))).ToList();
        var found = quotes.Select(q => (Quote: q, Words: QuoteFixture.WordsIn(text, q.Content.Start, q.Content.End))).ToList();
        var candidates = (from g in Enumerable.Range(0, gold.Count)
                          from p in Enumerable.Range(0, found.Count)
                          let shared = gold[g].Words.Intersect(found[p].Words).Count()
                          where shared > 0
                          orderby shared descending, g, p
                          select (g, p)).ToList();
        var goldPaired = new bool[gold.Count];
        var foundPaired = new bool[found.Count];
        foreach (var (g, p) in candidates)
        {
            if (goldPaired[g] || foundPaired[p]) continue;
            goldPaired[g] = foundPaired[p] = true;
            Pair(passage, text, gold[g].Label, found[p].Quote);
        }

        for (var g = 0; g < gold.Count; g++)
        {
            if (!goldPaired[g]) Errors.Add($"MISSED {passage.Id}: [{gold[g].Label.Speaker}] <{gold[g].Label.Cue}> {gold[g].Label.Kind} {gold[g].Label.Content}");
        }

        for (var p = 0; p < found.Count; p++)
        {
            if (foundPaired[p]) continue;
            CountFalse(found[p].Quote, spurious: true);
            Errors.Add($"SPURIOUS {passage.Id}: {Show(text, found[p].Quote)}");
        }
    }

    public string Summary(string split) => string.Create(CultureInfo.InvariantCulture,
        $"quote fixture {split}: {Passages} passages, {Labelled} labelled attributions, {Predicted} predicted quotes, {Paired} paired | precision {Precision:F3} recall {Recall:F3} F1 {F1:F3} | on paired: speaker {SpeakerAccuracy:F3} cue {CueAccuracy:F3} kind {KindAccuracy:F3} speaker kind {SpeakerKindAccuracy:F3}");

    private void Pair(LabelledPassage passage, string text, LabelledAttribution label, Quote quote)
    {
        Paired++;
        var speakerRight = IsSpeakerRight(text, label, quote);
        var cueRight = QuoteFixture.SameCue(label.Cue, quote.Cue);
        var kindRight = QuoteFixture.Snake(quote.Kind) == label.Kind;
        var speakerKindRight = QuoteFixture.Snake(quote.SpeakerKind) == label.SpeakerKind;
        if (speakerRight)
        {
            SpeakerRight++;
            Correct++;
        }
        else
        {
            CountFalse(quote, spurious: false);
            Errors.Add($"SPEAKER {passage.Id}: want [{label.Speaker}] got {Show(text, quote)}");
        }

        if (cueRight) CueRight++;
        else Errors.Add($"CUE {passage.Id}: want <{label.Cue}> got {Show(text, quote)}");
        if (kindRight) KindRight++;
        else Errors.Add($"KIND {passage.Id}: want {label.Kind} got {Show(text, quote)}");
        if (speakerKindRight) SpeakerKindRight++;
        else Errors.Add($"SPEAKER-KIND {passage.Id}: want {label.SpeakerKind} got {Show(text, quote)}");
    }

    private static bool IsSpeakerRight(string text, LabelledAttribution label, Quote quote)
    {
        var predicted = quote.SpeakerSpan is { } span ? QuoteFixture.WordsIn(text, span.Start, span.End)
            : quote.Speaker is { } speaker ? QuoteFixture.Occurrences(text, speaker) : [];
        if (label.Speaker.Length == 0) return predicted.Count == 0;
        return predicted.Overlaps(QuoteFixture.Occurrences(text, label.Speaker));
    }

    private void CountFalse(Quote quote, bool spurious)
    {
        var cue = quote.Cue.ToLowerInvariant();
        var (s, w) = _falseByCue.GetValueOrDefault(cue);
        _falseByCue[cue] = spurious ? (s + 1, w) : (s, w + 1);
    }

    private static HashSet<int> LabelledContent(LabelledPassage passage, string text, LabelledAttribution label)
    {
        var at = text.IndexOf(label.Content, StringComparison.Ordinal);
        if (at < 0) throw new InvalidDataException($"{passage.Id}: content \"{label.Content}\" is not in the analysed text");
        return QuoteFixture.WordsIn(text, at, at + label.Content.Length);
    }

    private static string Show(string text, Quote quote) =>
        $"[{quote.Speaker}] <{quote.Cue}> {QuoteFixture.Snake(quote.Kind)}/{QuoteFixture.Snake(quote.SpeakerKind)} {text[quote.Content.Start..quote.Content.End].ReplaceLineEndings(" ")}";

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : part / (double)whole;
}
