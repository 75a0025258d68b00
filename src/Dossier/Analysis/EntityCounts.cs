using Dossier.Documents;
using Dossier.Entities;

namespace Dossier.Analysis;

/// <summary>How often each in-document entity is mentioned, speaks, and is the subject of a claim.</summary>
public sealed record EntityCounts(int Mentions, int Quotes, int Claims)
{
    public static IReadOnlyDictionary<int, EntityCounts> Of(Document document)
    {
        var layer = document.GetOrDefault(Layers.Entities) ?? EntityLayer.Empty;
        var quotes = document.GetOrDefault(Layers.Quotes);
        var claims = document.GetOrDefault(Layers.Claims);
        return layer.Entities.ToDictionary(
            entity => entity.Id,
            entity => new EntityCounts(
                layer.Mentions.Count(m => m.EntityId == entity.Id),
                quotes.IsDefault ? 0 : quotes.Count(q => q.SpeakerEntityId == entity.Id || q.SpeakerOrganisationId == entity.Id),
                claims.IsDefault ? 0 : claims.Count(c => !c.SubjectEntityIds.IsDefault && c.SubjectEntityIds.Contains(entity.Id))));
    }
}
