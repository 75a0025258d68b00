using System.Text.RegularExpressions;

namespace Dossier.Linking;

/// <summary>
/// The sources a text names for a claim, in the order it cites them: "The Financial Times article cited a
/// declassified intelligence memo" gives Financial Times → a declassified intelligence memo.
/// </summary>
public static class CitationChain
{
    private const int Window = 400;

    private static readonly IReadOnlyList<(string Cue, Regex Pattern)> Patterns = BuildPatterns();

    /// <summary>The named sources near a claim span (the claim's sentence and the text just before it).</summary>
    public static IReadOnlyList<string> Near(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        var from = Math.Max(0, start - Window);
        var paragraphStart = text.LastIndexOf("\n\n", Math.Max(0, start - 1), Math.Max(0, start - from), StringComparison.Ordinal);
        if (paragraphStart >= 0) from = paragraphStart;
        var window = text[from..Math.Min(text.Length, end + 40)];
        var found = new List<(int Position, string Source)>();
        foreach (var (cue, pattern) in Patterns)
        {
            // Most windows name no source at all; a plain search for the cue's longest word spares the regex.
            if (!window.Contains(cue, StringComparison.OrdinalIgnoreCase)) continue;
            try
            {
                foreach (Match match in pattern.Matches(window))
                {
                    var source = Clean(match.Groups["source"].Value);
                    if (source.Length > 1) found.Add((match.Groups["source"].Index, source));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A hostile text that makes a pattern backtrack loses that pattern's citations, nothing more.
            }
        }

        return found.OrderBy(f => f.Position).Select(f => f.Source).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string Clean(string source)
    {
        source = source.Trim().TrimEnd(',', '.', ';', ':');
        if (source.StartsWith("the ", StringComparison.OrdinalIgnoreCase) && source.Length > 4 && char.IsUpper(source[4])) source = source[4..];
        return source;
    }

    private static List<(string Cue, Regex Pattern)> BuildPatterns()
    {
        var patterns = new List<(string, Regex)>();
        foreach (var line in EmbeddedData.ReadLines("Linking.Data.citation-cues.txt"))
        {
            var parts = line.Split('\t');
            if (parts.Length != 2) continue;
            var cue = Regex.Escape(parts[1]).Replace("\\ ", "\\s+", StringComparison.Ordinal);
            patterns.Add((parts[1].Split(' ').MaxBy(word => word.Length)!, parts[0] == "before"
                // A run of capitalised words (an outlet or a person) right before the verb.
                ? new Regex(@"(?<source>(?:[Tt]he\s+)?(?:\p{Lu}[\p{L}\p{Mn}&'’.-]*\s+){0,4}\p{Lu}[\p{L}\p{Mn}&'’.-]*)\s+" + cue + @"\b", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200))
                // A noun phrase after the phrase, up to punctuation or a clause word.
                : new Regex(@"\b" + cue + @"\s+(?<source>(?:an?\s+|the\s+)?[\p{L}\p{Mn}&'’. -]{2,80}?)(?=\s+(?:that|which|who|purportedly|reportedly|saying|and|in|on|as|to)\b|[,.;:]|$)",
                    RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200))));
        }

        return patterns;
    }
}
