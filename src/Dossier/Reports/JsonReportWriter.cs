using System.Text.Json;
using Dossier.Serialization;

namespace Dossier.Reports;

/// <summary>A dossier as JSON for machines: the full report, snake_case like the rest of the contract.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Json;

    public string Write(EntityDossier dossier) => JsonSerializer.Serialize(ReportBuilder.Build(dossier), DossierJsonMapper.Options);
}
