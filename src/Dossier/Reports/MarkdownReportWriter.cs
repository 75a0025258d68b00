using System.Globalization;
using System.Text;

namespace Dossier.Reports;

/// <summary>A dossier as Markdown for pasting into notes; every statement names its document and span.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Md;

    public string Write(EntityDossier dossier)
    {
        var entity = dossier.Entity;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {Escape(entity.Name)} ({entity.Label})");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Aliases: {string.Join(", ", entity.Aliases.Select(Escape))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Documents: {dossier.Documents.Count}");
        md.AppendLine();
        md.AppendLine("## Documents and mentions");
        foreach (var stored in dossier.Documents)
        {
            var document = stored.Document;
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {Escape(document.Title ?? document.Source)}");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Source: `{document.Source}` · document `{document.Id[..12]}` · published {document.Published ?? "unknown"}");
            md.AppendLine();
            foreach (var mention in EntityDossier.MentionsIn(stored, entity.Id))
            {
                var (before, span, after) = EntityDossier.Context(document, mention.Start, mention.End);
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(before)}**{Escape(span)}**{Escape(after)} `[{document.Id[..12]}:{mention.Start}-{mention.End}]`");
            }
        }

        return md.ToString();
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|') builder.Append('\\');
            builder.Append(c);
        }

        return builder.ToString();
    }
}
