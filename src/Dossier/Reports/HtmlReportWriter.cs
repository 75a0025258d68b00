using System.Globalization;
using System.Text;
using Dossier.Serialization;

namespace Dossier.Reports;

/// <summary>
/// A dossier as HTML. Standalone (the default) it is one self-contained file: no external assets, no scripts, the articles'
/// highlighted text appended so that every statement links to its span. Given <paramref name="linkToSpan"/> it links out instead,
/// as the web pages do.
/// </summary>
public sealed class HtmlReportWriter(Func<string, string, string>? linkToSpan = null) : IReportWriter
{
    public ReportFormat Format => ReportFormat.Html;

    public string Write(EntityDossier dossier)
    {
        var report = ReportBuilder.Build(dossier);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(report.Entity.Name)} — Dossier</title><style>{ArticleHtml.Styles}</style></head><body>");
        WriteBody(html, report);
        if (linkToSpan is null)
        {
            html.Append("<h2 id=\"articles\">Articles</h2>");
            foreach (var stored in dossier.Documents)
            {
                ArticleHtml.RenderArticle(html, stored.Document, stored.CanonicalIds, dossier.Entity.Id, 3);
            }
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>The report's sections, for a page that supplies its own head and layout.</summary>
    public void WriteBody(StringBuilder html, DossierReport report)
    {
        var entity = report.Entity;
        string Link(string document, string anchor) => linkToSpan?.Invoke(document, anchor) ?? "#" + anchor;

        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(entity.Name)} <small>{E(entity.Label)}</small></h1>");
        html.Append("<section id=\"summary\"><h2>Summary</h2><ul>");
        html.Append(CultureInfo.InvariantCulture, $"<li>Aliases: {(entity.Aliases.Count == 0 ? "none" : string.Join(", ", entity.Aliases.Select(E)))}</li>");
        html.Append(CultureInfo.InvariantCulture, $"<li>Articles: {report.DocumentCount}; claims: {report.Stories.Sum(s => s.Categories.Sum(c => c.Claims.Count))}; quotes: {report.Quotes.Count}</li></ul>");
        html.Append("<h3>List hits</h3>");
        if (entity.WatchlistHits.Count == 0) html.Append("<p class=\"ref\">No list hits.</p>");
        else
        {
            html.Append("<table><tr><th>List</th><th>Listed name</th><th>Score</th><th>Programme</th><th>Decision</th><th>Why</th></tr>");
            foreach (var hit in entity.WatchlistHits)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(hit.List)}</td><td>{E(hit.Name)}</td><td>{hit.Score:0.00}</td><td>{E(hit.Program ?? "")}</td><td class=\"decision\">{E(hit.Decision)}</td><td>{E(hit.Explanation)}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h3>Risk categories</h3>");
        if (report.RiskCategories.Count == 0) html.Append("<p class=\"ref\">No claims about this entity.</p>");
        else
        {
            html.Append("<table><tr><th>Category</th><th>Claims</th><th>Independent sources</th><th>Sources</th></tr>");
            foreach (var category in report.RiskCategories)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(category.Category)}</td><td>{category.Claims}</td><td>{category.IndependentSources}</td><td>{string.Join(", ", category.Sources.Select(E))}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</section><section id=\"claims\"><h2>Claims by story and category</h2>");
        if (report.Stories.Count == 0) html.Append("<p class=\"ref\">No claims about this entity.</p>");
        foreach (var story in report.Stories)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>Story {E(story.Story)} <small class=\"ref\">{story.Documents.Count} article(s)</small></h3>");
            foreach (var category in story.Categories)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h4>{E(category.Category)}</h4><ul>");
                foreach (var claim in category.Claims) html.Append("<li>").Append(ClaimItem(claim, Link)).Append("</li>");
                html.Append("</ul>");
            }
        }

        html.Append("</section><section id=\"quotes\"><h2>Who said what</h2>");
        foreach (var (heading, quotes) in ReportBuilder.QuoteSections(report))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(heading)}</h3>");
            if (quotes.Count == 0)
            {
                html.Append("<p class=\"ref\">None found.</p>");
                continue;
            }

            html.Append("<ul>");
            foreach (var quote in quotes)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<li><b>{E(quote.Speaker)}</b> <span class=\"ref\">({E(quote.SpeakerKind)}, {E(quote.Cue)})</span>: {E(ArticleHtml.Quoted(quote.Text))} <a class=\"ref\" href=\"{E(Link(quote.Document, quote.Anchor))}\">[{E(Anchors.Short(quote.Document))}:{quote.Start}-{quote.End}]</a></li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section><section id=\"denials\"><h2>Allegations and denials</h2>");
        if (report.AllegationDenials.Count == 0) html.Append("<p class=\"ref\">No denials answer an allegation about this entity.</p>");
        else
        {
            html.Append("<table><tr><th>Allegation</th><th>Denial</th></tr>");
            foreach (var (allegation, denials) in ReportBuilder.DenialsByAllegation(report))
            {
                html.Append("<tr><td>").Append(ClaimItem(allegation, Link)).Append("</td><td>").AppendJoin("<br>", denials.Select(denial => ClaimItem(denial, Link))).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</section><section id=\"timeline\"><h2>Timeline</h2>");
        ReportSvg.Timeline(html, report.Timeline);
        html.Append("</section><section id=\"sources\"><h2>Sources</h2>");
        var claimDocuments = report.Stories.SelectMany(s => s.Categories).SelectMany(c => c.Claims).ToDictionary(c => c.Anchor, c => c.Document, StringComparer.Ordinal);
        ReportSvg.SourceGraph(html, report.SourceGraph, anchor => Link(claimDocuments.GetValueOrDefault(anchor, ""), anchor));
        html.Append("</section><section id=\"credibility\"><h2>Source articles and their credibility</h2><table><tr><th>Article</th><th>Outlet</th><th>Published</th><th>Credibility</th><th>Signals</th></tr>");
        foreach (var article in report.Articles)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td><a href=\"{E(Link(article.Id, "doc-" + Anchors.Short(article.Id)))}\">{E(article.Title)}</a></td><td>{E(article.Outlet)}</td><td>{E(ArticleHtml.DayOf(article.Published, "unknown"))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(article.Credibility is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "not assessed")}</td><td>");
            html.Append(string.Join("; ", article.Signals.Select(s => $"{E(s.Name)} ({s.Effect.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)})")));
            html.Append("</td></tr>");
        }

        html.Append("</table></section>");
    }

    private static string ClaimItem(ReportClaimJson claim, Func<string, string, string> link) =>
        $"<span class=\"status status-{ArticleHtml.CssName(claim.Status)}\">{E(claim.Status)}</span> {E(claim.Text)} " +
        $"<span class=\"ref\">— {E(claim.AttributedTo ?? claim.Outlet)}, {E(ArticleHtml.DayOf(claim.Published))}</span> " +
        $"<a class=\"ref\" href=\"{E(link(claim.Document, claim.Anchor))}\">[{E(Anchors.Short(claim.Document))}:{claim.Start}-{claim.End}]</a>";

    private static string E(string? value) => ArticleHtml.Encode(value);
}
