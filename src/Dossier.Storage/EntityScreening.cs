using Dossier.Entities;
using Dossier.Linking;
using Dossier.Screening;
using Dossier.Serialization;
using Dossier.Storage.Sqlite;

namespace Dossier.Storage;

/// <summary>
/// Screens canonical organisations and people against the lists imported into the store, records the hits with the
/// analyst's decisions, and maps them to the JSON contract. Without imported lists it finds nothing and says so.
/// </summary>
public static class EntityScreening
{
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<WatchlistHitJson>>> ScreenAsync(
        string databasePath, IReadOnlyList<CanonicalEntity> entities, CancellationToken cancellationToken)
    {
        await using var store = await SqliteWatchlistStore.OpenAsync(databasePath, cancellationToken);
        var entries = await store.ActiveEntriesAsync(cancellationToken);
        var hits = new Dictionary<long, IReadOnlyList<WatchlistHitJson>>();
        if (entries.Count == 0) return hits;
        var screener = new WatchlistScreener(entries);
        foreach (var entity in entities)
        {
            var candidates = screener.ScreenEntity(entity);
            if (candidates.Count == 0) continue;
            var key = EntityKey.For(entity.Name, entity.Label);
            var stored = await store.RecordHitsAsync(key, entity.Name, candidates, cancellationToken);
            hits[entity.Id] = candidates.Select(candidate => ToJson(candidate, stored)).ToList();
        }

        return hits;
    }

    public static WatchlistHitJson ToJson(ScreeningCandidate candidate, IReadOnlyList<StoredHit> stored)
    {
        var decision = stored.FirstOrDefault(h => h.List == candidate.Entry.List && h.EntryId == candidate.Entry.Id)?.Decision ?? SqliteWatchlistStore.Open;
        return new WatchlistHitJson(
            candidate.Entry.Id,
            candidate.Entry.List,
            candidate.Entry.Name,
            Math.Round(candidate.Score, 3),
            candidate.Entry.Program,
            candidate.Entry.ListedOn,
            candidate.Explain(),
            decision);
    }
}
