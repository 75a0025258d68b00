using System.Collections.Frozen;
using System.Collections.Immutable;
using Dossier.Text;

namespace Dossier.Claims;

/// <summary>One cue phrase of a lexicon: lower-case words, where a trailing * on a word matches any word so begun.</summary>
internal sealed record CuePhrase<T>(ImmutableArray<string> Words, T Value);

internal readonly record struct CueMatch<T>(int FirstToken, int EndToken, T Value);

/// <summary>Finds lexicon phrases among a range of tokens, longest first at each position, without overlaps.</summary>
internal sealed class PhraseMatcher<T>
{
    private readonly FrozenDictionary<string, ImmutableArray<CuePhrase<T>>> _exact;
    private readonly ImmutableArray<CuePhrase<T>> _prefixed;

    /// <summary>
    /// The phrases whose first word is a prefix, by the letter a word must begin with to meet them (longest first, as in
    /// <see cref="_prefixed"/>; a bare * is in every list): every token was tried against every such phrase before.
    /// </summary>
    private readonly FrozenDictionary<char, ImmutableArray<CuePhrase<T>>> _prefixedByInitial;

    /// <summary>The phrases whose first word is a bare *, which any word meets.</summary>
    private readonly ImmutableArray<CuePhrase<T>> _barePrefixed;

    public PhraseMatcher(IEnumerable<CuePhrase<T>> phrases)
    {
        var all = phrases.Where(p => p.Words.Length > 0).ToList();
        _exact = all.Where(p => !p.Words[0].EndsWith('*')).GroupBy(p => p.Words[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Length).ToImmutableArray(), StringComparer.Ordinal);
        _prefixed = [.. all.Where(p => p.Words[0].EndsWith('*')).OrderByDescending(p => p.Words.Length)];
        _prefixedByInitial = _prefixed.Where(p => p.Words[0].Length > 1).Select(p => p.Words[0][0]).Distinct()
            .ToFrozenDictionary(initial => initial, initial => _prefixed.Where(p => p.Words[0].Length == 1 || p.Words[0][0] == initial).ToImmutableArray());
        _barePrefixed = [.. _prefixed.Where(p => p.Words[0].Length == 1)];
    }

    public static ImmutableArray<string> ParseWords(string phrase) =>
        [.. phrase.Replace('’', '\'').ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public List<CueMatch<T>> Find(IReadOnlyList<string> words, int first, int end)
    {
        var found = new List<CueMatch<T>>();
        end = Math.Min(end, words.Count);
        for (var i = Math.Max(0, first); i < end; i++)
        {
            var match = Longest(words, i, end);
            if (match is null) continue;
            found.Add(new CueMatch<T>(i, i + match.Words.Length, match.Value));
            i += match.Words.Length - 1;
        }

        return found;
    }

    /// <summary>Whether a phrase of the lexicon begins at token <paramref name="i"/>.</summary>
    public bool StartsAt(IReadOnlyList<string> words, int i) => i >= 0 && i < words.Count && Longest(words, i, words.Count) is not null;

    private CuePhrase<T>? Longest(IReadOnlyList<string> words, int i, int end)
    {
        CuePhrase<T>? best = null;
        var word = words[i];
        if (_exact.TryGetValue(word, out var candidates))
        {
            foreach (var phrase in candidates)
            {
                if (!Matches(words, i, end, phrase)) continue;
                best = phrase;
                break;
            }
        }

        var prefixed = word.Length > 0 && _prefixedByInitial.TryGetValue(word[0], out var sameInitial) ? sameInitial : _barePrefixed;
        foreach (var phrase in prefixed)
        {
            // Longest first: once a phrase is no longer than the best, none after it can be.
            if (best is not null && phrase.Words.Length <= best.Words.Length) break;
            if (!Matches(words, i, end, phrase)) continue;
            best = phrase;
            break;
        }

        return best;
    }

    private static bool Matches(IReadOnlyList<string> words, int i, int end, CuePhrase<T> phrase)
    {
        if (i + phrase.Words.Length > end) return false;
        for (var k = 0; k < phrase.Words.Length; k++)
        {
            var pattern = phrase.Words[k];
            var word = words[i + k];
            var ok = pattern.EndsWith('*')
                ? word.Length >= pattern.Length - 1 && word.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
                : string.Equals(word, pattern, StringComparison.Ordinal);
            if (!ok) return false;
        }

        return true;
    }
}

internal static class TokenWords
{
    /// <summary>Each token's text lower-cased, with typographic apostrophes folded to '.</summary>
    public static string[] Lowered(string text, IReadOnlyList<Token> tokens)
    {
        var words = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++) words[i] = HedgeLexicon.Lower(text, tokens[i]);
        return words;
    }
}
