using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Dossier.Reports;

namespace Dossier.Web.Tests;

/// <summary>
/// Every payload of the corpus, planted in every field, rendered by the report and every page: the parsed HTML must hold
/// only the elements and attributes the app itself writes, and the payload must come through as text.
/// </summary>
public sealed class XssTests : IAsyncLifetime
{
    private static readonly HashSet<string> AllowedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "meta", "title", "link", "style", "nav", "main", "a", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "table", "tbody", "tr", "th",
        "td", "form", "input", "select", "option", "button", "textarea", "label", "mark", "span", "div", "code", "b", "small", "details", "summary", "article",
        "section", "blockquote", "br", "svg", "rect", "line", "text", "circle",
    };

    private WebServer _server = null!;

    public async Task InitializeAsync() => _server = await WebServer.StartAsync(store => XssCorpus.SeedAsync(store));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Corpus_has_at_least_thirty_payloads() => Assert.True(XssCorpus.Payloads.Count >= 30, $"{XssCorpus.Payloads.Count} payloads");

    [Fact]
    public async Task Pages_render_payloads_as_text_only()
    {
        var entities = await _server.Store.ListEntitiesAsync(null, 1000, CancellationToken.None);
        Assert.Equal(XssCorpus.Payloads.Count, entities.Count);
        var paths = new List<string> { "/search?q=accused", "/search?q=innocent&kind=quote", "/search?kind=claim&status=denied", "/entities", "/hits", "/ingest" };
        foreach (var payload in XssCorpus.Payloads) paths.Add("/search?q=" + Uri.EscapeDataString(payload));
        foreach (var summary in entities)
        {
            paths.Add($"/entities/{summary.Entity.Id}");
            paths.Add($"/entities?q={Uri.EscapeDataString(summary.Entity.Name)}");
            foreach (var document in summary.Entity.Documents)
            {
                paths.Add($"/documents/{document}");
                paths.Add($"/claims/{document}/0");
                paths.Add($"/claims/{document}/1");
            }
        }

        var parser = new HtmlParser();
        foreach (var path in paths)
        {
            var response = await _server.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            AssertNoMarkupFromContent(parser.ParseDocument(await response.Content.ReadAsStringAsync()), path);
        }
    }

    [Fact]
    public async Task Payloads_survive_as_visible_text()
    {
        var parser = new HtmlParser();
        foreach (var summary in await _server.Store.ListEntitiesAsync(null, 1000, CancellationToken.None))
        {
            var page = parser.ParseDocument(await _server.Client.GetStringAsync($"/documents/{summary.Entity.Documents[0]}"));
            Assert.Equal(summary.Entity.Name, page.QuerySelector("main h1")!.TextContent);
            Assert.StartsWith(summary.Entity.Name + " was accused", page.QuerySelector(".text")!.TextContent);
        }
    }

    [Fact]
    public async Task Standalone_reports_hold_no_markup_from_content()
    {
        var parser = new HtmlParser();
        foreach (var summary in await _server.Store.ListEntitiesAsync(null, 1000, CancellationToken.None))
        {
            var documents = await _server.Store.GetDocumentsMentioningAsync(summary.Entity.Id, CancellationToken.None);
            var hits = await _server.Store.GetWatchlistHitsAsync(summary.Entity.Id, CancellationToken.None);
            var html = new HtmlReportWriter().Write(new EntityDossier(summary.Entity, documents, hits.Select(h => h.Hit).ToList()));
            var page = parser.ParseDocument(html);
            AssertNoMarkupFromContent(page, "report of " + summary.Entity.Name);
            Assert.Equal(summary.Entity.Name + " ORG", page.QuerySelector("h1")!.TextContent);
        }
    }

    private static void AssertNoMarkupFromContent(IDocument page, string where)
    {
        foreach (var element in page.All)
        {
            Assert.True(AllowedElements.Contains(element.LocalName), $"{where}: unexpected <{element.LocalName}>: {Shorten(element.OuterHtml)}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{where}: event handler {Shorten(element.OuterHtml)}");
                Assert.False(attribute.Name is "style" or "srcdoc" or "src" or "formaction", $"{where}: attribute {attribute.Name} on {Shorten(element.OuterHtml)}");
                if (attribute.Name is "href" or "action")
                {
                    Assert.True(attribute.Value.StartsWith('/') || attribute.Value.StartsWith('#'), $"{where}: {attribute.Name}=\"{attribute.Value}\" is not a link within the app");
                    Assert.False(attribute.Value.StartsWith("//", StringComparison.Ordinal), $"{where}: protocol-relative {attribute.Name}=\"{attribute.Value}\"");
                }
            }
        }

        Assert.All(page.QuerySelectorAll("meta[http-equiv]"), meta => Assert.Equal("Content-Security-Policy", meta.GetAttribute("http-equiv")));
        Assert.All(page.QuerySelectorAll("link"), link => Assert.Equal("/static/site.css", link.GetAttribute("href")));
        Assert.True(page.QuerySelectorAll("style").Length <= 1, $"{where}: more than one style element");
        Assert.All(page.QuerySelectorAll("style"), style => Assert.Equal(ArticleHtml.Styles, style.TextContent));
        Assert.All(page.QuerySelectorAll("svg"), svg => Assert.Contains(svg.GetAttribute("class"), new[] { "timeline", "source-graph" }));
    }

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";
}
