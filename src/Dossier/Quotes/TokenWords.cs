using System.Collections.Immutable;
using Dossier.Text;

namespace Dossier.Quotes;

/// <summary>Token texts of one document, computed once, with the small tests the quote rules ask of a token.</summary>
internal sealed class TokenWords
{
    private readonly string[] _text;
    private readonly string[] _lower;

    public TokenWords(string text, ImmutableArray<Token> tokens)
    {
        Tokens = tokens;
        _text = new string[tokens.Length];
        _lower = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var span = tokens[i].Span;
            _text[i] = span.End <= text.Length ? text.Substring(span.Start, span.Length) : "";
            _lower[i] = _text[i].ToLowerInvariant();
        }
    }

    public ImmutableArray<Token> Tokens { get; }
    public int Count => _text.Length;

    public string Text(int i) => i >= 0 && i < _text.Length ? _text[i] : "";
    public string Lower(int i) => i >= 0 && i < _lower.Length ? _lower[i] : "";

    public bool IsCapitalised(int i) => Text(i) is { Length: > 0 } word && char.IsUpper(word[0]);

    public bool IsPunctuation(int i) =>
        i >= 0 && i < Tokens.Length && Tokens[i].Kind is TokenKind.Punctuation or TokenKind.Symbol && Text(i) != "&";

    public bool IsAdverb(int i) => Lower(i) is { Length: > 4 } lower && lower.EndsWith("ly", StringComparison.Ordinal) && !IsCapitalised(i)
                                   || Lower(i) is "also" or "not" or "n't" or "n’t" or "never" or "reportedly" or "widely" or "often";

    /// <summary>
    /// "Alibaba Denounces Report on Alleged PLA Ties as 'False and Malicious'": a headline in title case, where every
    /// word longer than three letters is capitalised, so that capitals no longer tell names from verbs.
    /// </summary>
    public bool IsTitleCase(int start, int end)
    {
        var longWords = 0;
        for (var i = Math.Max(0, start); i < Math.Min(end, Tokens.Length); i++)
        {
            if (Tokens[i].Kind != TokenKind.Word || Text(i).Length < 4) continue;
            if (!IsCapitalised(i)) return false;
            longWords++;
        }

        return longWords >= MinTitleCaseWords;
    }

    private const int MinTitleCaseWords = 3;

    public bool IsSentenceEnd(int i) => Text(i) is "." or "!" or "?" or "…" or "...";

    /// <summary>The first token starting at or after a character offset.</summary>
    public int IndexAtOrAfter(int offset)
    {
        int low = 0, high = Tokens.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Tokens[mid].Span.Start < offset) low = mid + 1;
            else high = mid;
        }

        return low;
    }

    public int CountWords(Documents.TextSpan span)
    {
        var count = 0;
        for (var i = IndexAtOrAfter(span.Start); i < Tokens.Length && Tokens[i].Span.Start < span.End; i++)
        {
            if (Tokens[i].Kind is TokenKind.Word or TokenKind.Number) count++;
        }

        return count;
    }

    private Dictionary<string, List<int>>? _occurrences;

    /// <summary>Every token with exactly this text, in order (indexed on first use, so that many names cost one pass).</summary>
    public IReadOnlyList<int> Occurrences(string word)
    {
        if (_occurrences is null)
        {
            _occurrences = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < _text.Length; i++)
            {
                if (!_occurrences.TryGetValue(_text[i], out var list)) _occurrences[_text[i]] = list = [];
                list.Add(i);
            }
        }

        return _occurrences.TryGetValue(word, out var found) ? found : [];
    }
}
