using System.Globalization;
using System.Text;

namespace Dossier.Reports;

/// <summary>A dossier as Markdown for pasting into notes; every statement names its document and span.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Md;

    public string Write(EntityDossier dossier)
    {
        var report = ReportBuilder.Build(dossier);
        var entity = report.Entity;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {Escape(entity.Name)} ({entity.Label})");
        md.AppendLine();
        md.AppendLine("## Summary");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Aliases: {(entity.Aliases.Count == 0 ? "none" : string.Join(", ", entity.Aliases.Select(Escape)))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Articles: {report.DocumentCount}; claims: {report.Stories.Sum(s => s.Categories.Sum(c => c.Claims.Count))}; quotes: {report.Quotes.Count}");
        md.AppendLine();
        md.AppendLine("### List hits");
        md.AppendLine();
        if (entity.WatchlistHits.Count == 0) md.AppendLine("No list hits.");
        foreach (var hit in entity.WatchlistHits)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- {Escape(hit.List)}: {Escape(hit.Name)} (score {hit.Score:0.00}{(hit.Program is { } program ? ", " + Escape(program) : "")}) — {Escape(hit.Decision)}: {Escape(hit.Explanation)}");
        }

        md.AppendLine();
        md.AppendLine("### Risk categories");
        md.AppendLine();
        if (report.RiskCategories.Count == 0) md.AppendLine("No claims about this entity.");
        else
        {
            md.AppendLine("| Category | Claims | Independent sources | Sources |");
            md.AppendLine("| --- | --- | --- | --- |");
            foreach (var category in report.RiskCategories)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Escape(category.Category)} | {category.Claims} | {category.IndependentSources} | {string.Join(", ", category.Sources.Select(Escape))} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Claims by story and category");
        foreach (var story in report.Stories)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### Story {Escape(story.Story)} ({story.Documents.Count} article(s))");
            foreach (var category in story.Categories)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"#### {Escape(category.Category)}");
                md.AppendLine();
                foreach (var claim in category.Claims) md.AppendLine("- " + ClaimLine(claim));
            }
        }

        md.AppendLine();
        md.AppendLine("## Who said what");
        md.AppendLine();
        foreach (var (heading, quotes) in ReportBuilder.QuoteSections(report))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {Escape(heading)}");
            md.AppendLine();
            if (quotes.Count == 0) md.AppendLine("None found.");
            foreach (var quote in quotes)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"- **{Escape(quote.Speaker)}** ({Escape(quote.SpeakerKind)}, {Escape(quote.Cue)}): {Escape(ArticleHtml.Quoted(quote.Text))} `[{Anchors.Short(quote.Document)}:{quote.Start}-{quote.End}]`");
            }

            md.AppendLine();
        }

        md.AppendLine("## Allegations and denials");
        md.AppendLine();
        if (report.AllegationDenials.Count == 0) md.AppendLine("No denials answer an allegation about this entity.");
        foreach (var (allegation, denials) in ReportBuilder.DenialsByAllegation(report))
        {
            md.AppendLine("- Allegation: " + ClaimLine(allegation));
            foreach (var denial in denials) md.AppendLine("  - Denial: " + ClaimLine(denial));
        }

        md.AppendLine();
        md.AppendLine("## Timeline");
        md.AppendLine();
        if (report.Timeline.Count == 0) md.AppendLine("No claims to place on a timeline.");
        else
        {
            md.AppendLine("| Period | Category | Claims |");
            md.AppendLine("| --- | --- | --- |");
            foreach (var bucket in report.Timeline) md.AppendLine(CultureInfo.InvariantCulture, $"| {Escape(bucket.Period)} | {Escape(bucket.Category)} | {bucket.Claims} |");
        }

        md.AppendLine();
        md.AppendLine("## Sources");
        md.AppendLine();
        var labels = report.SourceGraph.Nodes.ToDictionary(n => n.Id, n => n.Label, StringComparer.Ordinal);
        foreach (var source in report.SourceGraph.Edges.GroupBy(e => e.From, StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(labels[source.Key])} ({source.Key[..source.Key.IndexOf(':', StringComparison.Ordinal)]}) → {source.Count()} claim(s)");
        }

        md.AppendLine();
        md.AppendLine("## Source articles and their credibility");
        md.AppendLine();
        md.AppendLine("| Article | Outlet | Published | Credibility | Signals |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var article in report.Articles)
        {
            var credibility = article.Credibility is { } score ? score.ToString("0.00", CultureInfo.InvariantCulture) : "not assessed";
            var signals = string.Join("; ", article.Signals.Select(s => $"{Escape(s.Name)} ({s.Effect.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)})"));
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Escape(article.Title)} `{Anchors.Short(article.Id)}` | {Escape(article.Outlet)} | {Escape(ArticleHtml.DayOf(article.Published, "unknown"))} | {credibility} | {signals} |");
        }

        return md.ToString();
    }

    private static string ClaimLine(ReportClaimJson claim) =>
        $"*{Escape(claim.Status)}* {Escape(claim.Text)} — {Escape(claim.AttributedTo ?? claim.Outlet)}, {Escape(ArticleHtml.DayOf(claim.Published))} `[{Anchors.Short(claim.Document)}:{claim.Start}-{claim.End}]`";

    /// <summary>Article text is data: Markdown and HTML syntax in it is escaped, and line breaks cannot start new blocks.</summary>
    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\r' or '\n') { builder.Append(' '); continue; }
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '!' or '&') builder.Append('\\');
            builder.Append(c);
        }

        return builder.ToString();
    }
}
