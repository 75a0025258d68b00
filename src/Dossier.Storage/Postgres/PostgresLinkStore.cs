using System.Text.Json;
using Dossier.Entities;
using Dossier.Linking;
using Dossier.Serialization;
using Npgsql;

namespace Dossier.Storage.Postgres;

/// <summary>Links, stories and analysts' entity decisions, in the same PostgreSQL database as the documents.</summary>
public sealed partial class PostgresLinkStore : ILinkStore
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresLinkStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>
    /// Moves entity @from, with its mentions, aliases and the names and entities sent to it, onto entity @to for good. The
    /// caller holds the entity map exclusively (<see cref="PostgresDatabase.EntityMapExclusiveLock"/>).
    /// </summary>
    private const string MergeSql =
        """
        INSERT INTO entity_redirects (from_id, to_id) VALUES (@from, @to) ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id;
        UPDATE entity_redirects SET to_id = @to WHERE to_id = @from;
        UPDATE entity_name_overrides SET entity_id = @to WHERE entity_id = @from;
        UPDATE document_entities SET entity_id = @to WHERE entity_id = @from;
        INSERT INTO entity_aliases (entity_id, alias) SELECT @to, alias FROM entity_aliases WHERE entity_id = @from
            ON CONFLICT (entity_id, lower(alias)) DO NOTHING;
        """;

    public static async Task<PostgresLinkStore> OpenAsync(string location, CancellationToken cancellationToken) =>
        new(await PostgresDatabase.OpenAsync(location, cancellationToken));

    public async Task<EntityDecision> MergeAsync(long entityId, long intoEntityId, string reason, CancellationToken cancellationToken)
    {
        if (entityId == intoEntityId) throw new ArgumentException("An entity cannot be merged into itself.", nameof(intoEntityId));
        return await InTransactionAsync(async connection =>
        {
            var target = await FinalTargetAsync(connection, intoEntityId, cancellationToken);
            if (target == entityId) throw new ArgumentException($"Entity {intoEntityId} is already merged into {entityId}.", nameof(intoEntityId));
            await RequireEntityAsync(connection, entityId, cancellationToken);
            await RequireEntityAsync(connection, target, cancellationToken);
            await ExecuteAsync(connection, cancellationToken, MergeSql, ("from", entityId), ("to", target));
            return await RecordAsync(connection, EntityDecisionKind.Merge, entityId, target, null, reason, cancellationToken);
        }, cancellationToken, entityDecision: true);
    }

    public async Task<EntityDecision> SplitAsync(long entityId, string alias, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        return await InTransactionAsync(async connection =>
        {
            var label = await RequireEntityAsync(connection, entityId, cancellationToken);
            var nameKey = EntityKey.ForName(alias, label);
            await using (var exists = PostgresDossierStore.Command(connection, "SELECT 1 FROM entity_aliases WHERE entity_id = @e AND lower(alias) = lower(@a)",
                             ("e", entityId), ("a", alias)))
            {
                if (await exists.ExecuteScalarAsync(cancellationToken) is null) throw new ArgumentException($"Entity {entityId} has no alias \"{alias}\".", nameof(alias));
            }

            long newId;
            await using (var insert = PostgresDossierStore.Command(connection, "INSERT INTO entities (key, name, label) VALUES (@key, @name, @label) RETURNING id",
                             ("key", $"split:{nameKey}:{entityId}"), ("name", alias), ("label", label.ToString())))
            {
                newId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }

            // A split-off person is a full name like any other, which a one-word name may stand for.
            await PersonNameWords.AddAsync(newId, alias, label, (key, person) => ExecuteAsync(connection, cancellationToken, PersonNameWords.Insert, ("key", key), ("entity", person)));

            await ExecuteAsync(connection, cancellationToken,
                """
                INSERT INTO entity_name_overrides (name_key, entity_id) VALUES (@key, @new) ON CONFLICT (name_key) DO UPDATE SET entity_id = excluded.entity_id;
                DELETE FROM entity_aliases WHERE entity_id = @old AND lower(alias) = lower(@alias);
                INSERT INTO entity_aliases (entity_id, alias) VALUES (@new, @alias) ON CONFLICT (entity_id, lower(alias)) DO NOTHING;
                """,
                ("key", nameKey), ("new", newId), ("old", entityId), ("alias", alias));

            // Mentions already stored under that name move too: the stored annotations say which local entity had it.
            var rows = new List<(string DocumentId, int LocalId, string Annotations)>();
            await using (var command = PostgresDossierStore.Command(connection,
                             "SELECT de.document_id, de.local_id, d.annotations FROM document_entities de JOIN documents d ON d.id = de.document_id WHERE de.entity_id = @e",
                             ("e", entityId)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
            }

            foreach (var (documentId, localId, _) in rows.Where(row => StoredRows.LocalEntityIsNamed(row.DocumentId, row.Annotations, row.LocalId, nameKey, label)))
            {
                await ExecuteAsync(connection, cancellationToken, "UPDATE document_entities SET entity_id = @new WHERE document_id = @d AND local_id = @l",
                    ("new", newId), ("d", documentId), ("l", localId));
            }

            return await RecordAsync(connection, EntityDecisionKind.Split, entityId, newId, alias, reason, cancellationToken);
        }, cancellationToken, entityDecision: true);
    }

    public async Task<IReadOnlyList<EntityDecision>> GetDecisionsAsync(long? entityId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await DecisionsAsync(connection, entityId, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ExplainAsync(long entityId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        string name;
        EntityLabel label;
        await using (var command = PostgresDossierStore.Command(connection, "SELECT name, label FROM entities WHERE id = @id", ("id", entityId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) throw new ArgumentException($"No entity {entityId}.", nameof(entityId));
            (name, label) = (reader.GetString(0), Enum.Parse<EntityLabel>(reader.GetString(1)));
        }

        var aliases = new List<string>();
        await using (var command = PostgresDossierStore.Command(connection, "SELECT alias FROM entity_aliases WHERE entity_id = @id ORDER BY alias COLLATE \"C\"", ("id", entityId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) aliases.Add(reader.GetString(0));
        }

        return StoredRows.Explain(name, label, aliases, await DecisionsAsync(connection, entityId, cancellationToken));
    }

    public async Task<IReadOnlyList<LinkableDocument>> GetLinkableDocumentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var canonical = new Dictionary<string, Dictionary<int, long>>(StringComparer.Ordinal);
        await using (var command = PostgresDossierStore.Command(connection, "SELECT document_id, local_id, entity_id FROM document_entities"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                if (!canonical.TryGetValue(id, out var map)) canonical[id] = map = [];
                map[reader.GetInt32(1)] = reader.GetInt64(2);
            }
        }

        var documents = new List<LinkableDocument>();
        await using (var command = PostgresDossierStore.Command(connection, "SELECT d.id, d.annotations FROM documents d LEFT JOIN story_index s ON s.document_id = d.id ORDER BY s.sequence NULLS LAST, d.seq"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (LinkableDocuments.FromStoredJson(reader.GetString(1), canonical.GetValueOrDefault(reader.GetString(0)) ?? []) is { } document) documents.Add(document);
            }
        }

        return documents;
    }

    /// <summary>Runs work in one transaction; an entity decision also holds the entity map exclusively while it runs.</summary>
    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken, bool entityDecision = false) =>
        await PostgresDatabase.RetryAsync(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (entityDecision)
            {
                await using var exclusive = PostgresDossierStore.Command(connection, PostgresDatabase.EntityMapExclusiveLock);
                await exclusive.ExecuteNonQueryAsync(cancellationToken);
            }

            var result = await work(connection);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

    private static async Task<long> FinalTargetAsync(NpgsqlConnection connection, long entityId, CancellationToken cancellationToken)
    {
        var current = entityId;
        for (var hops = 0; hops < 64; hops++)
        {
            await using var command = PostgresDossierStore.Command(connection, "SELECT to_id FROM entity_redirects WHERE from_id = @id", ("id", current));
            if (await command.ExecuteScalarAsync(cancellationToken) is not long next) return current;
            current = next;
        }

        return current;
    }

    private static async Task<EntityLabel> RequireEntityAsync(NpgsqlConnection connection, long entityId, CancellationToken cancellationToken)
    {
        await using var command = PostgresDossierStore.Command(connection, "SELECT label FROM entities WHERE id = @id", ("id", entityId));
        return await command.ExecuteScalarAsync(cancellationToken) is string label
            ? Enum.Parse<EntityLabel>(label)
            : throw new ArgumentException($"No entity {entityId}.", nameof(entityId));
    }

    private static async Task<EntityDecision> RecordAsync(
        NpgsqlConnection connection, EntityDecisionKind kind, long entityId, long otherId, string? alias, string reason, CancellationToken cancellationToken)
    {
        // Microseconds are what the database keeps; the decision returned is the one read back later.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await using var command = PostgresDossierStore.Command(connection,
            "INSERT INTO entity_decisions (kind, entity_id, other_id, alias, reason, at) VALUES (@k, @e, @o, @a, @r, @t) RETURNING id",
            ("k", kind.ToString().ToLowerInvariant()), ("e", entityId), ("o", otherId), ("a", alias), ("r", reason), ("t", at));
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new EntityDecision(id, kind, entityId, otherId, alias, reason, at);
    }

    private static async Task<List<EntityDecision>> DecisionsAsync(NpgsqlConnection connection, long? entityId, CancellationToken cancellationToken)
    {
        await using var command = PostgresDossierStore.Command(connection, StoredRows.DecisionsQuery, ("all", entityId is null), ("e", entityId ?? 0L));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoredRows.ReadDecisionsAsync(reader, cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, CancellationToken cancellationToken, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = PostgresDossierStore.Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
