using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Extraction;

namespace Dossier.Quotes;

/// <summary>A passage between double quotation marks; <see cref="Close"/> is -1 when the passage runs to a paragraph's end unclosed.</summary>
internal readonly record struct QuotedPassage(int Open, int Close, TextSpan Inner);

/// <summary>
/// Pairs double quotation marks, straight or curly. Single marks are left alone: inside a quote they are the nested
/// quote (kept as part of the outer one) and elsewhere they are mostly apostrophes. A quote left open at a paragraph's end
/// continues when the next paragraph opens with a mark, as news style has it for quotes over several paragraphs.
/// </summary>
internal static class QuoteMarks
{
    /// <summary>Quotes longer than this are taken as unbalanced marks, not speech.</summary>
    private const int MaxQuoteLength = 6000;

    public static List<QuotedPassage> Find(string text, ImmutableArray<Paragraph> paragraphs)
    {
        var blocks = paragraphs.IsDefaultOrEmpty ? [new TextSpan(0, text.Length)] : paragraphs.Select(p => p.Span).Where(s => s.FitsIn(text.Length)).ToList();
        var passages = new List<QuotedPassage>();
        var open = -1;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            var start = block.Start;
            if (open >= 0)
            {
                var first = FirstNonSpace(text, block);
                var width = first < 0 ? 0 : MarkWidth(text, first, block.End);
                if (width > 0 && first - open <= MaxQuoteLength)
                {
                    start = first + width;
                }
                else
                {
                    Add(passages, text, open, -1, blocks[b - 1].End);
                    open = -1;
                }
            }

            // Double marks opened inside the open quote and not yet closed: a quotation nested in it ("… isn’t about
            // “Equal Justice Under Law” anymore"), whose closing mark does not end the outer one.
            var nested = 0;
            for (var i = start; i < block.End; i++)
            {
                var c = text[i];
                if (c == '“' || c == '„')
                {
                    if (open < 0)
                    {
                        open = i;
                    }
                    else if (ClosesLikeEnd(text, i, block))
                    {
                        // “It's unusual,“ said Larry Noble: an opening mark typed where the closing one belongs.
                        if (nested > 0)
                        {
                            nested--;
                        }
                        else
                        {
                            Add(passages, text, open, i, i);
                            open = -1;
                        }
                    }
                    else if (OpensNested(text, i, block, 1))
                    {
                        nested++;
                    }
                }
                else if (c == '”')
                {
                    if (open >= 0 && nested > 0 && !EndsBlock(text, i, block))
                    {
                        nested--;
                    }
                    else if (open >= 0)
                    {
                        Add(passages, text, open, i, i);
                        open = -1;
                    }
                }
                else if (c == '"' || c is '\'' or '’' && i + 1 < block.End && text[i + 1] == c)
                {
                    // Two apostrophes stand for a double mark in some wire copy (''Like this,'' he said), and two closing
                    // single marks for a closing double one (“It was an attempt to mislead voters,’’ Will Moy told …).
                    var width = c == '"' ? 1 : 2;
                    if (open >= 0 && text[open] is '“' or '„' && OpensNested(text, i, block, width))
                    {
                        nested++;
                    }
                    else if (open >= 0 && nested > 0 && !EndsBlock(text, i + width - 1, block))
                    {
                        nested--;
                    }
                    else if (open >= 0)
                    {
                        Add(passages, text, open, i, i);
                        open = -1;
                    }
                    else if (OpensHere(text, i, block, width))
                    {
                        open = i;
                    }

                    i += width - 1;
                }

                if (open < 0) nested = 0;

                if (open >= 0 && i - open > MaxQuoteLength) open = -1;
            }

            // An open quote carries over only when the paragraph is the end of one of its paragraphs.
            if (open >= 0 && b == blocks.Count - 1) Add(passages, text, open, -1, block.End);
        }

        return passages;
    }

    /// <summary>
    /// Passages between single marks within one block ("Rejects Pay Claim as 'Unaffordable'"), for headlines, which
    /// quote so: a mark opens after a space or the block's start before a letter, and closes after a letter or a
    /// punctuation mark before a space, punctuation or the block's end, so that apostrophes ("Regulator's") do neither.
    /// </summary>
    public static List<QuotedPassage> FindSingle(string text, TextSpan block)
    {
        var passages = new List<QuotedPassage>();
        var open = -1;
        for (var i = block.Start; i < block.End; i++)
        {
            if (text[i] is not ('\'' or '‘' or '’')) continue;
            var before = i > block.Start ? text[i - 1] : ' ';
            var after = i + 1 < block.End ? text[i + 1] : ' ';
            if (open < 0 && text[i] != '’' && char.IsWhiteSpace(before) && char.IsLetterOrDigit(after))
            {
                open = i;
            }
            else if (open >= 0 && text[i] != '‘' && !char.IsWhiteSpace(before) && (char.IsWhiteSpace(after) || char.IsPunctuation(after)))
            {
                passages.Add(new QuotedPassage(open, i, new TextSpan(open + 1, i)));
                open = -1;
            }
        }

        return passages;
    }

    /// <summary>
    /// A mark inside an open quote opens a nested one where it could open a quote at all, but not after the end of a
    /// sentence: "… shell-shocked. “And she said …" reopens the quote its writer forgot to close.
    /// </summary>
    private static bool OpensNested(string text, int i, TextSpan block, int width)
    {
        if (!OpensHere(text, i, block, width)) return false;
        var before = i - 1;
        while (before > block.Start && char.IsWhiteSpace(text[before])) before--;
        return before < block.Start || text[before] is not ('.' or '!' or '?');
    }

    /// <summary>
    /// The mark is the block's last character: "chanting “U-S-A! U-S-A!”" closing a paragraph closes the quote around it
    /// too, whose closing mark the writer let the nested one stand for.
    /// </summary>
    private static bool EndsBlock(string text, int i, TextSpan block)
    {
        for (var j = i + 1; j < block.End; j++)
        {
            if (!char.IsWhiteSpace(text[j])) return false;
        }

        return true;
    }

    /// <summary>A mark after a word's last letter or punctuation and before a space or the block's end stands where a quote closes.</summary>
    private static bool ClosesLikeEnd(string text, int i, TextSpan block) =>
        i > block.Start && !char.IsWhiteSpace(text[i - 1]) && (i + 1 >= block.End || char.IsWhiteSpace(text[i + 1]));

    private static int MarkWidth(string text, int i, int end) =>
        text[i] is '“' or '"' or '„' ? 1 : text[i] == '\'' && i + 1 < end && text[i + 1] == '\'' ? 2 : 0;

    /// <summary>A straight mark opens when it follows a space, a paragraph start or an opening bracket, and a word follows it.</summary>
    private static bool OpensHere(string text, int i, TextSpan block, int width)
    {
        var before = i > block.Start ? text[i - 1] : ' ';
        var after = i + width < block.End ? text[i + width] : ' ';
        return (char.IsWhiteSpace(before) || before is '(' or '[' or '—' or '-' or ':' or ',') && !char.IsWhiteSpace(after);
    }

    private static int FirstNonSpace(string text, TextSpan block)
    {
        for (var i = block.Start; i < block.End; i++)
        {
            if (!char.IsWhiteSpace(text[i])) return i;
        }

        return -1;
    }

    private static void Add(List<QuotedPassage> passages, string text, int open, int close, int innerEnd)
    {
        var start = open + 1;
        var end = innerEnd;
        if (text[open] == '\'') start++;
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == ',')) end--;
        if (end > start) passages.Add(new QuotedPassage(open, close, new TextSpan(start, end)));
    }
}
