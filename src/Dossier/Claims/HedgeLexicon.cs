using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Dossier.Documents;
using Dossier.Text;

namespace Dossier.Claims;

/// <summary>A word or phrase that marks a statement as uncertain, with how often it does so where it occurs.</summary>
/// <param name="Words">The cue's tokens, lower-cased ("according", "to").</param>
/// <param name="Precision">Share of its occurrences in the training text that were annotated as cues.</param>
public sealed record HedgeCue(ImmutableArray<string> Words, double Precision)
{
    public string Text => string.Join(' ', Words);
}

/// <summary>
/// Finds uncertainty cues (may, reportedly, alleged, "without concrete proof") by matching a lexicon over tokens,
/// longest cue first. The lexicon is data: learned from an annotated corpus plus a short list of news hedges.
/// </summary>
public sealed class HedgeLexicon
{
    private readonly FrozenDictionary<string, ImmutableArray<HedgeCue>> _byFirstWord;

    public HedgeLexicon(IEnumerable<HedgeCue> cues, double minimumPrecision = 0)
    {
        Cues = [.. cues.Where(cue => cue.Words.Length > 0 && cue.Precision >= minimumPrecision)
            .GroupBy(cue => cue.Text, StringComparer.Ordinal).Select(group => group.MaxBy(cue => cue.Precision)!)];
        _byFirstWord = Cues.GroupBy(cue => cue.Words[0], StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.OrderByDescending(cue => cue.Words.Length).ToImmutableArray(), StringComparer.Ordinal);
    }

    public ImmutableArray<HedgeCue> Cues { get; }

    /// <summary>The lexicon Dossier ships: the cues learned from WikiWeasel plus the news hedges of Claims/Data.</summary>
    public static HedgeLexicon Default { get; } = new(
        ParseLines(EmbeddedData.ReadLines("Claims.Data.hedge-cues.tsv")).Concat(ParseLines(EmbeddedData.ReadLines("Claims.Data.news-hedges.tsv"))));

    /// <summary>Reads "cue TAB precision" lines; a line without a precision counts as a sure cue.</summary>
    public static IEnumerable<HedgeCue> ParseLines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            var words = fields[0].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var precision = fields.Length > 1 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : 1.0;
            if (words.Length > 0) yield return new HedgeCue([.. words.Select(w => w.ToLowerInvariant())], precision);
        }
    }

    /// <summary>Cue spans among tokens [first, end) of the text, left to right, never overlapping.</summary>
    public IReadOnlyList<(TextSpan Span, HedgeCue Cue)> Find(string text, IReadOnlyList<Token> tokens, int first, int end)
    {
        var found = new List<(TextSpan, HedgeCue)>();
        end = Math.Min(end, tokens.Count);
        for (var i = Math.Max(0, first); i < end; i++)
        {
            if (!_byFirstWord.TryGetValue(Lower(text, tokens[i]), out var candidates)) continue;
            foreach (var cue in candidates)
            {
                if (i + cue.Words.Length > end || !Matches(text, tokens, i, cue)) continue;
                found.Add((new TextSpan(tokens[i].Span.Start, tokens[i + cue.Words.Length - 1].Span.End), cue));
                i += cue.Words.Length - 1;
                break;
            }
        }

        return found;
    }

    private static bool Matches(string text, IReadOnlyList<Token> tokens, int start, HedgeCue cue)
    {
        for (var k = 1; k < cue.Words.Length; k++)
        {
            if (!string.Equals(Lower(text, tokens[start + k]), cue.Words[k], StringComparison.Ordinal)) return false;
        }

        return true;
    }

    internal static string Lower(string text, Token token) =>
        text.Substring(token.Span.Start, token.Span.Length).Replace('’', '\'').ToLowerInvariant();
}
