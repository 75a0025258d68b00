using Dossier.Analysis;
using Dossier.Entities;
using Dossier.Linking;
using Dossier.Screening;
using Dossier.Serialization;

namespace Dossier.Storage;

/// <summary>
/// Screens canonical organisations and people against the lists imported into the store, records the hits (keeping
/// the analysts' decisions) and maps them to the JSON contract. Without imported lists it finds nothing.
/// </summary>
public static class EntityScreening
{
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<WatchlistHitJson>>> ScreenAsync(
        string databasePath, IDossierStore store, IReadOnlyList<CanonicalEntity> entities, CancellationToken cancellationToken)
    {
        IReadOnlyList<WatchlistEntry> entries;
        await using (var lists = await DossierStores.OpenWatchlistStoreAsync(databasePath, cancellationToken))
        {
            entries = await lists.ActiveEntriesAsync(cancellationToken);
        }

        return entries.Count == 0
            ? new Dictionary<long, IReadOnlyList<WatchlistHitJson>>()
            : await ScreenAsync(new WatchlistScreener(entries), store, entities, cancellationToken);
    }

    /// <summary>Screens with a screener already built (its index is the costly part), recording hits in the store.</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<WatchlistHitJson>>> ScreenAsync(
        WatchlistScreener screener, IDossierStore store, IReadOnlyList<CanonicalEntity> entities, CancellationToken cancellationToken)
    {
        var hits = new Dictionary<long, IReadOnlyList<WatchlistHitJson>>();
        foreach (var entity in entities)
        {
            var candidates = screener.ScreenEntity(entity);
            if (candidates.Count == 0) continue;
            foreach (var candidate in candidates) await store.AddWatchlistHitAsync(entity.Id, ToJson(candidate, HitDecisions.Open), cancellationToken);
            var decisions = (await store.GetWatchlistHitsAsync(entity.Id, cancellationToken))
                .ToDictionary(review => (review.Hit.List, review.Hit.ListEntryId), review => review.Hit.Decision);
            hits[entity.Id] = candidates
                .Select(candidate => ToJson(candidate, decisions.GetValueOrDefault((candidate.Entry.List, candidate.Entry.Id), HitDecisions.Open)))
                .ToList();
        }

        return hits;
    }

    public static WatchlistHitJson ToJson(ScreeningCandidate candidate, string decision) => new(
        candidate.Entry.Id,
        candidate.Entry.List,
        candidate.Entry.Name,
        Math.Round(candidate.Score, 3),
        candidate.Entry.Program,
        candidate.Entry.ListedOn,
        candidate.Explain(),
        decision);
}
