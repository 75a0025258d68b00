using System.Globalization;
using System.Net;
using System.Text;
using Dossier.Serialization;

namespace Dossier.Reports;

/// <summary>A highlighted stretch of article text; <paramref name="Id"/> makes it a link target.</summary>
public sealed record Highlight(int Start, int End, string CssClass, string? Id = null, string? Title = null);

/// <summary>Article text as HTML: every character encoded, annotations as nested &lt;mark&gt; elements, never article markup.</summary>
public static class ArticleHtml
{
    /// <summary>More highlights than this in one article are dropped: hostile annotations must not make rendering quadratic.</summary>
    public const int MaxHighlights = 5000;

    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");

    /// <summary>The day of an ISO timestamp ("2020-08-20T00:00:00+00:00" → "2020-08-20"); anything else as it is.</summary>
    public static string DayOf(string? published, string missing = "undated") =>
        published is null ? missing : published.Length > 10 && published[4] == '-' && published[7] == '-' && published[10] == 'T' ? published[..10] : published;

    /// <summary>A quote's text in quotation marks, unless the quote's span already includes them.</summary>
    public static string Quoted(string text) =>
        text.Length > 0 && text[0] is '“' or '"' or '‘' or '\'' or '«' ? text : "“" + text + "”";

    /// <summary>A CSS class name made only of lower-case letters, digits, '-' and '_'.</summary>
    public static string CssName(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, 40));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, 40)))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '_');
        }

        return builder.ToString();
    }

    /// <summary>The highlights of one stored document: mentions (those of <paramref name="focusEntity"/> stressed), quotes, claims and credibility evidence.</summary>
    public static IReadOnlyList<Highlight> HighlightsOf(DocumentJson document, IReadOnlyDictionary<int, long> canonicalIds, long? focusEntity)
    {
        var highlights = new List<Highlight>();
        for (var index = 0; index < document.Claims.Count; index++)
        {
            var claim = document.Claims[index];
            highlights.Add(new Highlight(claim.Start, claim.End, "claim status-" + CssName(claim.Status), Anchors.Claim(document.Id, index),
                $"claim: {claim.Category} · {claim.Status}"));
        }

        for (var index = 0; index < document.Quotes.Count; index++)
        {
            var quote = document.Quotes[index];
            highlights.Add(new Highlight(quote.Start, quote.End, "quote", Anchors.Quote(document.Id, index), $"quote: {quote.Speaker ?? "unknown speaker"} ({quote.Cue})"));
        }

        foreach (var mention in document.Entities)
        {
            var focus = focusEntity is { } id && canonicalIds.TryGetValue(mention.EntityId, out var canonical) && canonical == id;
            highlights.Add(new Highlight(mention.Start, mention.End, focus ? "ent ent-focus" : "ent", null, mention.Label));
        }

        foreach (var signal in document.Credibility?.Signals ?? [])
        {
            foreach (var evidence in signal.Evidence) highlights.Add(new Highlight(evidence.Start, evidence.End, "signal", null, "credibility: " + signal.Name));
        }

        return highlights;
    }

    /// <summary>Writes the text with its highlights; spans that cross are split so that the markup always nests.</summary>
    public static void Render(StringBuilder html, string text, IEnumerable<Highlight> highlights)
    {
        var spans = highlights.Where(h => h.Start >= 0 && h.End <= text.Length && h.Start < h.End)
            .Take(MaxHighlights)
            .OrderBy(h => h.Start).ThenByDescending(h => h.End)
            .ToList();
        var boundaries = new SortedSet<int> { 0, text.Length };
        foreach (var span in spans)
        {
            boundaries.Add(span.Start);
            boundaries.Add(span.End);
        }

        var active = new SortedSet<int>();
        var stack = new List<int>();
        var opened = new HashSet<int>();
        var next = 0;
        var points = boundaries.ToList();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (from, to) = (points[i], points[i + 1]);
            active.RemoveWhere(index => spans[index].End <= from);
            while (next < spans.Count && spans[next].Start <= from) active.Add(next++);

            var common = 0;
            using (var wanted = active.GetEnumerator())
            {
                while (common < stack.Count && wanted.MoveNext() && wanted.Current == stack[common]) common++;
            }

            for (var close = stack.Count - 1; close >= common; close--) html.Append("</mark>");
            stack.RemoveRange(common, stack.Count - common);
            foreach (var index in active.Skip(common))
            {
                var span = spans[index];
                html.Append("<mark class=\"").Append(Encode(span.CssClass)).Append('"');
                if (span.Id is { } id && opened.Add(index)) html.Append(" id=\"").Append(Encode(id)).Append('"');
                if (span.Title is { } title) html.Append(" title=\"").Append(Encode(title)).Append('"');
                html.Append('>');
                stack.Add(index);
            }

            html.Append(Encode(text[from..to]));
        }

        for (var close = 0; close < stack.Count; close++) html.Append("</mark>");
    }

    /// <summary>One article: heading, metadata, credibility signals and the highlighted text.</summary>
    public static void RenderArticle(StringBuilder html, DocumentJson document, IReadOnlyDictionary<int, long> canonicalIds, long? focusEntity, int headingLevel = 2)
    {
        html.Append(CultureInfo.InvariantCulture, $"<article class=\"doc\" id=\"doc-{Encode(Anchors.Short(document.Id))}\">");
        html.Append(CultureInfo.InvariantCulture, $"<h{headingLevel}>{Encode(document.Title ?? document.Source)}</h{headingLevel}>");
        html.Append("<p class=\"meta\">").Append(Encode(ReportBuilder.OutletOf(document)));
        if (document.Authors.Count > 0) html.Append(" · by ").Append(Encode(string.Join(", ", document.Authors)));
        html.Append(" · published ").Append(Encode(DayOf(document.Published, "unknown")));
        // A URL is shown as text, never as a link: an article's URL can carry any scheme.
        if (document.Url is { } url) html.Append(" · <span class=\"url\">").Append(Encode(url)).Append("</span>");
        html.Append(" · document <code>").Append(Encode(Anchors.Short(document.Id))).Append("</code></p>");
        if (document.Credibility is { } credibility)
        {
            html.Append(CultureInfo.InvariantCulture, $"<details class=\"cred\"><summary>Credibility {credibility.Score:0.00}</summary><ul>");
            foreach (var signal in credibility.Signals)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><b>{Encode(signal.Name)}</b> {signal.Effect:+0.00;-0.00;0.00}: {Encode(signal.Explanation)}</li>");
            }

            html.Append("</ul></details>");
        }

        html.Append("<div class=\"text\">");
        Render(html, document.Text, HighlightsOf(document, canonicalIds, focusEntity));
        html.Append("</div></article>");
    }

    /// <summary>The styles of reports and pages; kept in one place so that the self-contained report and the site look alike.</summary>
    public const string Styles =
        "body{font:15px/1.5 system-ui,sans-serif;max-width:64rem;margin:1.5rem auto;padding:0 1rem;color:#222}" +
        "h1 small{color:#666;font-weight:normal}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}" +
        ".meta,.ref{color:#666;font-size:.85em}.doc{border-top:1px solid #ddd;margin-top:1.5rem}.text{white-space:pre-wrap}" +
        "mark{background:none;border-bottom:2px solid transparent}mark.ent{border-bottom-color:#9ab}mark.ent-focus{background:#e6f0ff}" +
        "mark.quote{background:#eef7e8}mark.claim{background:#fff3c4}mark.status-denied,mark.status-negated{background:#fde2e2}" +
        "mark.signal{border-bottom:2px dotted #a70}mark:target{outline:3px solid #e08a00;background:#ffd36b}" +
        ".status{display:inline-block;padding:0 .35rem;border-radius:.3rem;background:#eee;font-size:.8em}.status-denied,.status-negated{background:#fde2e2}" +
        ".status-alleged{background:#ffe2b8}.status-reported{background:#e2ecff}.status-estimated{background:#e8e2ff}" +
        "nav a{margin-right:1rem}.hit{border:1px solid #ddd;padding:.5rem;margin:.5rem 0}.decision{font-weight:bold}" +
        "svg text{font:11px system-ui,sans-serif}form.inline{display:inline}";
}
