using System.Collections.Immutable;
using System.Globalization;
using Dossier.Documents;
using Dossier.Quotes;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>
/// The direct quotes whose speaker the stage got wrong, grouped by where the gold source stands against the quote
/// (same sentence, sentences back, an earlier paragraph, after it), by its form (pronoun, possessive, passive "by",
/// long description, transcript "NAME:") and by what was predicted (no speaker, a continued speaker, a pronoun):
/// the classes say which general rule would recover most.
/// </summary>
internal sealed class AttributionSpeakerMisses(int examplesPerClass)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _examples = new(StringComparer.Ordinal);

    private static readonly HashSet<string> Pronouns = ["he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "their", "its", "who"];

    public void Add(AttributionArticle article, Document document, GoldAttribution gold, Quote? predicted)
    {
        var text = article.Text;
        var sentences = document.Get(Layers.Sentences);
        var contentStart = gold.Contents.SelectMany(c => c.Fragments).Min(f => f.Start);
        var contentEnd = gold.Contents.SelectMany(c => c.Fragments).Max(f => f.End);
        var (sourceStart, sourceEnd) = (gold.Source!.Fragments[0].Start, gold.Source.Fragments[^1].End);
        var sourceText = string.Join(" ", gold.Source.Fragments.Select(f => text[f.Start..f.End])).ReplaceLineEndings(" ");

        var where = Position(text, sentences, sourceStart, sourceEnd, contentStart, contentEnd);
        var form = Form(text, sourceText, sourceStart, sourceEnd);
        var got = predicted switch
        {
            null => "quote missed",
            { Speaker: null } => "no speaker",
            { SpeakerKind: SpeakerKind.Pronoun } => "pronoun",
            { CueSpan: null } => "continued",
            _ => "attributed",
        };
        var label = $"{where}; {form}; predicted {got}";
        _counts[label] = _counts.GetValueOrDefault(label) + 1;
        if (!_examples.TryGetValue(label, out var examples)) _examples[label] = examples = [];
        if (examples.Count >= examplesPerClass) return;

        var from = Math.Max(0, Math.Min(sourceStart, contentStart) - 40);
        var to = Math.Min(text.Length, Math.Max(sourceEnd, Math.Min(contentEnd, contentStart + 120)) + 40);
        var why = predicted is null ? "" : $" cue '{predicted.Cue}' kind {predicted.SpeakerKind}{(predicted.ResolvedSpeaker is { } r ? $" resolved '{r}'" : "")}";
        examples.Add($"  {article.Name}: gold '{sourceText}' got '{predicted?.Speaker}'{why}\n    …{text[from..to].ReplaceLineEndings(" ¶ ")}…");
    }

    public void Print(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"direct-quote speaker misses by class ({_counts.Values.Sum()}):"));
        foreach (var (label, count) in _counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,5}  {label}"));
            foreach (var example in _examples[label]) output.WriteLine(example);
        }
    }

    /// <summary>Where the gold source stands against the quote, in sentences and paragraphs.</summary>
    private static string Position(string text, ImmutableArray<Sentence> sentences, int sourceStart, int sourceEnd, int contentStart, int contentEnd)
    {
        if (sourceStart >= contentStart && sourceEnd <= contentEnd) return "source inside the quote";
        var sourceSentence = SentenceAt(sentences, sourceStart);
        var contentSentence = SentenceAt(sentences, contentStart);
        var contentLastSentence = SentenceAt(sentences, Math.Max(contentStart, contentEnd - 1));
        var paragraphs = text.AsSpan(Math.Min(sourceEnd, contentStart), Math.Max(0, contentStart - Math.Min(sourceEnd, contentStart))).Count('\n');
        if (sourceStart >= contentEnd)
        {
            var after = SentenceAt(sentences, sourceStart) - contentLastSentence;
            return after == 0 ? "after, same sentence" : $"after, {Math.Min(after, 3)}+ sentences on";
        }

        if (sourceStart > contentStart) return "inside the quote's sentences";
        var back = contentSentence - sourceSentence;
        if (back == 0) return "before, same sentence";
        if (paragraphs > 0) return paragraphs == 1 ? "previous paragraph" : "2+ paragraphs back";
        return back <= 2 ? $"{back} sentence(s) back" : "3+ sentences back";
    }

    private static int SentenceAt(ImmutableArray<Sentence> sentences, int offset)
    {
        int low = 0, high = sentences.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sentences[mid].Span.End <= offset) low = mid + 1;
            else high = mid;
        }

        return low;
    }

    /// <summary>The gold source's form: pronoun, transcript name, possessive, after a passive "by", long, or a plain phrase.</summary>
    private static string Form(string text, string source, int start, int end)
    {
        var words = source.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && Pronouns.Contains(words[0].ToLowerInvariant())) return "pronoun source";
        var after = text.AsSpan(end, Math.Min(3, text.Length - end)).TrimStart(' ');
        if (after.Length > 0 && after[0] == ':') return "transcript/colon source";
        if (source.EndsWith("'s", StringComparison.Ordinal) || source.EndsWith("’s", StringComparison.Ordinal)) return "possessive source";
        var before = text[Math.Max(0, start - 4)..start].TrimEnd();
        if (before.EndsWith(" by", StringComparison.OrdinalIgnoreCase)) return "passive source";
        return words.Length > 6 ? "long source" : "short source";
    }
}
