using System.Runtime.CompilerServices;
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
        string databasePath, IDossierStore store, IReadOnlyList<CanonicalEntity> entities, CancellationToken cancellationToken) =>
        await OpenScreenerAsync(databasePath, cancellationToken) is { } screener
            ? await ScreenAsync(screener, store, entities, cancellationToken)
            : new Dictionary<long, IReadOnlyList<WatchlistHitJson>>();

    /// <summary>
    /// Screens entities as they are read, recording each one's hits before the next is read, and gives each back with its
    /// hits (null when it has none), so that nothing of the run is kept: memory stays flat however many entities it has.
    /// </summary>
    public static async IAsyncEnumerable<(CanonicalEntity Entity, IReadOnlyList<WatchlistHitJson>? Hits)> ScreenAsync(
        string databasePath, IDossierStore store, IAsyncEnumerable<CanonicalEntity> entities, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var screener = await OpenScreenerAsync(databasePath, cancellationToken);
        await foreach (var entity in entities.WithCancellation(cancellationToken))
        {
            yield return (entity, screener is null ? null : await ScreenEntityAsync(screener, store, entity, cancellationToken));
        }
    }

    /// <summary>Screens with a screener already built (its index is the costly part), recording hits in the store.</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<WatchlistHitJson>>> ScreenAsync(
        WatchlistScreener screener, IDossierStore store, IReadOnlyList<CanonicalEntity> entities, CancellationToken cancellationToken)
    {
        var hits = new Dictionary<long, IReadOnlyList<WatchlistHitJson>>();
        foreach (var entity in entities)
        {
            if (await ScreenEntityAsync(screener, store, entity, cancellationToken) is { } found) hits[entity.Id] = found;
        }

        return hits;
    }

    /// <summary>A screener over the lists imported into the store; null when none is imported, so that nothing can match.</summary>
    private static async Task<WatchlistScreener?> OpenScreenerAsync(string databasePath, CancellationToken cancellationToken)
    {
        await using var lists = await DossierStores.OpenWatchlistStoreAsync(databasePath, cancellationToken);
        var entries = await lists.ActiveEntriesAsync(cancellationToken);
        return entries.Count == 0 ? null : new WatchlistScreener(entries);
    }

    /// <summary>Records the entity's hits and gives them with the analysts' decisions; null when it has none.</summary>
    private static async Task<IReadOnlyList<WatchlistHitJson>?> ScreenEntityAsync(
        WatchlistScreener screener, IDossierStore store, CanonicalEntity entity, CancellationToken cancellationToken)
    {
        var candidates = screener.ScreenEntity(entity);
        if (candidates.Count == 0) return null;
        foreach (var candidate in candidates) await store.AddWatchlistHitAsync(entity.Id, ToJson(candidate, HitDecisions.Open), cancellationToken);
        var decisions = (await store.GetWatchlistHitsAsync(entity.Id, cancellationToken))
            .ToDictionary(review => (review.Hit.List, review.Hit.ListEntryId), review => review.Hit.Decision);
        return candidates
            .Select(candidate => ToJson(candidate, decisions.GetValueOrDefault((candidate.Entry.List, candidate.Entry.Id), HitDecisions.Open)))
            .ToList();
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
