using System.Xml;
using System.Xml.Linq;

namespace Dossier.Ingestion.Web;

public sealed record FeedEntry(Uri Link, string? Title, DateTimeOffset? Published);

/// <summary>
/// Reads the article links of RSS 0.9x/1.0/2.0, Atom and sitemap documents. Hand-read with LINQ to XML rather than
/// System.ServiceModel.Syndication, which refuses whole feeds over one malformed date and knows neither RSS 1.0 nor sitemaps.
/// </summary>
public static class FeedParser
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = 64L * 1024 * 1024,
        IgnoreComments = true,
    };

    /// <summary>True when the bytes look like a feed or sitemap rather than a page.</summary>
    public static bool LooksLikeFeed(ReadOnlySpan<byte> bytes)
    {
        var head = System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2048)]).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (!head.StartsWith('<')) return false;
        return head.Contains("<rss", StringComparison.OrdinalIgnoreCase) || head.Contains("<feed", StringComparison.OrdinalIgnoreCase) ||
               head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase) || head.Contains("<urlset", StringComparison.OrdinalIgnoreCase) ||
               head.Contains("<sitemapindex", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The entries' links, resolved against the feed's own address, or null when the document is not a readable feed.</summary>
    public static IReadOnlyList<FeedEntry>? TryParse(ReadOnlyMemory<byte> bytes, Uri? baseUri, int maxEntries)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        var root = document.Root;
        if (root is null) return null;
        var entries = new List<FeedEntry>();
        foreach (var element in root.Descendants())
        {
            if (entries.Count >= maxEntries) break;
            var entry = element.Name.LocalName switch
            {
                "item" => Entry(Child(element, "link")?.Value ?? Child(element, "guid")?.Value, Child(element, "title")?.Value,
                    Child(element, "pubDate")?.Value ?? Child(element, "date")?.Value),
                "entry" => Entry(AtomLink(element), Child(element, "title")?.Value, Child(element, "published")?.Value ?? Child(element, "updated")?.Value),
                "url" or "sitemap" when root.Name.LocalName is "urlset" or "sitemapindex" => Entry(Child(element, "loc")?.Value, null,
                    element.Descendants().FirstOrDefault(d => d.Name.LocalName == "publication_date")?.Value ?? Child(element, "lastmod")?.Value),
                _ => null,
            };
            if (entry is not null) entries.Add(entry);
        }

        return entries;

        FeedEntry? Entry(string? link, string? title, string? date)
        {
            if (string.IsNullOrWhiteSpace(link)) return null;
            var text = link.Trim();
            // On Unix "/b" parses as an absolute file URI, so only a link with its own web scheme is taken as absolute.
            var uri = InputReader.IsUrl(text)
                ? Uri.TryCreate(text, UriKind.Absolute, out var absolute) ? absolute : null
                : baseUri is not null && Uri.TryCreate(baseUri, text, out var relative) ? relative : null;
            return uri is { Scheme: "http" or "https" } ? new FeedEntry(uri, title?.Trim(), DateParsing.TryParseIso(date)) : null;
        }
    }

    private static XElement? Child(XElement element, string localName) => element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? AtomLink(XElement entry)
    {
        var links = entry.Elements().Where(e => e.Name.LocalName == "link").ToList();
        return (links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault())?.Attribute("href")?.Value;
    }
}
