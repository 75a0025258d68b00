using System.Globalization;
using Dossier.Analysis;
using Dossier.Serialization;

namespace Dossier.Storage.Sqlite;

// List hits and the analysts' decisions on them (migration 0005: one table for screening and review).
public sealed partial class SqliteDossierStore
{
    public async Task<long> AddWatchlistHitAsync(long entityId, WatchlistHitJson hit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return StoredRows.HitId(await _prepared.Get(StoredRows.HitUpsert, null, StoredRows.HitParameters(entityId, hit, namePrefix: "@")).ExecuteScalarAsync(cancellationToken), entityId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<HitReview>> GetWatchlistHitsAsync(long? entityId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await HitsAsync("$entity IS NULL OR e.id = $entity", ("$entity", entityId), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<HitReview?> DecideHitAsync(long hitId, string decision, string? note, CancellationToken cancellationToken)
    {
        var stored = HitDecisions.Parse(decision)
                     ?? throw new ArgumentException($"A decision is one of {string.Join(", ", HitDecisions.All)}, not '{decision}'.", nameof(decision));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using (var command = Command("UPDATE watchlist_hits SET decision = $decision, note = $note, decided_at = $at WHERE id = $id",
                             ("$decision", stored), ("$note", note), ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)), ("$id", hitId)))
            {
                if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
            }

            return (await HitsAsync("h.id = $id", ("$id", hitId), cancellationToken)).SingleOrDefault();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<HitReview>> HitsAsync(string where, (string, object?) parameter, CancellationToken cancellationToken)
    {
        await using var reader = await _prepared.Get(StoredRows.HitQuery(where), null, parameter).ExecuteReaderAsync(cancellationToken);
        return await StoredRows.ReadHitsAsync(reader, cancellationToken);
    }
}
