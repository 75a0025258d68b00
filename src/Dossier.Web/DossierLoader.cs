using Dossier.Analysis;
using Dossier.Reports;
using Dossier.Serialization;

namespace Dossier.Web;

/// <summary>Reads what the pages and the API show from the store.</summary>
internal static class DossierLoader
{
    public static async Task<EntityDossier?> LoadAsync(IDossierStore store, CrossArticleLinkCache links, long entityId, CancellationToken cancellationToken)
    {
        if (await store.GetEntityAsync(entityId, cancellationToken) is not { } entity) return null;
        var documents = await store.GetDocumentsMentioningAsync(entityId, cancellationToken);
        var hits = await store.GetWatchlistHitsAsync(entityId, cancellationToken);
        return links.WithCrossArticleLinks(new EntityDossier(entity, documents, hits.Select(h => h.Hit).ToList()), cancellationToken);
    }

    /// <summary>The stored JSON with each mention and entity's canonical id filled in.</summary>
    public static DocumentJson WithCanonicalIds(StoredDocument stored) => DossierJsonMapper.WithCanonicalIds(stored.Document, stored.CanonicalIds);
}
