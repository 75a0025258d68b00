namespace Dossier.Reports;

public enum ReportFormat
{
    Md,
    Html,
    Json,
}

public interface IReportWriter
{
    ReportFormat Format { get; }
    string Write(EntityDossier dossier);
}

public static class ReportWriters
{
    public static IReportWriter For(ReportFormat format) => format switch
    {
        ReportFormat.Md => new MarkdownReportWriter(),
        ReportFormat.Html => new HtmlReportWriter(),
        ReportFormat.Json => new JsonReportWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };
}
