using System.Collections.Immutable;
using System.Globalization;
using Dossier.Documents;

namespace Dossier.Text;

/// <summary>
/// Splits news text into tokens with exact offsets, in the manner of the Penn Treebank and CoNLL-2003 (so that a model
/// trained there sees the same units): abbreviations keep their period (U.S., Inc.), numbers keep their separators
/// ($ 2.5, 135,000), currency and percent signs stand alone, clitics split off (Alibaba 's), URLs and emails stay whole.
/// </summary>
public sealed class Tokenizer
{
    private static readonly string[] Clitics = ["n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m", "'S", "’S"];

    private readonly Abbreviations _abbreviations = Abbreviations.Default;

    public ImmutableArray<Token> Tokenize(string text) => Tokenize(text, new TextSpan(0, text.Length));

    public ImmutableArray<Token> Tokenize(string text, TextSpan range)
    {
        var tokens = ImmutableArray.CreateBuilder<Token>(Math.Max(4, range.Length / 5));
        var i = range.Start;
        var end = range.End;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisible(c))
            {
                i++;
                continue;
            }

            var next = TryUrl(text, i, end)
                       ?? TryEllipsis(text, i, end)
                       ?? (IsWordChar(text, i) ? ReadWord(text, i, end, tokens) : ReadSymbol(text, i, end));
            if (!next.Span.IsEmpty) tokens.Add(next);
            i = Math.Max(i + 1, next.Span.End);
        }

        return tokens.ToImmutable();
    }

    private static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD';

    private static bool IsWordChar(string text, int i)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.ConnectorPunctuation
            || char.IsSurrogate(text[i]) && char.IsLetter(text, i);
    }

    private static Token? TryUrl(string text, int i, int end)
    {
        var rest = text.AsSpan(i, end - i);
        if (!(rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
              rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var j = i;
        while (j < end && !char.IsWhiteSpace(text[j]) && text[j] is not ('"' or '“' or '”' or '<' or '>')) j++;
        while (j > i && ".,;:!?)]}'’".Contains(text[j - 1])) j--;
        return j - i > 4 ? new Token(new TextSpan(i, j), TokenKind.Url) : null;
    }

    /// <summary>"...", "…" and the spaced ". . ." are one token, so that they do not end sentences by themselves.</summary>
    private static Token? TryEllipsis(string text, int i, int end)
    {
        if (text[i] == '…') return new Token(new TextSpan(i, i + 1), TokenKind.Punctuation);
        if (text[i] != '.') return null;
        var j = i;
        var dots = 0;
        while (j < end && text[j] == '.')
        {
            dots++;
            j++;
            if (j + 1 < end && text[j] == ' ' && text[j + 1] == '.') j++;
        }

        if (dots < 3) return null;
        // A spaced ellipsis may have swallowed a trailing space before its last dot; end on a dot.
        while (text[j - 1] != '.') j--;
        return new Token(new TextSpan(i, j), TokenKind.Punctuation);
    }

    private Token ReadWord(string text, int start, int end, ImmutableArray<Token>.Builder tokens)
    {
        var j = start;
        var sawAt = false;
        while (j < end)
        {
            if (IsWordChar(text, j))
            {
                j += char.IsSurrogatePair(text, j) ? 2 : 1;
                continue;
            }

            var c = text[j];
            var hasNext = j + 1 < end;
            var nextIsWord = hasNext && IsWordChar(text, j + 1);
            var prevIsDigit = char.IsDigit(text[j - 1]);
            var nextIsDigit = hasNext && char.IsDigit(text[j + 1]);
            var joins = c switch
            {
                '-' or '‐' or '\'' or '’' or '&' => nextIsWord && !(c == '&' && !char.IsLetter(text[j - 1])),
                '.' => nextIsWord,
                ',' or ':' or '/' => prevIsDigit && nextIsDigit,
                '@' => nextIsWord && (sawAt = true),
                _ => false,
            };
            if (!joins) break;
            j++;
        }

        var chunkEnd = j;
        var chunk = text.AsSpan(start, chunkEnd - start);
        if (sawAt && chunk.Contains('.')) return new Token(new TextSpan(start, chunkEnd), TokenKind.Email);

        if (chunkEnd < end && text[chunkEnd] == '.' && _abbreviations.Classify(chunk) != AbbreviationKind.None)
        {
            return new Token(new TextSpan(start, chunkEnd + 1), TokenKind.Word);
        }

        foreach (var clitic in Clitics)
        {
            if (chunk.Length > clitic.Length && chunk.EndsWith(clitic, StringComparison.Ordinal))
            {
                var split = chunkEnd - clitic.Length;
                tokens.Add(new Token(new TextSpan(start, split), Classify(text.AsSpan(start, split - start))));
                return new Token(new TextSpan(split, chunkEnd), TokenKind.Word);
            }
        }

        return new Token(new TextSpan(start, chunkEnd), Classify(chunk));
    }

    private static TokenKind Classify(ReadOnlySpan<char> chunk)
    {
        foreach (var c in chunk)
        {
            if (!(char.IsDigit(c) || c is '.' or ',' or ':' or '/')) return TokenKind.Word;
        }

        return TokenKind.Number;
    }

    private static Token ReadSymbol(string text, int i, int end)
    {
        var c = text[i];
        if (char.IsSurrogatePair(text, i)) return new Token(new TextSpan(i, i + 2), TokenKind.Symbol);
        if (c == '-' && i + 1 < end && text[i + 1] == '-')
        {
            var j = i;
            while (j < end && text[j] == '-') j++;
            return new Token(new TextSpan(i, j), TokenKind.Punctuation);
        }

        var kind = char.IsPunctuation(c) ? TokenKind.Punctuation : TokenKind.Symbol;
        return new Token(new TextSpan(i, i + 1), kind);
    }
}
