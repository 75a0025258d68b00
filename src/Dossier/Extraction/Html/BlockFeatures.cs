namespace Dossier.Extraction.Html;

/// <summary>
/// The numbers the block classifier reads. The first stage sees a block alone (its text, its tag, what its ancestors
/// say); the second also sees its neighbours' first-stage scores and whether it lies in the chosen article container.
/// </summary>
/// <summary>What the local features need to know of the whole page: how often each text recurs, how many blocks share a parent.</summary>
internal sealed class PageStats
{
    public PageStats(IReadOnlyList<TextBlock> blocks)
    {
        foreach (var block in blocks)
        {
            TextCounts[block.Text] = TextCounts.GetValueOrDefault(block.Text) + 1;
            var parent = block.Owner.Block.Parent ?? block.Owner.Block;
            SiblingCounts[parent] = SiblingCounts.GetValueOrDefault(parent) + 1;
        }
    }

    public Dictionary<string, int> TextCounts { get; } = new(StringComparer.Ordinal);
    public Dictionary<RegionNode, int> SiblingCounts { get; } = new(ReferenceEqualityComparer.Instance);
}

internal static class BlockFeatures
{
    private static readonly string[] TagClasses = ["p", "div", "li", "h1", "h2", "td", "blockquote", "pre", "dd", "figcaption", "other"];

    private static readonly (string Name, PageRegion Bit)[] ElementRegions =
    [
        ("in_header", PageRegion.Header), ("in_footer", PageRegion.Footer), ("in_nav", PageRegion.Nav), ("in_aside", PageRegion.Aside),
        ("in_article", PageRegion.Article), ("in_main", PageRegion.Main), ("in_form", PageRegion.Form), ("in_figure", PageRegion.Figure),
        ("in_list", PageRegion.List), ("in_table", PageRegion.Table), ("in_blockquote", PageRegion.Blockquote),
        ("in_article_body_markup", PageRegion.ArticleBodyMarkup), ("in_address", PageRegion.Address), ("in_time", PageRegion.Time),
    ];

    public static IReadOnlyList<string> LocalNames(RegionKeywords keywords) =>
    [
        "log_words", "short", "medium", "link_density", "all_link", "starts_with_link", "sentence_end", "punctuation_per_word", "commas",
        "upper_start", "digit_share", "separators", "position", "copyright", "depth",
        "ellipsis_end", "lowercase_word_share", "title_case", "repeated", "log_siblings", "chrome_line", "upper_share",
        .. TagClasses.Select(t => "tag_" + t),
        .. ElementRegions.Select(r => r.Name),
        .. keywords.GroupNames.Select(g => "class_" + g),
        .. keywords.GroupNames.Select(g => "near_class_" + g),
    ];

    public static IReadOnlyList<string> ContextNames(RegionKeywords keywords) =>
    [
        .. LocalNames(keywords), "local_score", "previous_local", "next_local", "in_container", "before_container", "after_container", "same_tag_share",
    ];

    /// <summary>How many context features follow the local ones.</summary>
    public const int ContextOnlyCount = 7;

    /// <summary>Writes the block's local features into <paramref name="features"/>, which must be all zero.</summary>
    public static void Local(TextBlock block, int blockCount, RegionKeywords keywords, PageStats page, ChromeLines chrome, Span<double> features)
    {
        var text = block.Text;
        var words = block.Words;
        int commas = 0, punctuation = 0, digits = 0, separators = 0, letters = 0, upper = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c)) upper++;
            }

            switch (c)
            {
                case ',' or '，' or '、':
                    commas++;
                    punctuation++;
                    break;
                case '.' or ';' or ':' or '。' or '!' or '?':
                    punctuation++;
                    break;
                case '|' or '•' or '·' or '»' or '›' or '/':
                    separators++;
                    break;
                default:
                    if (char.IsDigit(c)) digits++;
                    break;
            }
        }

        var last = text[^1];
        var i = 0;
        features[i++] = Math.Log(1 + words);
        features[i++] = words < 5 ? 1 : 0;
        features[i++] = words is >= 5 and < 15 ? 1 : 0;
        features[i++] = block.LinkDensity;
        features[i++] = block.LinkDensity > 0.9 ? 1 : 0;
        features[i++] = block.StartsWithLink ? 1 : 0;
        features[i++] = last is '.' or '!' or '?' or '"' or '”' or '’' or '»' or '。' or '」' or ')' ? 1 : 0;
        features[i++] = Math.Min(2.0, (double)punctuation / Math.Max(1, words));
        features[i++] = Math.Min(5, commas) / 5.0;
        features[i++] = char.IsUpper(text[0]) || char.IsDigit(text[0]) || text[0] is '"' or '“' or '«' ? 1 : 0;
        features[i++] = (double)digits / text.Length;
        features[i++] = Math.Min(3, separators) / 3.0;
        features[i++] = blockCount <= 1 ? 0 : (double)block.Index / (blockCount - 1);
        features[i++] = text.Contains('©') || text.Contains("rights reserved", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        features[i++] = Math.Min(40, block.Owner.Depth) / 40.0;
        features[i++] = text.EndsWith("...", StringComparison.Ordinal) || last == '…' ? 1 : 0;
        var (lower, capitalised) = WordCases(text);
        features[i++] = block.Words == 0 ? 0 : Math.Min(1.0, (double)lower / block.Words);
        features[i++] = block.Words >= 3 && capitalised >= 0.7 * block.Words ? 1 : 0;
        features[i++] = page.TextCounts.GetValueOrDefault(text) > 1 ? 1 : 0;
        features[i++] = Math.Log(page.SiblingCounts.GetValueOrDefault(block.Owner.Block.Parent ?? block.Owner.Block, 1));
        features[i++] = chrome.IsChrome(text) ? 1 : 0;
        // Shouted text (all-caps teasers to other stories) is rare in article prose; short blocks say too little to count.
        features[i++] = letters < 12 ? 0 : (double)upper / letters;
        features[i + TagIndex(block.Tag)] = 1;
        i += TagClasses.Length;
        var region = block.Owner.Region;
        // A mask test, not Enum.HasFlag: with a bit read from the table, HasFlag boxed both values for every block.
        foreach (var (_, bit) in ElementRegions) features[i++] = (region & bit) == bit ? 1 : 0;
        for (var g = 0; g < keywords.GroupNames.Count; g++)
        {
            features[i++] = ((long)region & ((long)PageRegion.FirstKeywordGroup << g)) != 0 ? 1 : 0;
        }

        var near = block.Owner.Near;
        for (var g = 0; g < keywords.GroupNames.Count; g++)
        {
            features[i++] = ((long)near & ((long)PageRegion.FirstKeywordGroup << g)) != 0 ? 1 : 0;
        }
    }

    public static int LocalCount(RegionKeywords keywords) => 22 + TagClasses.Length + ElementRegions.Length + 2 * keywords.GroupNames.Count;

    /// <summary>Writes the block's context features, which follow its local ones; the blocks' local scores must be set.</summary>
    public static void Context(Span<double> features, IReadOnlyList<TextBlock> blocks, int index, (int First, int Last) container, double sameTagShare)
    {
        var i = 0;
        var block = blocks[index];
        features[i++] = Clamp(block.LocalScore);
        features[i++] = Neighbours(blocks, index, -1);
        features[i++] = Neighbours(blocks, index, +1);
        features[i++] = block.InContainer ? 1 : 0;
        features[i++] = index < container.First ? 1 : 0;
        features[i++] = index > container.Last ? 1 : 0;
        features[i] = sameTagShare;
    }

    /// <summary>Words that begin in lower case, and words that begin in upper case.</summary>
    private static (int Lower, int Capitalised) WordCases(string text)
    {
        int lower = 0, capitalised = 0;
        var atWordStart = true;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (atWordStart)
                {
                    if (char.IsLower(c)) lower++;
                    else if (char.IsUpper(c)) capitalised++;
                }

                atWordStart = false;
            }
            else
            {
                atWordStart = true;
            }
        }

        return (lower, capitalised);
    }

    private static double Neighbours(IReadOnlyList<TextBlock> blocks, int index, int step)
    {
        double sum = 0;
        var count = 0;
        for (var j = index + step; j >= 0 && j < blocks.Count && count < 2; j += step)
        {
            sum += Clamp(blocks[j].LocalScore);
            count++;
        }

        return count == 0 ? -4 : sum / count;
    }

    private static double Clamp(double logit) => Math.Clamp(logit, -8, 8);

    private static int TagIndex(string tag) => tag switch
    {
        "p" => 0,
        "div" or "section" or "article" or "main" or "center" or "body" => 1,
        "li" => 2,
        "h1" => 3,
        "h2" or "h3" or "h4" or "h5" or "h6" => 4,
        "td" or "th" or "tr" or "table" or "tbody" or "caption" => 5,
        "blockquote" => 6,
        "pre" => 7,
        "dd" or "dt" or "dl" => 8,
        "figcaption" or "figure" => 9,
        _ => 10,
    };
}
