using Dossier.Documents;
using Dossier.Entities;

namespace Dossier.Analysis;

/// <summary>How often each in-document entity is mentioned, speaks, and is the subject of a claim.</summary>
public sealed record EntityCounts(int Mentions, int Quotes, int Claims)
{
    public static IReadOnlyDictionary<int, EntityCounts> Of(Document document)
    {
        var layer = document.GetOrDefault(Layers.Entities) ?? EntityLayer.Empty;
        var counts = layer.Entities.ToDictionary(entity => entity.Id, _ => new EntityCounts(0, 0, 0));

        // One pass over each layer (not one per entity), so that a long article with many entities stays linear.
        void Add(int entityId, Func<EntityCounts, EntityCounts> increment)
        {
            if (counts.TryGetValue(entityId, out var count)) counts[entityId] = increment(count);
        }

        foreach (var mention in layer.Mentions) Add(mention.EntityId, c => c with { Mentions = c.Mentions + 1 });
        var quotes = document.GetOrDefault(Layers.Quotes);
        foreach (var quote in quotes.IsDefault ? [] : quotes)
        {
            // A quote counts once for an entity that is both its speaker and the organisation spoken for.
            if (quote.SpeakerEntityId is { } speaker) Add(speaker, c => c with { Quotes = c.Quotes + 1 });
            if (quote.SpeakerOrganisationId is { } organisation && organisation != quote.SpeakerEntityId) Add(organisation, c => c with { Quotes = c.Quotes + 1 });
        }

        var claims = document.GetOrDefault(Layers.Claims);
        foreach (var claim in claims.IsDefault ? [] : claims)
        {
            if (claim.SubjectEntityIds.IsDefault) continue;
            foreach (var subject in claim.SubjectEntityIds.Distinct()) Add(subject, c => c with { Claims = c.Claims + 1 });
        }

        return counts;
    }
}
