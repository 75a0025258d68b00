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
        await using var command = Command(connection, StoredRows.HitUpsert, StoredRows.HitParameters(entityId, hit, namePrefix: ""));
        return StoredRows.HitId(await command.ExecuteScalarAsync(cancellationToken), entityId);
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
