using System.Globalization;
using System.Text;

namespace Dossier.Reports;

/// <summary>The report's charts as inline SVG: no script, every label encoded.</summary>
public static class ReportSvg
{
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
    private const int MaxGraphNodes = 40;

    public static string ColourOf(int index) => Palette[index % Palette.Length];

    /// <summary>Claims per month, stacked by category, with a legend.</summary>
    public static void Timeline(StringBuilder html, IReadOnlyList<TimelineBucketJson> buckets)
    {
        if (buckets.Count == 0)
        {
            html.Append("<p class=\"ref\">No claims to place on a timeline.</p>");
            return;
        }

        var periods = buckets.Select(b => b.Period).Distinct().OrderBy(p => p == ReportBuilder.Undated).ThenBy(p => p, StringComparer.Ordinal).ToList();
        var categories = buckets.Select(b => b.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        var highest = periods.Max(period => buckets.Where(b => b.Period == period).Sum(b => b.Claims));
        const int chartHeight = 160, left = 30, top = 10;
        var barWidth = Math.Clamp(600 / periods.Count, 4, 48);
        var width = left + periods.Count * barWidth + 20;
        var legendTop = top + chartHeight + 34;
        var height = legendTop + categories.Count * 16 + 6;
        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"timeline\" role=\"img\" aria-label=\"Claims by month and category\" width=\"{Math.Max(width, 320)}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + chartHeight}\" x2=\"{width}\" y2=\"{top + chartHeight}\" stroke=\"#999\"/>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + 10}\">{highest}</text><text x=\"0\" y=\"{top + chartHeight}\">0</text>");
        var labelEvery = Math.Max(1, periods.Count / 12);
        for (var p = 0; p < periods.Count; p++)
        {
            var x = left + p * barWidth;
            var y = (double)(top + chartHeight);
            foreach (var bucket in buckets.Where(b => b.Period == periods[p]).OrderBy(b => b.Category, StringComparer.Ordinal))
            {
                var barHeight = chartHeight * (double)bucket.Claims / highest;
                y -= barHeight;
                html.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x + 1}\" y=\"{y:0.#}\" width=\"{barWidth - 2}\" height=\"{barHeight:0.#}\" fill=\"{ColourOf(categories.IndexOf(bucket.Category))}\">");
                html.Append(CultureInfo.InvariantCulture, $"<title>{ArticleHtml.Encode(bucket.Period)} · {ArticleHtml.Encode(bucket.Category)}: {bucket.Claims}</title></rect>");
            }

            if (p % labelEvery == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{top + chartHeight + 14}\">{ArticleHtml.Encode(periods[p])}</text>");
            }
        }

        for (var c = 0; c < categories.Count; c++)
        {
            var y = legendTop + c * 16;
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{ColourOf(c)}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 16}\" y=\"{y}\">{ArticleHtml.Encode(categories[c])}</text>");
        }

        html.Append("</svg>");
    }

    /// <summary>Outlets and speakers on the left, the claims they carry on the right; claims link to their spans.</summary>
    public static void SourceGraph(StringBuilder html, SourceGraphJson graph, Func<string, string> claimLink)
    {
        var sources = graph.Nodes.Where(n => n.Kind != "claim").Take(MaxGraphNodes).ToList();
        var claims = graph.Nodes.Where(n => n.Kind == "claim").Take(MaxGraphNodes).ToList();
        if (claims.Count == 0)
        {
            html.Append("<p class=\"ref\">No claims, so no sources to draw.</p>");
            return;
        }

        const int rowHeight = 22, top = 16, leftText = 6, leftNode = 236, rightNode = 420;
        var rows = Math.Max(sources.Count, claims.Count);
        var height = top + rows * rowHeight + 10;
        var ySource = sources.Select((n, i) => (n.Id, Y: top + i * rowHeight * (double)rows / Math.Max(1, sources.Count))).ToDictionary(p => p.Id, p => p.Y);
        var yClaim = claims.Select((n, i) => (n.Id, Y: top + i * rowHeight * (double)rows / claims.Count)).ToDictionary(p => p.Id, p => p.Y);
        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"source-graph\" role=\"img\" aria-label=\"Sources and the claims they carry\" width=\"720\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        foreach (var edge in graph.Edges)
        {
            if (!ySource.TryGetValue(edge.From, out var y1) || !yClaim.TryGetValue(edge.To, out var y2)) continue;
            html.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{leftNode}\" y1=\"{y1 + 4:0.#}\" x2=\"{rightNode}\" y2=\"{y2 + 4:0.#}\" stroke=\"#aab\" stroke-width=\"1\"/>");
        }

        foreach (var node in sources)
        {
            var y = ySource[node.Id];
            var fill = node.Kind == "outlet" ? "#4e79a7" : "#59a14f";
            html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{leftNode}\" cy=\"{y + 4:0.#}\" r=\"5\" fill=\"{fill}\"><title>{ArticleHtml.Encode(node.Kind)}</title></circle>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{leftText}\" y=\"{y + 8:0.#}\">{ArticleHtml.Encode(Shorten(node.Label, 36))}</text>");
        }

        foreach (var node in claims)
        {
            var y = yClaim[node.Id];
            var anchor = node.Id["claim:".Length..];
            html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{rightNode}\" cy=\"{y + 4:0.#}\" r=\"5\" fill=\"#e15759\"/>");
            html.Append(CultureInfo.InvariantCulture,
                $"<a href=\"{ArticleHtml.Encode(claimLink(anchor))}\"><text x=\"{rightNode + 10}\" y=\"{y + 8:0.#}\">{ArticleHtml.Encode(Shorten(node.Label, 44))}</text></a>");
        }

        html.Append("</svg>");
        var hidden = graph.Nodes.Count - sources.Count - claims.Count;
        if (hidden > 0) html.Append(CultureInfo.InvariantCulture, $"<p class=\"ref\">{hidden} more nodes are not drawn; the JSON report lists them all.</p>");
    }

    private static string Shorten(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}
