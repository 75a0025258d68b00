using Dossier.Screening;
using Npgsql;

namespace Dossier.Storage.Postgres;

/// <summary>The watchlists, in the same PostgreSQL database as the documents.</summary>
public sealed class PostgresWatchlistStore : IWatchlistStore
{
    // Imports of one list wait for each other, so that two importers cannot both count an entry as added.
    private const string ListLock = "SELECT pg_advisory_xact_lock(hashtext('dossier-watchlist:' || @list))";

    private readonly NpgsqlDataSource _dataSource;

    private PostgresWatchlistStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public static async Task<PostgresWatchlistStore> OpenAsync(string location, CancellationToken cancellationToken) =>
        new(await PostgresDatabase.OpenAsync(location, cancellationToken));

    public async Task<ListImportOutcome> ImportAsync(WatchlistVersion version, string source, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockList = PostgresDossierStore.Command(connection, ListLock, ("list", version.List)))
        {
            await lockList.ExecuteNonQueryAsync(cancellationToken);
        }

        string? latest;
        await using (var select = PostgresDossierStore.Command(connection, "SELECT MAX(version_date) FROM watchlist_versions WHERE list = @list", ("list", version.List)))
        {
            latest = await select.ExecuteScalarAsync(cancellationToken) as string;
        }

        if (StoredRows.SkipReason(version, latest) is { } skipped) return new ListImportOutcome(version.List, version.VersionDate, 0, 0, 0, skipped);
        var isDelta = StoredRows.IsDelta(version);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var select = PostgresDossierStore.Command(connection, "SELECT entry_id FROM watchlist_entries WHERE list = @list", ("list", version.List)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) existing.Add(reader.GetString(0));
        }

        int added = 0, updated = 0;
        foreach (var chunk in version.Entries.Chunk(500))
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var entry in chunk)
            {
                batch.BatchCommands.Add(PostgresDossierStore.BatchCommand(
                    """
                    INSERT INTO watchlist_entries (list, entry_id, name, data, version_date, removed_in)
                    VALUES (@list, @id, @name, @data, @version, @removed)
                    ON CONFLICT (list, entry_id) DO UPDATE SET name = excluded.name, data = excluded.data,
                        version_date = excluded.version_date, removed_in = excluded.removed_in
                    """,
                    ("list", entry.List), ("id", entry.Id), ("name", entry.Name), ("data", StoredRows.EntryJson(entry)), ("version", version.VersionDate),
                    ("removed", isDelta && entry.EndDate is not null ? version.VersionDate : null)));
                if (existing.Remove(entry.Id)) updated++;
                else added++;
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        var removed = 0;
        if (!isDelta && existing.Count > 0)
        {
            await using var remove = PostgresDossierStore.Command(connection,
                "UPDATE watchlist_entries SET removed_in = @version WHERE list = @list AND entry_id = ANY(@ids) AND removed_in IS NULL",
                ("version", version.VersionDate), ("list", version.List), ("ids", existing.ToArray()));
            removed = await remove.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = PostgresDossierStore.Command(connection,
                         """
                         INSERT INTO watchlist_versions (list, version_date, format, source, entries) VALUES (@list, @version, @format, @source, @entries)
                         ON CONFLICT (list, version_date) DO UPDATE SET format = excluded.format, source = excluded.source,
                             entries = excluded.entries, imported_at = now()
                         """,
                         ("list", version.List), ("version", version.VersionDate), ("format", version.Format), ("source", source), ("entries", version.Entries.Count)))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ListImportOutcome(version.List, version.VersionDate, added, updated, removed);
    }

    public async Task<IReadOnlyList<WatchlistEntry>> ActiveEntriesAsync(CancellationToken cancellationToken)
    {
        var entries = new List<WatchlistEntry>();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDossierStore.Command(connection,
            "SELECT data FROM watchlist_entries WHERE removed_in IS NULL ORDER BY list COLLATE \"C\", entry_id COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (StoredRows.Entry(reader.GetString(0)) is { IsActive: true } entry) entries.Add(entry);
        }

        return entries;
    }

    public async Task<IReadOnlyList<StoredList>> ListsAsync(CancellationToken cancellationToken)
    {
        var lists = new List<StoredList>();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDossierStore.Command(connection,
            """
            SELECT v.list, MAX(v.version_date), (SELECT format FROM watchlist_versions f WHERE f.list = v.list ORDER BY version_date DESC LIMIT 1),
                   (SELECT COUNT(*) FROM watchlist_entries e WHERE e.list = v.list AND e.removed_in IS NULL)::int, COUNT(*)::int
            FROM watchlist_versions v GROUP BY v.list ORDER BY v.list COLLATE "C"
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lists.Add(new StoredList(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return lists;
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
