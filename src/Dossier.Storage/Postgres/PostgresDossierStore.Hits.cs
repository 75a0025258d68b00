using System.Globalization;
using Dossier.Analysis;
using Dossier.Serialization;
using Npgsql;

namespace Dossier.Storage.Postgres;

// List hits and the analysts' decisions on them: one table for screening and review, keyed by entity key and list entry.
public sealed partial class PostgresDossierStore
{
    private const string HitColumns =
        "h.id, e.id, h.entity_name, h.entry_id, h.list, h.entry_name, h.score, h.program, h.listed_on, h.explanation, h.decision, h.note, h.decided_at";

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
        var hits = new List<HitReview>();
        await using var command = Command(connection,
            $"SELECT {HitColumns} FROM watchlist_hits h JOIN entities e ON e.key = h.entity_key WHERE {where} ORDER BY h.entity_name, h.score DESC, h.id",
            parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            hits.Add(new HitReview(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2),
                new WatchlistHitJson(reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetDouble(6), Text(7), Text(8), reader.GetString(9), reader.GetString(10)),
                Text(11), Text(12)));
        }

        return hits;
    }
}
