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
            // Keyed by the entity's key rather than its id: the key is what stays the same when the entity is seen again.
            await using var command = Command(
                """
                INSERT INTO watchlist_hits (entity_key, entity_name, list, entry_id, entry_name, score, program, listed_on, explanation, screened_at)
                SELECT key, name, $list, $entry, $entryName, $score, $program, $listed, $explanation, $at FROM entities WHERE id = $entity
                ON CONFLICT (entity_key, list, entry_id) DO UPDATE SET
                    entity_name = excluded.entity_name, entry_name = excluded.entry_name, score = excluded.score, program = excluded.program,
                    listed_on = excluded.listed_on, explanation = excluded.explanation, screened_at = excluded.screened_at
                RETURNING id
                """,
                ("$entity", entityId), ("$entry", hit.ListEntryId), ("$list", hit.List), ("$entryName", hit.Name), ("$score", hit.Score),
                ("$program", hit.Program), ("$listed", hit.ListedOn), ("$explanation", hit.Explanation),
                ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            return await command.ExecuteScalarAsync(cancellationToken) is long id
                ? id
                : throw new ArgumentException($"No canonical entity {entityId}.", nameof(entityId));
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
        await using var command = Command(StoredRows.HitQuery(where), parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoredRows.ReadHitsAsync(reader, cancellationToken);
    }
}
