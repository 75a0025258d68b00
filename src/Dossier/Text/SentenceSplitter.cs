using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Extraction;

namespace Dossier.Text;

/// <summary>
/// Finds sentence boundaries over tokens. A sentence ends at ., ! or ? (with any closing quotes and brackets that follow)
/// when the next token opens a sentence; after an abbreviation only when a sentence starter follows; and always at the
/// end of a paragraph.
/// </summary>
public sealed class SentenceSplitter
{
    private readonly Abbreviations _abbreviations = Abbreviations.Default;

    public ImmutableArray<Sentence> Split(string text, ImmutableArray<Token> tokens, ImmutableArray<Paragraph> paragraphs)
    {
        var sentences = ImmutableArray.CreateBuilder<Sentence>();
        var tokenIndex = 0;
        var blocks = paragraphs.IsDefaultOrEmpty ? [new Paragraph(new TextSpan(0, text.Length))] : paragraphs;
        foreach (var paragraph in blocks)
        {
            while (tokenIndex < tokens.Length && tokens[tokenIndex].Span.End <= paragraph.Span.Start) tokenIndex++;
            var first = tokenIndex;
            var last = first;
            while (last < tokens.Length && tokens[last].Span.Start < paragraph.Span.End) last++;
            SplitRange(text, tokens, first, last, sentences);
            tokenIndex = last;
        }

        return sentences.ToImmutable();
    }

    private void SplitRange(string text, ImmutableArray<Token> tokens, int first, int last, ImmutableArray<Sentence>.Builder sentences)
    {
        var start = first;
        var k = first;
        while (k < last)
        {
            var boundary = EndsSentenceAt(text, tokens, k, last);
            if (boundary < 0)
            {
                k++;
                continue;
            }

            Add(start, boundary);
            start = k = boundary;
        }

        if (start < last) Add(start, last);

        void Add(int from, int to) =>
            sentences.Add(new Sentence(new TextSpan(tokens[from].Span.Start, tokens[to - 1].Span.End), from, to - from));
    }

    /// <summary>The index of the first token of the next sentence if one ends with token k, else -1.</summary>
    private int EndsSentenceAt(string text, ImmutableArray<Token> tokens, int k, int last)
    {
        var token = tokens[k];
        var value = text.AsSpan(token.Span.Start, token.Span.Length);
        var abbreviation = AbbreviationKind.None;
        if (value.Length > 1 && value[^1] == '.' && token.Kind == TokenKind.Word)
        {
            abbreviation = _abbreviations.Classify(value[..^1]);
            if (abbreviation is AbbreviationKind.Title or AbbreviationKind.Initial) return -1;
        }
        else if (!IsTerminal(value))
        {
            return -1;
        }

        var next = k + 1;
        // Closing quotes and brackets that touch the terminal belong to this sentence.
        while (next < last && IsCloser(text, tokens[next], tokens[next - 1])) next++;
        if (next >= last) return -1;

        var following = text.AsSpan(tokens[next].Span.Start, tokens[next].Span.Length);
        if (abbreviation == AbbreviationKind.Other) return _abbreviations.IsSentenceStarter(following) ? next : -1;
        if (value is "…" or "..." && !char.IsUpper(following[0])) return -1;
        return OpensSentence(following) ? next : -1;
    }

    private static bool IsTerminal(ReadOnlySpan<char> value) =>
        value is "." or "!" or "?" or "…" or "?!" || value.Length >= 3 && value[0] == '.' && value[^1] == '.' && value.IndexOfAnyExcept(". ") < 0;

    private static bool IsCloser(string text, Token candidate, Token previous)
    {
        if (candidate.Span.Length != 1) return false;
        var c = text[candidate.Span.Start];
        var touches = candidate.Span.Start == previous.Span.End;
        return c is '”' or '’' or ')' or ']' or '»' || (c is '"' or '\'') && touches;
    }

    private static bool OpensSentence(ReadOnlySpan<char> following)
    {
        var c = following[0];
        return char.IsUpper(c) || char.IsDigit(c) || c is '“' or '"' or '‘' or '\'' or '(' or '[' or '«' or '—' or '–' || !char.IsLetter(c) && !char.IsPunctuation(c);
    }
}
