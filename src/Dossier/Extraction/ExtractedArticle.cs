using System.Collections.Immutable;
using System.Text;
using Dossier.Documents;

namespace Dossier.Extraction;

/// <summary>
/// Collects an article's blocks in reading order and lays them out as one text, blocks separated by blank lines,
/// so that every paragraph's span is known exactly.
/// </summary>
internal sealed class ArticleTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly ImmutableArray<Paragraph>.Builder _paragraphs = ImmutableArray.CreateBuilder<Paragraph>();

    public int Count => _paragraphs.Count;

    public void Add(string block, ParagraphKind kind)
    {
        var clean = WhitespaceNormalizer.CollapseInline(block);
        if (clean.Length == 0) return;
        if (_text.Length > 0) _text.Append("\n\n");
        var start = _text.Length;
        _text.Append(clean);
        _paragraphs.Add(new Paragraph(new TextSpan(start, _text.Length), kind));
    }

    public (string Text, ImmutableArray<Paragraph> Paragraphs) Build() => (_text.ToString(), _paragraphs.ToImmutable());
}

internal static class WhitespaceNormalizer
{
    /// <summary>Folds runs of white space (including non-breaking and zero-width ones) into one space, trimmed.</summary>
    public static string CollapseInline(string value)
    {
        // Most text reaching here (blocks the segmenter cut, titles already cleaned) is collapsed already; it is kept as it is.
        if (IsCollapsed(value)) return value;
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        Collapse(value, builder, ref pendingSpace);
        return builder.ToString();
    }

    /// <inheritdoc cref="CollapseInline(string)"/>
    public static string CollapseInline(StringBuilder value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var chunk in value.GetChunks()) Collapse(chunk.Span, builder, ref pendingSpace);
        return builder.ToString();
    }

    /// <summary>Whether collapsing would leave the text as it is: single inner spaces only, nothing to drop.</summary>
    private static bool IsCollapsed(ReadOnlySpan<char> value)
    {
        var previousSpace = true;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                if (previousSpace) return false;
                previousSpace = true;
                continue;
            }

            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD' || char.IsWhiteSpace(c) || char.IsControl(c)) return false;
            previousSpace = false;
        }

        return !previousSpace || value.IsEmpty;
    }

    private static void Collapse(ReadOnlySpan<char> value, StringBuilder builder, ref bool pendingSpace)
    {
        foreach (var c in value)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD') continue;
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
    }
}
