using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Dossier.Ingestion;

namespace Dossier.Extraction.Html;

/// <summary>What a page says about itself: title, authors, publication date, site and language.</summary>
internal sealed record PageMetadata(string? Title, IReadOnlyList<string> Authors, DateTimeOffset? Published, string? Site, string? Language);

/// <summary>
/// Reads a page's metadata from, in order of trust: JSON-LD, meta tags (Open Graph, Dublin Core, article:*),
/// microdata and <c>&lt;time&gt;</c> elements, the visible headline, and the URL.
/// </summary>
internal static partial class HtmlMetadata
{
    private const int MaxJsonLdChars = 1 << 20;

    /// <summary>Reads the parsed page; JSON-LD comes from the markup itself, as the parser is told to drop script text.</summary>
    public static PageMetadata Read(IDocument document, string html, string? url)
    {
        var marks = PageMarks.Collect(document);
        var meta = MetaTags(document, marks);
        var jsonLd = JsonLd.Read(html);
        var title = Title(document, meta, jsonLd, marks);
        var published = PublishedDate(meta, jsonLd, marks, url);
        var authors = Authors(meta, jsonLd, marks);
        var site = First(meta, "og:site_name", "application-name", "publisher") ?? jsonLd.Publisher;
        var language = Language(document, meta);
        return new PageMetadata(title, authors, published, Clean(site), language);
    }

    private static Dictionary<string, string> MetaTags(IDocument document, PageMarks marks)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in document.Head?.Children.Where(e => e.LocalName == "meta") ?? document.QuerySelectorAll("meta"))
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name") ?? element.GetAttribute("itemprop") ?? element.GetAttribute("http-equiv");
            var content = element.GetAttribute("content");
            if (key is null || string.IsNullOrWhiteSpace(content)) continue;
            tags.TryAdd(key.Trim(), content.Trim());
        }

        foreach (var element in marks.ItemProps)
        {
            var key = element.GetAttribute("itemprop")!;
            var value = element.GetAttribute("content") ?? element.GetAttribute("datetime") ?? element.TextContent;
            if (!string.IsNullOrWhiteSpace(value)) tags.TryAdd("itemprop:" + key, value.Trim());
        }

        return tags;
    }

    private static string? First(Dictionary<string, string> meta, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (meta.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)) return value;
        }

        return null;
    }

    private static string? Title(IDocument document, Dictionary<string, string> meta, JsonLd jsonLd, PageMarks marks)
    {
        var headline = marks.ArticleHeadline ?? marks.FirstHeadline;
        var h1 = Clean(headline?.TextContent);
        var declared = Clean(First(meta, "og:title", "twitter:title", "itemprop:headline", "dc.title") ?? jsonLd.Headline);
        var documentTitle = Clean(document.Title);
        if (h1 is { Length: > 0 } && (Contains(declared, h1) || Contains(documentTitle, h1))) return h1;
        if (declared is not null) return StripSiteName(declared);
        // A headline of a few words on the page outranks a <title> that does not contain it (often a section or site name);
        // a one- or two-word <h1> is more often the site's logo.
        if (h1 is not null && h1.Split(' ').Length >= 4) return h1;
        if (documentTitle is not null) return StripSiteName(documentTitle);
        return h1;

        static bool Contains(string? outer, string inner) =>
            outer is not null && Normalize(outer).Contains(Normalize(inner), StringComparison.Ordinal);
    }

    /// <summary>Normalised for comparison: letters and digits only, lower case.</summary>
    public static string Normalize(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>"Headline | Site" and "Headline - Site": the longest part is the headline.</summary>
    private static string StripSiteName(string title)
    {
        var parts = SiteSeparator().Split(title);
        return parts.Length < 2 ? title : parts.OrderByDescending(p => p.Length).First().Trim();
    }

    private static DateTimeOffset? PublishedDate(Dictionary<string, string> meta, JsonLd jsonLd, PageMarks marks, string? url)
    {
        var fromMeta = First(meta, "article:published_time", "article:published", "og:published_time", "datePublished", "itemprop:datePublished", "pubdate", "publishdate",
            "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "date", "article.published", "pdate", "og:updated_time");
        if (DateParsing.TryParseIso(fromMeta) is { } metaDate) return metaDate;
        if (DateParsing.TryParseIso(jsonLd.Published) is { } jsonDate) return jsonDate;
        var times = marks.Times;
        var time = times.FirstOrDefault(t => t.HasAttribute("pubdate") || (t.GetAttribute("itemprop") ?? "").Contains("datePublished", StringComparison.Ordinal)
                                             || (t.ClassName ?? "").Contains("publish", StringComparison.OrdinalIgnoreCase)) ?? times.FirstOrDefault();
        if (DateParsing.TryParseIso(time?.GetAttribute("datetime")) is { } timeDate) return timeDate;
        if (url is not null && UrlDate().Match(url) is { Success: true } match &&
            DateTime.TryParseExact($"{match.Groups["y"].Value}-{match.Groups["m"].Value}-{match.Groups["d"].Value}", "yyyy-M-d",
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var urlDate))
        {
            return new DateTimeOffset(urlDate, TimeSpan.Zero);
        }

        return null;
    }

    private static IReadOnlyList<string> Authors(Dictionary<string, string> meta, JsonLd jsonLd, PageMarks marks)
    {
        if (jsonLd.Authors.Count > 0) return jsonLd.Authors;
        var declared = First(meta, "author", "article:author", "dc.creator", "sailthru.author", "parsely-author");
        if (declared is not null && !declared.StartsWith("http", StringComparison.OrdinalIgnoreCase)) return SplitNames(declared);
        var element = marks.Author;
        var text = Clean(element?.GetAttribute("content") ?? element?.TextContent);
        return text is { Length: > 0 and < 120 } ? SplitNames(ByPrefix().Replace(text, "")) : [];
    }

    private static IReadOnlyList<string> SplitNames(string names) =>
        NameSeparator().Split(names).Select(Clean).OfType<string>().Where(n => n.Length is > 1 and < 80).Distinct(StringComparer.Ordinal).ToList();

    private static string? Language(IDocument document, Dictionary<string, string> meta)
    {
        var declared = document.DocumentElement.GetAttribute("lang") ?? document.DocumentElement.GetAttribute("xml:lang")
                       ?? First(meta, "content-language", "og:locale", "language", "dc.language");
        if (string.IsNullOrWhiteSpace(declared)) return null;
        var code = declared.Trim().Split('-', '_', ',', ' ')[0].ToLowerInvariant();
        return code.Length is 2 or 3 && code.All(char.IsAsciiLetterLower) ? code : null;
    }

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var clean = WhitespaceNormalizer.CollapseInline(text);
        return clean.Length == 0 ? null : clean;
    }

    [GeneratedRegex(@"\s+(?:\||-|–|—|::|·|•)\s+")]
    private static partial Regex SiteSeparator();

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})[/-](?<m>[01]?\d)[/-](?<d>[0-3]?\d)(?:/|-|$)")]
    private static partial Regex UrlDate();

    [GeneratedRegex(@"^\s*(?:by|von|par|por|door)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ByPrefix();

    [GeneratedRegex(@"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b)\s*")]
    private static partial Regex NameSeparator();

    /// <summary>The first article-like object of the page's JSON-LD scripts, including those inside "@graph".</summary>
    private sealed record JsonLd(string? Headline, string? Published, IReadOnlyList<string> Authors, string? Publisher)
    {
        private static readonly JsonLd Empty = new(null, null, [], null);

        public static JsonLd Read(string html)
        {
            const string marker = "ld+json";
            for (var at = html.IndexOf(marker, StringComparison.OrdinalIgnoreCase); at >= 0; at = html.IndexOf(marker, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                // The marker counts only inside a script start tag: "<script" before it, and no '>' between the two.
                var open = html.LastIndexOf("<script", at, StringComparison.OrdinalIgnoreCase);
                var tagEnd = html.IndexOf('>', at);
                if (open < 0 || tagEnd < 0 || html.IndexOf('>', open, at - open) >= 0) continue;
                var close = html.IndexOf("</script", tagEnd, StringComparison.OrdinalIgnoreCase);
                if (close < 0) break;
                at = close;
                if (close - tagEnd - 1 > MaxJsonLdChars) continue;
                try
                {
                    using var json = JsonDocument.Parse(html.AsMemory(tagEnd + 1, close - tagEnd - 1),
                        new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                    if (Find(json.RootElement, 0) is { } found) return found;
                }
                catch (JsonException)
                {
                    // Broken JSON-LD is common; the meta tags still count.
                }
            }

            return Empty;
        }

        private static JsonLd? Find(JsonElement element, int depth)
        {
            if (depth > 4) return null;
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, depth + 1) is { } found) return found;
                }

                return null;
            }

            if (element.ValueKind != JsonValueKind.Object) return null;
            if (element.TryGetProperty("@graph", out var graph) && Find(graph, depth + 1) is { } inGraph) return inGraph;
            var headline = String(element, "headline");
            var published = String(element, "datePublished");
            if (headline is null && published is null) return null;
            var authors = element.TryGetProperty("author", out var author) ? Names(author) : [];
            var publisher = element.TryGetProperty("publisher", out var p) && p.ValueKind == JsonValueKind.Object ? String(p, "name") : null;
            return new JsonLd(headline, published, authors, publisher);
        }

        private static List<string> Names(JsonElement author) => author.ValueKind switch
        {
            JsonValueKind.String => [.. SplitNames(author.GetString()!)],
            JsonValueKind.Object => String(author, "name") is { } name ? [.. SplitNames(name)] : [],
            JsonValueKind.Array => author.EnumerateArray().SelectMany(Names).Distinct(StringComparer.Ordinal).ToList(),
            _ => [],
        };

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()!.Trim()
                : null;
    }

    /// <summary>The elements the metadata reads, gathered in one walk of the tree rather than a selector query each.</summary>
    private sealed class PageMarks
    {
        /// <summary>Elements with itemprop datePublished or headline, in document order.</summary>
        public List<IElement> ItemProps { get; } = [];

        /// <summary>&lt;time datetime&gt; elements, in document order.</summary>
        public List<IElement> Times { get; } = [];

        /// <summary>The first &lt;h1&gt; inside an &lt;article&gt; or &lt;main&gt; of the body.</summary>
        public IElement? ArticleHeadline { get; private set; }

        /// <summary>The body's first &lt;h1&gt;.</summary>
        public IElement? FirstHeadline { get; private set; }

        /// <summary>The first element marked as the author: itemprop or rel "author", class "author-name", or a link in a byline.</summary>
        public IElement? Author { get; private set; }

        public static PageMarks Collect(IDocument document)
        {
            var marks = new PageMarks();
            var body = document.Body;
            var stack = new Stack<(IElement Element, bool InBody, bool InArticle, bool InByline)>();
            stack.Push((document.DocumentElement, false, false, false));
            while (stack.Count > 0)
            {
                var (element, inBody, inArticle, inByline) = stack.Pop();
                inBody |= ReferenceEquals(element, body);
                var tag = element.LocalName;
                inArticle |= inBody && tag is "article" or "main";
                if (tag == "h1" && inBody)
                {
                    marks.FirstHeadline ??= element;
                    if (inArticle) marks.ArticleHeadline ??= element;
                }
                else if (tag == "time" && element.HasAttribute("datetime"))
                {
                    marks.Times.Add(element);
                }

                var itemProp = element.GetAttribute("itemprop");
                if (itemProp is "datePublished" or "headline") marks.ItemProps.Add(element);
                var classes = element.GetAttribute("class");
                if (marks.Author is null && (itemProp == "author" || element.GetAttribute("rel") == "author" || (inByline && tag == "a") || HasClass(classes, "author-name")))
                {
                    marks.Author = element;
                }

                inByline |= HasClass(classes, "byline");
                // By index, as walking siblings backwards searches the parent's children for each (quadratic in a wide parent).
                var children = element.ChildNodes;
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    if (children[i] is IElement child) stack.Push((child, inBody, inArticle, inByline));
                }
            }

            return marks;
        }

        private static bool HasClass(string? classes, string name)
        {
            if (classes is null) return false;
            foreach (var range in classes.AsSpan().SplitAny(" \t\n\r\f"))
            {
                if (classes.AsSpan(range).Equals(name, StringComparison.Ordinal)) return true;
            }

            return false;
        }
    }
}
