using System.Text.Json;
using Dossier.Serialization;

namespace Dossier.Reports;

/// <summary>A dossier as JSON: the entity and the stored documents that mention it, with their mentions.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Json;

    public string Write(EntityDossier dossier)
    {
        var report = new
        {
            Entity = DossierJsonMapper.ToJson(dossier.Entity),
            Documents = dossier.Documents.Select(stored => new
            {
                stored.Document.Id,
                stored.Document.Source,
                stored.Document.Title,
                stored.Document.Published,
                Mentions = EntityDossier.MentionsIn(stored, dossier.Entity.Id).ToList(),
            }),
        };
        return JsonSerializer.Serialize(report, DossierJsonMapper.Options);
    }
}
