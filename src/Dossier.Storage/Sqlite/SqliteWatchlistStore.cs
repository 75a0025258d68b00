using System.Globalization;
using Dossier.Screening;
using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Sqlite;

/// <summary>
/// The watchlists, in the same SQLite file as the documents. One caller at a time. The hits found for canonical
/// entities belong to the dossier store, beside the entities they are about.
/// </summary>
public sealed class SqliteWatchlistStore : IWatchlistStore
{
    private readonly SqliteConnection _connection;

    private SqliteWatchlistStore(SqliteConnection connection) => _connection = connection;

    public static async Task<SqliteWatchlistStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        new(await SqliteDatabase.OpenAsync(path, cancellationToken));

    public async Task<ListImportOutcome> ImportAsync(WatchlistVersion version, string source, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
        var latest = await ScalarAsync("SELECT MAX(version_date) FROM watchlist_versions WHERE list = $list", transaction, cancellationToken, ("$list", version.List)) as string;
        var isDelta = StoredRows.IsDelta(version);
        if (StoredRows.SkipReason(version, latest) is { } skipped) return new ListImportOutcome(version.List, version.VersionDate, 0, 0, 0, skipped);

        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var select = Command("SELECT entry_id FROM watchlist_entries WHERE list = $list", transaction, ("$list", version.List)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) existing.Add(reader.GetString(0));
        }

        int added = 0, updated = 0;
        await using (var upsert = Command(
                         """
                         INSERT INTO watchlist_entries (list, entry_id, name, data, version_date, removed_in)
                         VALUES ($list, $id, $name, $data, $version, $removed)
                         ON CONFLICT (list, entry_id) DO UPDATE SET name = excluded.name, data = excluded.data,
                             version_date = excluded.version_date, removed_in = excluded.removed_in
                         """, transaction))
        {
            var list = upsert.Parameters.Add("$list", SqliteType.Text);
            var id = upsert.Parameters.Add("$id", SqliteType.Text);
            var name = upsert.Parameters.Add("$name", SqliteType.Text);
            var data = upsert.Parameters.Add("$data", SqliteType.Text);
            var versionDate = upsert.Parameters.Add("$version", SqliteType.Text);
            var removed = upsert.Parameters.Add("$removed", SqliteType.Text);
            foreach (var entry in version.Entries)
            {
                list.Value = entry.List;
                id.Value = entry.Id;
                name.Value = entry.Name;
                data.Value = StoredRows.EntryJson(entry);
                versionDate.Value = version.VersionDate;
                removed.Value = isDelta && entry.EndDate is not null ? version.VersionDate : DBNull.Value;
                await upsert.ExecuteNonQueryAsync(cancellationToken);
                if (existing.Remove(entry.Id)) updated++;
                else added++;
            }
        }

        var removedCount = 0;
        if (!isDelta && existing.Count > 0)
        {
            await using var remove = Command("UPDATE watchlist_entries SET removed_in = $version WHERE list = $list AND entry_id = $id AND removed_in IS NULL", transaction,
                ("$version", version.VersionDate), ("$list", version.List), ("$id", ""));
            foreach (var gone in existing)
            {
                remove.Parameters["$id"].Value = gone;
                removedCount += await remove.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var record = Command(
                         """
                         INSERT INTO watchlist_versions (list, version_date, format, source, entries, imported_at)
                         VALUES ($list, $version, $format, $source, $entries, $at)
                         ON CONFLICT (list, version_date) DO UPDATE SET format = excluded.format, source = excluded.source,
                             entries = excluded.entries, imported_at = excluded.imported_at
                         """, transaction,
                         ("$list", version.List), ("$version", version.VersionDate), ("$format", version.Format), ("$source", source),
                         ("$entries", version.Entries.Count), ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ListImportOutcome(version.List, version.VersionDate, added, updated, removedCount);
    }

    public async Task<IReadOnlyList<WatchlistEntry>> ActiveEntriesAsync(CancellationToken cancellationToken)
    {
        var entries = new List<WatchlistEntry>();
        await using var command = Command("SELECT data FROM watchlist_entries WHERE removed_in IS NULL ORDER BY list, entry_id", null);
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
        await using var command = Command(
            """
            SELECT v.list, MAX(v.version_date), (SELECT format FROM watchlist_versions f WHERE f.list = v.list ORDER BY version_date DESC LIMIT 1),
                   (SELECT COUNT(*) FROM watchlist_entries e WHERE e.list = v.list AND e.removed_in IS NULL), COUNT(*)
            FROM watchlist_versions v GROUP BY v.list ORDER BY v.list
            """, null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lists.Add(new StoredList(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return lists;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private async Task<object?> ScalarAsync(string sql, SqliteTransaction? transaction, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, transaction, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
