using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Text;

namespace Dossier.Claims;

/// <summary>A sentence of an uncertainty corpus: its text and the spans annotated as cues.</summary>
public sealed record HedgeTrainingSentence(string Text, ImmutableArray<TextSpan> Cues);

/// <summary>
/// Learns a cue lexicon from annotated sentences: every token sequence annotated as a cue becomes a candidate, scored by
/// the share of its occurrences (as the same token sequence, anywhere in the corpus) that were annotated.
/// </summary>
public static class HedgeLexiconLearner
{
    public const int MaximumCueWords = 4;

    public static IReadOnlyList<(HedgeCue Cue, int Annotated, int Occurrences)> Learn(IEnumerable<HedgeTrainingSentence> sentences, int minimumAnnotated)
    {
        var tokenizer = new Tokenizer();
        var prepared = sentences.Select(s => (Sentence: s, Tokens: tokenizer.Tokenize(s.Text))).ToList();
        var annotated = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (sentence, tokens) in prepared)
        {
            foreach (var cue in sentence.Cues)
            {
                var words = tokens.Where(t => cue.Contains(t.Span)).Select(t => HedgeLexicon.Lower(sentence.Text, t)).ToList();
                if (words.Count is 0 or > MaximumCueWords) continue;
                var key = string.Join(' ', words);
                annotated[key] = annotated.GetValueOrDefault(key) + 1;
            }
        }

        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (sentence, tokens) in prepared)
        {
            var lowered = tokens.Select(t => HedgeLexicon.Lower(sentence.Text, t)).ToArray();
            for (var i = 0; i < lowered.Length; i++)
            {
                var key = lowered[i];
                for (var length = 1; length <= MaximumCueWords && i + length <= lowered.Length; length++)
                {
                    if (length > 1) key += " " + lowered[i + length - 1];
                    if (annotated.ContainsKey(key)) occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
                }
            }
        }

        return [.. annotated.Where(pair => pair.Value >= minimumAnnotated)
            .Select(pair => (Cue: new HedgeCue([.. pair.Key.Split(' ')], Math.Min(1.0, pair.Value / (double)Math.Max(1, occurrences.GetValueOrDefault(pair.Key)))), Annotated: pair.Value, Occurrences: occurrences.GetValueOrDefault(pair.Key)))
            .OrderBy(entry => entry.Cue.Text, StringComparer.Ordinal)];
    }
}
