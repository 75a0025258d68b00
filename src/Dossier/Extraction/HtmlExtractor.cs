using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Dossier.Ingestion;

namespace Dossier.Extraction;

/// <summary>What an HTML page yields: its body blocks and what it says about itself.</summary>
internal sealed record HtmlArticle(
    string? Title,
    DateTimeOffset? Published,
    string? Site,
    string? Language,
    IReadOnlyList<string> Authors,
    IReadOnlyList<(string Text, ParagraphKind Kind)> Blocks);

/// <summary>
/// Parses HTML with AngleSharp and keeps the densest content container's paragraphs.
/// A first version: the learned content scorer of the extraction issue replaces the container choice.
/// </summary>
internal sealed class HtmlExtractor
{
    private static readonly string[] Boilerplate =
        ["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe", "button", "select", "figure > figcaption"];

    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false, IsKeepingSourceReferences = false };

    public HtmlArticle Extract(string html, ArticleHints hints)
    {
        var parser = new HtmlParser(ParserOptions);
        using var document = parser.ParseDocument(html);
        var meta = ReadMetadata(document);
        foreach (var element in document.QuerySelectorAll(string.Join(',', Boilerplate)).ToList())
        {
            element.Remove();
        }

        var container = ChooseContainer(document);
        var blocks = container is null ? [] : CollectBlocks(container);
        var title = hints.Title ?? meta.Title;
        return new HtmlArticle(title, hints.Published ?? meta.Published, meta.Site, meta.Language, meta.Authors, blocks);
    }

    private static IElement? ChooseContainer(IDocument document)
    {
        var article = document.QuerySelectorAll("article, [itemprop=articleBody], main").OrderByDescending(ParagraphTextLength).FirstOrDefault();
        if (article is not null && ParagraphTextLength(article) > 200) return article;

        // The element whose direct paragraph children hold the most text.
        var best = document.QuerySelectorAll("p").Select(p => p.ParentElement).OfType<IElement>().Distinct()
            .OrderByDescending(element => element.Children.Where(IsParagraph).Sum(p => p.TextContent.Length))
            .FirstOrDefault();
        return best ?? document.Body;
    }

    private static bool IsParagraph(IElement element) => element.LocalName == "p";

    private static int ParagraphTextLength(IElement element) => element.QuerySelectorAll("p").Sum(p => p.TextContent.Length);

    private static List<(string, ParagraphKind)> CollectBlocks(IElement container)
    {
        var blocks = new List<(string, ParagraphKind)>();
        foreach (var element in container.QuerySelectorAll("p, h2, h3, h4, li, blockquote, pre"))
        {
            // Nested blocks are read once, by their innermost block ancestor's children.
            if (element.ParentElement?.Closest("p, li, blockquote, pre") is not null) continue;
            var kind = element.LocalName switch
            {
                "h2" or "h3" or "h4" => ParagraphKind.Heading,
                "li" => ParagraphKind.ListItem,
                "blockquote" => ParagraphKind.Quote,
                _ => ParagraphKind.Body,
            };
            var text = element.TextContent;
            if (!string.IsNullOrWhiteSpace(text)) blocks.Add((text, kind));
        }

        if (blocks.Count == 0 && !string.IsNullOrWhiteSpace(container.TextContent))
        {
            blocks.Add((container.TextContent, ParagraphKind.Body));
        }

        return blocks;
    }

    private static HtmlArticle ReadMetadata(IDocument document)
    {
        string? Meta(params string[] keys) =>
            keys.Select(key => document.QuerySelector($"meta[property='{key}'], meta[name='{key}'], meta[itemprop='{key}']")?.GetAttribute("content"))
                .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();

        var jsonLd = ReadJsonLd(document);
        var title = Meta("og:title", "twitter:title") ?? jsonLd.Headline ?? document.QuerySelector("h1")?.TextContent.Trim() ?? document.Title?.Trim();
        var published = DateParsing.TryParseIso(Meta("article:published_time", "datePublished", "pubdate", "date", "dc.date", "DC.date.issued"))
                        ?? DateParsing.TryParseIso(jsonLd.Published)
                        ?? DateParsing.TryParseIso(document.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
        var site = Meta("og:site_name", "application-name");
        var author = Meta("author", "article:author") ?? jsonLd.Author;
        var language = document.DocumentElement.GetAttribute("lang")?.Split('-', '_')[0].ToLowerInvariant();
        return new HtmlArticle(
            string.IsNullOrWhiteSpace(title) ? null : WhitespaceNormalizer.CollapseInline(title),
            published,
            site,
            string.IsNullOrWhiteSpace(language) ? null : language,
            author is null ? [] : [WhitespaceNormalizer.CollapseInline(author)],
            []);
    }

    private static (string? Headline, string? Published, string? Author) ReadJsonLd(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent);
                var candidates = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
                foreach (var item in candidates.Where(item => item.ValueKind == JsonValueKind.Object))
                {
                    var headline = String(item, "headline");
                    var published = String(item, "datePublished");
                    if (headline is null && published is null) continue;
                    var author = item.TryGetProperty("author", out var a)
                        ? a.ValueKind switch
                        {
                            JsonValueKind.String => a.GetString(),
                            JsonValueKind.Object => String(a, "name"),
                            JsonValueKind.Array => a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Object ? String(x, "name") : null).FirstOrDefault(x => x is not null),
                            _ => null,
                        }
                        : null;
                    return (headline, published, author);
                }
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the meta tags still count.
            }
        }

        return (null, null, null);

        static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
