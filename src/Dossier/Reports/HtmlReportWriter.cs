using System.Globalization;
using System.Net;
using System.Text;

namespace Dossier.Reports;

/// <summary>A dossier as one self-contained HTML file: no external assets, no scripts, every article string encoded.</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Html;

    public string Write(EntityDossier dossier)
    {
        var entity = dossier.Entity;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(entity.Name)} — Dossier</title>");
        html.Append("<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}");
        html.Append("mark{background:#ffe58a}.ref{color:#777;font-size:.8em}.doc{border-top:1px solid #ddd;margin-top:1.5rem}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(entity.Name)} <small>({entity.Label})</small></h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Aliases: {string.Join(", ", entity.Aliases.Select(E))}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Documents: {dossier.Documents.Count}</p><h2>Documents and mentions</h2>");
        foreach (var stored in dossier.Documents)
        {
            var document = stored.Document;
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"doc\" id=\"doc-{E(document.Id)}\"><h3>{E(document.Title ?? document.Source)}</h3>");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"ref\">{E(document.Source)} · published {E(document.Published ?? "unknown")}</p><ul>");
            foreach (var mention in EntityDossier.MentionsIn(stored, entity.Id))
            {
                var (before, span, after) = EntityDossier.Context(document, mention.Start, mention.End);
                html.Append(CultureInfo.InvariantCulture,
                    $"<li>{E(before)}<mark>{E(span)}</mark>{E(after)} <span class=\"ref\">[{E(document.Id[..12])}:{mention.Start}-{mention.End}]</span></li>");
            }

            html.Append("</ul></section>");
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
