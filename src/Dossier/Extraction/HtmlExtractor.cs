using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Dossier.Extraction.Html;
using Dossier.Ingestion;

namespace Dossier.Extraction;

/// <summary>What an HTML page yields: its body blocks, what it says about itself, and notes on what was cut or missing.</summary>
internal sealed record HtmlArticle(
    string? Title,
    DateTimeOffset? Published,
    string? Site,
    string? Language,
    IReadOnlyList<string> Authors,
    IReadOnlyList<(string Text, ParagraphKind Kind)> Blocks,
    IReadOnlyList<string> Notes);

/// <summary>
/// Parses HTML with AngleSharp, cuts the page into text blocks and keeps those a learned two-stage classifier takes
/// for the article body (see <see cref="ContentSelector"/>); metadata comes from <see cref="HtmlMetadata"/>.
/// </summary>
internal sealed class HtmlExtractor
{
    /// <summary>
    /// Script text and comments are never read from the tree (JSON-LD is read from the markup itself), so the parser does
    /// not build them; nor does it track source positions.
    /// </summary>
    internal static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,
        SkipComments = true,
        SkipScriptText = true,
    };

    // The parser keeps no state between documents (each parse has its own tree builder), so one serves every call.
    private readonly HtmlParser _parser = new(ParserOptions);
    private readonly BlockSegmenter _segmenter;
    private readonly ContentSelector _selector;

    public HtmlExtractor(ChromeLines chrome) : this(RegionKeywords.Default, BlockClassifier.LoadDefault(RegionKeywords.Default), chrome) { }

    public HtmlExtractor(RegionKeywords keywords, BlockClassifier classifier, ChromeLines chrome)
    {
        _segmenter = new BlockSegmenter(keywords);
        _selector = new ContentSelector(classifier, keywords, chrome);
    }

    public HtmlArticle Extract(string html, ArticleHints hints)
    {
        var notes = new List<string>();
        var (bounded, note) = MarkupGuard.Bound(html);
        if (note is not null) notes.Add(note);
        using var document = _parser.ParseDocument(bounded);
        var meta = HtmlMetadata.Read(document, bounded, hints.Url);
        var title = hints.Title ?? meta.Title;
        var blocks = Segment(document, notes);
        var kept = blocks.Count == 0 ? blocks : _selector.Select(blocks);
        if (blocks.Count > 0 && kept.Count == 0) notes.Add("no block of the page reads as article text");
        var normalizedTitle = title is null ? null : HtmlMetadata.Normalize(title);
        var body = new List<(string, ParagraphKind)>(kept.Count);
        foreach (var block in kept)
        {
            // The headline is the document's title paragraph; repeated in the body it would be read twice.
            if (normalizedTitle is { Length: > 0 } && block.Tag is "h1" or "h2" && HtmlMetadata.Normalize(block.Text) == normalizedTitle) continue;
            body.Add((block.Text, block.Kind));
        }

        return new HtmlArticle(title, hints.Published ?? meta.Published, meta.Site, meta.Language, meta.Authors, body, notes);
    }

    /// <summary>The page's blocks for training: the same cut the extractor makes, before any is kept or dropped.</summary>
    internal List<TextBlock> Blocks(string html)
    {
        using var document = _parser.ParseDocument(MarkupGuard.Bound(html).Html);
        return Segment(document, []);
    }

    internal ContentSelector Selector => _selector;

    private List<TextBlock> Segment(IDocument document, List<string> notes)
    {
        // A frameset the parser honours takes the body's place; one after the body has begun is dropped by the parser.
        if (document.Body is null || document.Body.LocalName == "frameset")
        {
            notes.Add("the page is a frameset; the pages of its frames are not fetched");
            var noframes = document.DocumentElement.QuerySelector("noframes");
            return noframes is null ? [] : _segmenter.Segment(noframes);
        }

        var blocks = _segmenter.Segment(document.Body);
        if (blocks.Count == 0)
        {
            notes.Add(document.Body.ChildElementCount == 0 && string.IsNullOrWhiteSpace(document.Body.TextContent)
                ? "the page body is empty"
                : "the page has no visible text (only scripts, styles or embedded objects)");
        }

        return blocks;
    }
}
