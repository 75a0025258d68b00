using System.Globalization;
using Dossier.Analysis;
using Dossier.Serialization;
using Npgsql;

namespace Dossier.Storage.Postgres;

// List hits and the analysts' decisions on them: one table for screening and review, keyed by entity key and list entry.
public sealed partial class PostgresDossierStore
{
    public async Task<long> AddWatchlistHitAsync(long entityId, WatchlistHitJson hit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            """
            INSERT INTO watchlist_hits (entity_key, entity_name, list, entry_id, entry_name, score, program, listed_on, explanation, screened_at)
            SELECT key, name, @list, @entry, @entryName, @score, @program, @listed, @explanation, @at FROM entities WHERE id = @entity
            ON CONFLICT (entity_key, list, entry_id) DO UPDATE SET
                entity_name = excluded.entity_name, entry_name = excluded.entry_name, score = excluded.score, program = excluded.program,
                listed_on = excluded.listed_on, explanation = excluded.explanation, screened_at = excluded.screened_at
            RETURNING id
            """,
            ("entity", entityId), ("entry", hit.ListEntryId), ("list", hit.List), ("entryName", hit.Name), ("score", hit.Score),
            ("program", hit.Program), ("listed", hit.ListedOn), ("explanation", hit.Explanation),
            ("at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        return await command.ExecuteScalarAsync(cancellationToken) is long id
            ? id
            : throw new ArgumentException($"No canonical entity {entityId}.", nameof(entityId));
    }

    public async Task<IReadOnlyList<HitReview>> GetWatchlistHitsAsync(long? entityId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return entityId is { } id
            ? await HitsAsync(connection, "e.id = @entity", ("entity", id), cancellationToken)
            : await HitsAsync(connection, "TRUE", ("entity", 0L), cancellationToken);
    }

    public async Task<HitReview?> DecideHitAsync(long hitId, string decision, string? note, CancellationToken cancellationToken)
    {
        var stored = HitDecisions.Parse(decision)
                     ?? throw new ArgumentException($"A decision is one of {string.Join(", ", HitDecisions.All)}, not '{decision}'.", nameof(decision));
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = Command(connection, "UPDATE watchlist_hits SET decision = @decision, note = @note, decided_at = @at WHERE id = @id",
                         ("decision", stored), ("note", note), ("at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)), ("id", hitId)))
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
        }

        return (await HitsAsync(connection, "h.id = @id", ("id", hitId), cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<HitReview>> HitsAsync(NpgsqlConnection connection, string where, (string, object?) parameter, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, StoredRows.HitQuery(where), parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoredRows.ReadHitsAsync(reader, cancellationToken);
    }
}
