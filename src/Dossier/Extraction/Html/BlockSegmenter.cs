using System.Text;
using AngleSharp.Dom;

namespace Dossier.Extraction.Html;

/// <summary>A node on the path from the page root to a block: the element and what its ancestors say about it.</summary>
internal sealed class RegionNode(RegionNode? parent, string tag, PageRegion region, int depth, RegionNode? block, PageRegion own)
{
    /// <summary>What this element alone says (its tag, classes and id), not what it inherits.</summary>
    public PageRegion Own { get; } = own;

    /// <summary>What this element and its two nearest block ancestors say: the block's immediate surroundings.</summary>
    public PageRegion Near => Own | (Block.Parent?.Own ?? PageRegion.None) | (Block.Parent?.Parent?.Own ?? PageRegion.None);

    public RegionNode? Parent { get; } = parent;

    /// <summary>The block element this node stands for: itself, or for an inline element's marks, the block around it.</summary>
    public RegionNode Block => block ?? this;
    public string Tag { get; } = tag;
    public PageRegion Region { get; } = region;
    public int Depth { get; } = depth;

    /// <summary>The container score the blocks beneath it add up to; set while choosing the article container.</summary>
    public double ContainerScore { get; set; }
}

/// <summary>A run of text between block boundaries, with what the classifier needs to know about it.</summary>
internal sealed class TextBlock
{
    public required string Text { get; init; }
    public required RegionNode Owner { get; init; }
    public required int LinkChars { get; init; }
    public required int Words { get; init; }
    public required int Index { get; init; }
    public required bool StartsWithLink { get; init; }
    public double LocalScore { get; set; }
    public double FinalScore { get; set; }
    public bool InContainer { get; set; }

    public string Tag => Owner.Tag;
    public double LinkDensity => Text.Length == 0 ? 0 : Math.Min(1.0, (double)LinkChars / Text.Length);

    public ParagraphKind Kind => Tag switch
    {
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => ParagraphKind.Heading,
        "li" or "dd" or "dt" => ParagraphKind.ListItem,
        "blockquote" => ParagraphKind.Quote,
        _ => (Owner.Region & PageRegion.Blockquote) != 0 ? ParagraphKind.Quote : ParagraphKind.Body,
    };
}

/// <summary>
/// Cuts a parsed page into text blocks in reading order, walking the tree iteratively (pages nest arbitrarily deep)
/// and skipping what never carries article text (scripts, styles, forms' controls, hidden elements).
/// </summary>
internal sealed class BlockSegmenter(RegionKeywords keywords)
{
    private const int MaxBlocks = 20_000;

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
        "select", "option", "textarea", "button", "input", "head", "title", "meta", "link", "map", "frameset", "frame", "dialog",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "li", "ul", "ol", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
        "figure", "figcaption", "form", "fieldset", "legend", "hr", "address", "center", "details", "summary", "body", "html",
    };

    public List<TextBlock> Segment(IElement root)
    {
        var blocks = new List<TextBlock>();
        var text = new StringBuilder();
        var linkChars = 0;
        var startsWithLink = false;
        RegionNode? owner = null;
        // Pages repeat the same few class names on hundreds of elements; each distinct one is matched against the keywords once.
        var keywordMatches = new Dictionary<(string?, string?, string?), PageRegion>();
        var rootOwn = RegionOf(root, keywordMatches);
        var rootNode = new RegionNode(null, root.LocalName, rootOwn, 0, null, rootOwn);
        var stack = new Stack<Frame>();
        stack.Push(new Frame(root, rootNode, false, false));
        while (stack.Count > 0)
        {
            var frame = stack.Pop();
            if (frame.Exit)
            {
                Flush();
                continue;
            }

            switch (frame.Node)
            {
                case IText textNode:
                    Append(textNode.Data, frame.Region, frame.InLink);
                    break;
                case IElement element:
                    Enter(element, frame);
                    break;
            }

            if (blocks.Count >= MaxBlocks) break;
        }

        Flush();
        return blocks;

        void Enter(IElement element, Frame frame)
        {
            var tag = element.LocalName;
            var hasAttributes = element.Attributes.Length > 0;
            if (Skipped.Contains(tag) || (hasAttributes && IsHidden(element))) return;
            if (tag == "br")
            {
                if (text.Length > 0) text.Append('\n');
                return;
            }

            var isBlock = BlockTags.Contains(tag);
            var region = frame.Region;
            if (isBlock)
            {
                var own = hasAttributes ? RegionOf(element, keywordMatches) : RegionOfTag(tag);
                region = new RegionNode(region.Block, tag, region.Region | own, region.Depth + 1, null, own);
            }
            else if (hasAttributes && (element.HasAttribute("class") || element.HasAttribute("id")))
            {
                // An inline element's classes still mark its text (a share link, a byline span), but it does not own a block.
                var own = RegionOf(element, keywordMatches);
                region = new RegionNode(region.Parent, region.Tag, region.Region | own, region.Depth, region.Block, region.Own | own);
            }

            var inLink = frame.InLink || tag == "a";
            if (isBlock)
            {
                Flush();
                stack.Push(new Frame(element, region, inLink, true));
            }

            // By index: a node's previous sibling is found by searching its parent's children, so walking siblings
            // backwards was quadratic in a wide parent (a page's hundreds of links in one list).
            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement or IText) stack.Push(new Frame(children[i], region, inLink, false));
            }
        }

        void Append(string data, RegionNode region, bool inLink)
        {
            if (data.Length == 0) return;
            var hasContent = false;
            foreach (var c in data)
            {
                if (!char.IsWhiteSpace(c))
                {
                    hasContent = true;
                    break;
                }
            }

            if (!hasContent)
            {
                if (text.Length > 0) text.Append(' ');
                return;
            }

            if (owner is null)
            {
                owner = region;
                startsWithLink = inLink;
            }

            text.Append(data);
            if (inLink) linkChars += data.Length;
        }

        void Flush()
        {
            if (owner is not null && text.Length > 0)
            {
                var clean = WhitespaceNormalizer.CollapseInline(text);
                if (clean.Length > 0)
                {
                    var linkShare = Math.Min(clean.Length, linkChars);
                    blocks.Add(new TextBlock
                    {
                        Text = clean,
                        Owner = owner,
                        LinkChars = linkShare,
                        Words = CountWords(clean),
                        Index = blocks.Count,
                        StartsWithLink = startsWithLink,
                    });
                }
            }

            text.Clear();
            linkChars = 0;
            owner = null;
            startsWithLink = false;
        }
    }

    private PageRegion RegionOf(IElement element, Dictionary<(string?, string?, string?), PageRegion> keywordMatches)
    {
        var region = RegionOfTag(element.LocalName);
        var itemProp = element.GetAttribute("itemprop");
        if (itemProp is not null && itemProp.Contains("articleBody", StringComparison.OrdinalIgnoreCase)) region |= PageRegion.ArticleBodyMarkup;
        var key = (element.GetAttribute("class"), element.Id, element.GetAttribute("role"));
        if (!keywordMatches.TryGetValue(key, out var matched))
        {
            matched = keywords.Match(key.Item1, key.Item2, key.Item3);
            keywordMatches[key] = matched;
        }

        return region | matched;
    }

    private static PageRegion RegionOfTag(string tag) => tag switch
    {
        "header" => PageRegion.Header,
        "footer" => PageRegion.Footer,
        "nav" => PageRegion.Nav,
        "aside" => PageRegion.Aside,
        "article" => PageRegion.Article,
        "main" => PageRegion.Main,
        "form" => PageRegion.Form,
        "figure" or "figcaption" => PageRegion.Figure,
        "ul" or "ol" or "li" or "dl" => PageRegion.List,
        "table" => PageRegion.Table,
        "blockquote" => PageRegion.Blockquote,
        "address" => PageRegion.Address,
        "time" => PageRegion.Time,
        _ => PageRegion.None,
    };

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden")) return true;
        var style = element.GetAttribute("style");
        if (style is null) return false;
        return style.Contains("display:none", StringComparison.OrdinalIgnoreCase) || style.Contains("display: none", StringComparison.OrdinalIgnoreCase)
            || style.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase) || style.Contains("visibility: hidden", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Words of spaced scripts, plus one word per two characters of Chinese and Japanese, which do not space words.</summary>
    public static int CountWords(string text)
    {
        var words = 0;
        var unspaced = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsUnspacedScript(c))
            {
                unspaced++;
                inWord = false;
                continue;
            }

            var isWord = char.IsLetterOrDigit(c);
            if (isWord && !inWord) words++;
            inWord = isWord;
        }

        return words + (unspaced + 1) / 2;
    }

    private static bool IsUnspacedScript(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');

    private readonly record struct Frame(INode Node, RegionNode Region, bool InLink, bool Exit);
}
