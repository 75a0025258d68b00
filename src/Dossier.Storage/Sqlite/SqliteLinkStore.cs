using System.Globalization;
using System.Text.Json;
using Dossier.Entities;
using Dossier.Linking;
using Dossier.Serialization;
using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Sqlite;

/// <summary>Links, stories and analysts' entity decisions, kept in the same SQLite file as the documents.</summary>
public sealed partial class SqliteLinkStore : ILinkStore
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteLinkStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Moves entity $from, with its mentions, aliases and the names and entities sent to it, onto entity $to for good.</summary>
    private const string MergeSql =
        """
        INSERT INTO entity_redirects (from_id, to_id) VALUES ($from, $to) ON CONFLICT(from_id) DO UPDATE SET to_id = excluded.to_id;
        UPDATE entity_redirects SET to_id = $to WHERE to_id = $from;
        UPDATE entity_name_overrides SET entity_id = $to WHERE entity_id = $from;
        UPDATE document_entities SET entity_id = $to WHERE entity_id = $from;
        INSERT OR IGNORE INTO entity_aliases (entity_id, alias) SELECT $to, alias FROM entity_aliases WHERE entity_id = $from;
        """;

    public static async Task<SqliteLinkStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        new(await SqliteDatabase.OpenAsync(path, cancellationToken));

    public async Task<EntityDecision> MergeAsync(long entityId, long intoEntityId, string reason, CancellationToken cancellationToken)
    {
        if (entityId == intoEntityId) throw new ArgumentException("An entity cannot be merged into itself.", nameof(intoEntityId));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            var target = await FinalTargetAsync(intoEntityId, transaction, cancellationToken);
            if (target == entityId) throw new ArgumentException($"Entity {intoEntityId} is already merged into {entityId}.", nameof(intoEntityId));
            await RequireEntityAsync(entityId, transaction, cancellationToken);
            await RequireEntityAsync(target, transaction, cancellationToken);
            await ExecuteAsync(transaction, cancellationToken, MergeSql, ("$from", entityId), ("$to", target));
            var decision = await RecordAsync(EntityDecisionKind.Merge, entityId, target, null, reason, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return decision;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<EntityDecision> SplitAsync(long entityId, string alias, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            var label = await RequireEntityAsync(entityId, transaction, cancellationToken);
            var nameKey = EntityKey.ForName(alias, label);
            await using (var exists = Command("SELECT 1 FROM entity_aliases WHERE entity_id = $e AND alias = $a", transaction, ("$e", entityId), ("$a", alias)))
            {
                if (await exists.ExecuteScalarAsync(cancellationToken) is null)
                {
                    throw new ArgumentException($"Entity {entityId} has no alias \"{alias}\".", nameof(alias));
                }
            }

            long newId;
            await using (var insert = Command(
                             "INSERT INTO entities (key, name, label) VALUES ($key, $name, $label) RETURNING id", transaction,
                             ("$key", "split:" + nameKey + ":" + entityId.ToString(CultureInfo.InvariantCulture)), ("$name", alias), ("$label", label.ToString())))
            {
                newId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }

            // A split-off person is a full name like any other, which a one-word name may stand for.
            await PersonNameWords.AddAsync(newId, alias, label, (key, person) => ExecuteAsync(transaction, cancellationToken, PersonNameWords.Insert, ("@key", key), ("@entity", person)));

            await ExecuteAsync(transaction, cancellationToken,
                """
                INSERT INTO entity_name_overrides (name_key, entity_id) VALUES ($key, $new) ON CONFLICT(name_key) DO UPDATE SET entity_id = excluded.entity_id;
                DELETE FROM entity_aliases WHERE entity_id = $old AND alias = $alias;
                INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES ($new, $alias);
                """,
                ("$key", nameKey), ("$new", newId), ("$old", entityId), ("$alias", alias));

            // Mentions already stored under that name move too: the stored annotations say which local entity had it.
            foreach (var (documentId, localId) in await LocalEntitiesNamedAsync(entityId, nameKey, label, transaction, cancellationToken))
            {
                await ExecuteAsync(transaction, cancellationToken, "UPDATE document_entities SET entity_id = $new WHERE document_id = $d AND local_id = $l",
                    ("$new", newId), ("$d", documentId), ("$l", localId));
            }

            var decision = await RecordAsync(EntityDecisionKind.Split, entityId, newId, alias, reason, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return decision;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<EntityDecision>> GetDecisionsAsync(long? entityId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await DecisionsAsync(entityId, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> ExplainAsync(long entityId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            string name;
            EntityLabel label;
            await using (var command = Command("SELECT name, label FROM entities WHERE id = $id", null, ("$id", entityId)))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken)) throw new ArgumentException($"No entity {entityId}.", nameof(entityId));
                (name, label) = (reader.GetString(0), Enum.Parse<EntityLabel>(reader.GetString(1)));
            }

            var aliases = new List<string>();
            await using (var command = Command("SELECT alias FROM entity_aliases WHERE entity_id = $id ORDER BY alias", null, ("$id", entityId)))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) aliases.Add(reader.GetString(0));
            }

            return StoredRows.Explain(name, label, aliases, await DecisionsAsync(entityId, cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<LinkableDocument>> GetLinkableDocumentsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var canonical = new Dictionary<string, Dictionary<int, long>>(StringComparer.Ordinal);
            await using (var command = Command("SELECT document_id, local_id, entity_id FROM document_entities", null))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetString(0);
                    if (!canonical.TryGetValue(id, out var map)) canonical[id] = map = [];
                    map[reader.GetInt32(1)] = reader.GetInt64(2);
                }
            }

            var documents = new List<LinkableDocument>();
            await using (var command = Command("SELECT id, annotations FROM documents ORDER BY rowid", null))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (LinkableDocuments.FromStoredJson(reader.GetString(1), canonical.GetValueOrDefault(reader.GetString(0)) ?? []) is { } document) documents.Add(document);
                }
            }

            return documents;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<(string DocumentId, int LocalId)>> LocalEntitiesNamedAsync(
        long entityId, string nameKey, EntityLabel label, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = new List<(string, int, string)>();
        await using (var command = Command(
                         "SELECT de.document_id, de.local_id, d.annotations FROM document_entities de JOIN documents d ON d.id = de.document_id WHERE de.entity_id = $e",
                         transaction, ("$e", entityId)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
        }

        return rows.Where(row => StoredRows.LocalEntityIsNamed(row.Item1, row.Item3, row.Item2, nameKey, label)).Select(row => (row.Item1, row.Item2)).ToList();
    }

    private async Task<long> FinalTargetAsync(long entityId, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var current = entityId;
        for (var hops = 0; hops < 64; hops++)
        {
            await using var command = Command("SELECT to_id FROM entity_redirects WHERE from_id = $id", transaction, ("$id", current));
            if (await command.ExecuteScalarAsync(cancellationToken) is not long next) return current;
            current = next;
        }

        return current;
    }

    private async Task<EntityLabel> RequireEntityAsync(long entityId, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT label FROM entities WHERE id = $id", transaction, ("$id", entityId));
        return await command.ExecuteScalarAsync(cancellationToken) is string label
            ? Enum.Parse<EntityLabel>(label)
            : throw new ArgumentException($"No entity {entityId}.", nameof(entityId));
    }

    private async Task<EntityDecision> RecordAsync(
        EntityDecisionKind kind, long entityId, long otherId, string? alias, string reason, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        await using var command = Command(
            "INSERT INTO entity_decisions (kind, entity_id, other_id, alias, reason, at) VALUES ($k, $e, $o, $a, $r, $t) RETURNING id", transaction,
            ("$k", kind.ToString().ToLowerInvariant()), ("$e", entityId), ("$o", otherId), ("$a", alias), ("$r", reason),
            ("$t", at.ToString("O", CultureInfo.InvariantCulture)));
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new EntityDecision(id, kind, entityId, otherId, alias, reason, at);
    }

    private async Task<List<EntityDecision>> DecisionsAsync(long? entityId, CancellationToken cancellationToken)
    {
        await using var command = Command(StoredRows.DecisionsQuery, null, ("@all", entityId is null), ("@e", entityId ?? 0L));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoredRows.ReadDecisionsAsync(reader, cancellationToken);
    }

    private async Task ExecuteAsync(SqliteTransaction transaction, CancellationToken cancellationToken, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, transaction, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
