using System.Collections.Immutable;

namespace Dossier.Extraction;

/// <summary>
/// Reads a plain-text article: drops chrome lines (cart widgets, prompts, navigation), keeps the headline as the title,
/// and rebuilds paragraphs from blank lines or, where the text has none, from line breaks.
/// </summary>
internal sealed class PlainTextExtractor
{
    private readonly ChromeLines _chrome;

    public PlainTextExtractor(ChromeLines chrome) => _chrome = chrome;

    public (string? Title, string Text, ImmutableArray<Paragraph> Paragraphs, int ChromeLines) Extract(string raw)
    {
        var blocks = SplitBlocks(raw);
        var chromeLines = 0;
        var kept = new List<string>(blocks.Count);
        foreach (var block in blocks)
        {
            if (_chrome.IsChrome(block)) chromeLines++;
            else kept.Add(block);
        }

        var titleIndex = kept.FindIndex(LooksLikeHeadline);
        string? title = null;
        var output = new ArticleTextBuilder();
        if (titleIndex >= 0 && titleIndex <= 3)
        {
            title = kept[titleIndex];
            // Short lines above the headline are section labels and breadcrumbs.
            chromeLines += titleIndex;
            kept.RemoveRange(0, titleIndex + 1);
            while (kept.Count > 0 && string.Equals(kept[0], title, StringComparison.Ordinal))
            {
                kept.RemoveAt(0);
            }

            output.Add(title, ParagraphKind.Title);
        }

        foreach (var block in kept)
        {
            output.Add(block, ParagraphKind.Body);
        }

        var (text, paragraphs) = output.Build();
        return (title, text, paragraphs, chromeLines);
    }

    private static bool LooksLikeHeadline(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words is >= 4 and <= 40 && line.Length <= 300 && !line.EndsWith('.') && !line.EndsWith(':');
    }

    /// <summary>
    /// Blocks are separated by blank lines; a single line break also ends a block unless it only wraps a sentence
    /// (the line ends mid-sentence and the next begins in lower case).
    /// </summary>
    private static List<string> SplitBlocks(string raw)
    {
        var lines = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var blocks = new List<string>();
        var current = new List<string>();
        foreach (var rawLine in lines)
        {
            var line = WhitespaceNormalizer.CollapseInline(rawLine);
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (current.Count > 0 && !WrapsInto(current[^1], line)) Flush();
            current.Add(line);
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (current.Count > 0) blocks.Add(string.Join(' ', current));
            current.Clear();
        }
    }

    private static bool WrapsInto(string previous, string next) =>
        previous.Length >= 40 && char.IsLetterOrDigit(previous[^1]) && char.IsLower(next[0]);
}
