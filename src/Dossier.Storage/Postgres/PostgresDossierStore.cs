using System.Runtime.CompilerServices;
using System.Text.Json;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Linking;
using Dossier.Serialization;
using Npgsql;

namespace Dossier.Storage.Postgres;

/// <summary>
/// The store on a PostgreSQL server, for several processes on several machines at once. Every call takes a pooled
/// connection of its own, so one instance may be used concurrently.
/// </summary>
public sealed partial class PostgresDossierStore : IDossierStore
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresDossierStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>Opens (and migrates) the database a postgres:// URI or an Npgsql connection string names.</summary>
    public static async Task<PostgresDossierStore> OpenAsync(string location, CancellationToken cancellationToken) =>
        new(await PostgresDatabase.OpenAsync(location, cancellationToken));

    public async Task<bool> ContainsDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT 1 FROM documents WHERE id = @id", ("id", documentId));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<bool> AddDocumentAsync(Document document, CancellationToken cancellationToken) =>
        (await AddDocumentsAsync([document], cancellationToken))[0];

    public async Task<IReadOnlyList<bool>> AddDocumentsAsync(IReadOnlyList<Document> documents, CancellationToken cancellationToken)
    {
        // Kept in the order given, the order they are read back in. Two batches that share documents in opposite orders
        // may deadlock; the server then aborts one and it is retried, as for any transaction here.
        var rows = documents
            .Select((document, position) => (Position: position, Document: document, Json: DossierJsonMapper.ToJson(document)))
            .Select(row => (row.Position, row.Document, row.Json, Annotations: JsonSerializer.Serialize(row.Json, DossierJsonMapper.Options)))
            .ToList();
        return await PostgresDatabase.RetryAsync<IReadOnlyList<bool>>(async () =>
        {
            var added = new bool[documents.Count];
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var stored = new List<Document>(rows.Count);
            foreach (var (position, document, json, annotations) in rows)
            {
                var metadata = document.Metadata;
                // The content hash is the key: of writers storing the same document at once, one inserts, the others wait for
                // its commit and then insert nothing (as does a document given twice in one batch, the second time).
                await using (var insert = Command(connection,
                                 """
                                 WITH inserted AS (
                                     INSERT INTO documents (id, source, url, title, published, site, language, text, annotations)
                                     VALUES (@id, @source, @url, @title, @published, @site, @language, @text, @annotations)
                                     ON CONFLICT (id) DO NOTHING
                                     RETURNING seq, id)
                                 INSERT INTO unplaced_documents (seq, document_id) SELECT seq, id FROM inserted
                                 """,
                                 ("id", document.Id), ("source", metadata.Source), ("url", metadata.Url), ("title", metadata.Title),
                                 ("published", json.Published), ("site", metadata.Site), ("language", metadata.Language), ("text", document.Text),
                                 ("annotations", annotations)))
                {
                    if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0) continue;
                }

                await IndexAsync(connection, json, cancellationToken);
                added[position] = true;
                stored.Add(document);
            }

            if (stored.Count == 0) return added;
            await using (var share = Command(connection, PostgresDatabase.EntityMapSharedLock)) await share.ExecuteNonQueryAsync(cancellationToken);
            var entities = stored.Select(document => (Document: document, Entities: (document.GetOrDefault(Layers.Entities) ?? EntityLayer.Empty).Entities)).ToList();
            var canonical = await UpsertEntitiesAsync(connection, entities.SelectMany(pair => pair.Entities).ToList(), cancellationToken);
            await using (var links = new NpgsqlBatch(connection))
            {
                foreach (var (document, documentEntities) in entities)
                {
                    var counts = EntityCounts.Of(document);
                    foreach (var entity in documentEntities)
                    {
                        var count = counts[entity.Id];
                        links.BatchCommands.Add(BatchCommand(
                            "INSERT INTO document_entities (document_id, local_id, entity_id, mentions, quotes, claims) VALUES (@d, @l, @e, @m, @q, @c)",
                            ("d", document.Id), ("l", entity.Id), ("e", canonical[entity]), ("m", count.Mentions), ("q", count.Quotes), ("c", count.Claims)));
                    }
                }

                if (links.BatchCommands.Count > 0) await links.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return added;
        }, cancellationToken);
    }

    /// <summary>
    /// The canonical entity of each in-document entity (of one document or a batch), created when new. Keys are taken in one order by every writer, so two
    /// documents sharing entities wait on each other instead of deadlocking; the unique key means one row per key.
    /// </summary>
    private static async Task<Dictionary<DocumentEntity, long>> UpsertEntitiesAsync(
        NpgsqlConnection connection, IReadOnlyList<DocumentEntity> entities, CancellationToken cancellationToken)
    {
        var canonical = new Dictionary<DocumentEntity, long>(ReferenceEqualityComparer.Instance);
        if (entities.Count == 0) return canonical;
        var splitKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var overrides = Command(connection,
                         "SELECT o.name_key, e.key FROM entity_name_overrides o JOIN entities e ON e.id = o.entity_id WHERE o.name_key = ANY(@names)",
                         ("names", entities.Select(e => EntityKey.ForName(e.Name, e.Label)).Distinct().ToArray())))
        await using (var reader = await overrides.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) splitKeys[reader.GetString(0)] = reader.GetString(1);
        }

        var byKey = entities
            .GroupBy(e => splitKeys.GetValueOrDefault(EntityKey.ForName(e.Name, e.Label)) ?? EntityKey.For(e.Name, e.Label), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var group in byKey)
        {
            var first = group.First();
            var (id, created) = await EntityIdAsync(connection, group.Key, first, cancellationToken);
            if (created) await LinkPersonNamesAsync(connection, id, first, cancellationToken);
            long? redirect;
            await using (var select = Command(connection, "SELECT to_id FROM entity_redirects WHERE from_id = @id", ("id", id)))
            {
                redirect = await select.ExecuteScalarAsync(cancellationToken) as long?;
            }

            var aliases = group.SelectMany(e => e.Aliases.Prepend(e.Name)).Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(alias => alias.ToLowerInvariant(), StringComparer.Ordinal).ToList();
            await using (var batch = new NpgsqlBatch(connection))
            {
                // A merged entity's aliases also go to the entity it was merged into, as its mentions do.
                foreach (var owner in redirect is { } target ? new[] { id, target } : [id])
                {
                    foreach (var alias in aliases)
                    {
                        batch.BatchCommands.Add(BatchCommand(
                            "INSERT INTO entity_aliases (entity_id, alias) VALUES (@e, @a) ON CONFLICT (entity_id, lower(alias)) DO NOTHING", ("e", owner), ("a", alias)));
                    }
                }

                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var entity in group) canonical[entity] = redirect ?? id;
        }

        return canonical;
    }

    /// <summary>The entity with this key, and whether this call created it.</summary>
    private static async Task<(long Id, bool Created)> EntityIdAsync(NpgsqlConnection connection, string key, DocumentEntity entity, CancellationToken cancellationToken)
    {
        await using (var insert = Command(connection,
                         "INSERT INTO entities (key, name, label) VALUES (@key, @name, @label) ON CONFLICT (key) DO NOTHING RETURNING id",
                         ("key", key), ("name", entity.Name), ("label", entity.Label.ToString())))
        {
            if (await insert.ExecuteScalarAsync(cancellationToken) is long created) return (created, true);
        }

        // Another writer has it; under read committed this new statement sees that writer's committed row.
        await using var select = Command(connection, "SELECT id FROM entities WHERE key = @key", ("key", key));
        return ((long)(await select.ExecuteScalarAsync(cancellationToken))!, false);
    }

    /// <summary>
    /// The store's side of <see cref="StoredRows.LinkPersonNamesAsync"/> (the caller reads a short name's redirect).
    /// </summary>
    private static Task LinkPersonNamesAsync(NpgsqlConnection connection, long id, DocumentEntity entity, CancellationToken cancellationToken) =>
        StoredRows.LinkPersonNamesAsync(id, entity, new StoredRows.PersonNameRows(
            (key, except) => PeopleNamedAsync(connection, key, except, cancellationToken),
            async (key, person) =>
            {
                await using var insert = Command(connection, PersonNameWords.Insert, ("key", key), ("entity", person));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            },
            async (from, to) =>
            {
                await using var redirect = Command(connection, "INSERT INTO entity_redirects (from_id, to_id) VALUES (@from, @to)", ("from", from), ("to", to));
                await redirect.ExecuteNonQueryAsync(cancellationToken);
            },
            async key =>
            {
                await using var select = Command(connection, PersonNameWords.UnmergedEntityQuery, ("key", key));
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
            },
            async (entityId, name) =>
            {
                await using var rename = Command(connection, PersonNameWords.Rename, ("name", name), ("id", entityId));
                await rename.ExecuteNonQueryAsync(cancellationToken);
            }));

    private static async Task<List<(long Id, string Name)>> PeopleNamedAsync(NpgsqlConnection connection, string key, long except, CancellationToken cancellationToken)
    {
        var people = new List<(long, string)>();
        await using var select = Command(connection, PersonNameWords.PeopleQuery, ("key", key), ("except", except));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) people.Add((reader.GetInt64(0), reader.GetString(1)));
        return people;
    }

    public async Task RecordFailureAsync(string source, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "INSERT INTO failures (source, reason) VALUES (@s, @r)", ("s", source), ("r", reason));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<int, long>> GetCanonicalIdsAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await CanonicalIdsAsync(connection, documentId, cancellationToken);
    }

    private static async Task<Dictionary<int, long>> CanonicalIdsAsync(NpgsqlConnection connection, string documentId, CancellationToken cancellationToken)
    {
        var map = new Dictionary<int, long>();
        await using var command = Command(connection, "SELECT local_id, entity_id FROM document_entities WHERE document_id = @d", ("d", documentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) map[reader.GetInt32(0)] = reader.GetInt64(1);
        return map;
    }

    public async Task<IReadOnlyList<EntitySummary>> SummarizeEntitiesAsync(IReadOnlyCollection<string> documentIds, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<(long Id, int Mentions, int Quotes, int Claims)>();
        await using (var command = Command(connection,
                         """
                         SELECT entity_id, SUM(mentions)::int, SUM(quotes)::int, SUM(claims)::int FROM document_entities
                         WHERE document_id = ANY(@documents) GROUP BY entity_id ORDER BY 2 DESC, 4 DESC, entity_id LIMIT @limit
                         """,
                         ("documents", documentIds.Distinct().ToArray()), ("limit", Math.Max(0, limit))))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        var summaries = new List<EntitySummary>(rows.Count);
        foreach (var (id, mentions, quotes, claims) in rows) summaries.Add(new EntitySummary(await LoadEntityAsync(connection, id, cancellationToken), mentions, quotes, claims));
        return summaries;
    }

    public async Task<IReadOnlyList<CanonicalEntity>> GetEntitiesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await LoadEntitiesAsync(connection, await EntityIdsAsync(connection, documentIds, cancellationToken), cancellationToken);
    }

    public async IAsyncEnumerable<CanonicalEntity> ReadEntitiesAsync(IReadOnlyCollection<string> documentIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long[] ids;
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        {
            ids = await EntityIdsAsync(connection, documentIds, cancellationToken);
        }

        foreach (var page in ids.Chunk(StoredRows.EntityPage))
        {
            List<CanonicalEntity> entities;
            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
            {
                entities = await LoadEntitiesAsync(connection, page, cancellationToken);
            }

            foreach (var entity in entities) yield return entity;
        }
    }

    private static Task<long[]> EntityIdsAsync(NpgsqlConnection connection, IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken) =>
        StoredRows.EntityIdsAsync(documentIds, chunk => IdsAsync(connection,
            "SELECT DISTINCT entity_id FROM document_entities WHERE document_id = ANY(@documents)", cancellationToken, ("documents", chunk)));

    public async Task<IReadOnlyList<CanonicalEntity>> FindEntitiesAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await IdsAsync(connection,
            """
            SELECT a.entity_id FROM entity_aliases a LEFT JOIN document_entities de ON de.entity_id = a.entity_id
            WHERE lower(a.alias) LIKE '%' || lower(@pattern) || '%'
            GROUP BY a.entity_id ORDER BY bool_or(lower(a.alias) = lower(@name)) DESC, SUM(de.mentions) DESC NULLS LAST, a.entity_id LIMIT 20
            """,
            cancellationToken, ("pattern", StoredRows.EscapeLike(name)), ("name", name));
        return await LoadEntitiesAsync(connection, ids, cancellationToken);
    }

    public async IAsyncEnumerable<StoredDocument> ReadDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int pageSize = 256;
        var after = 0L;
        while (true)
        {
            var page = new List<(long Seq, string Id, string Annotations)>(pageSize);
            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
            await using (var command = Command(connection, "SELECT seq, id, annotations FROM documents WHERE seq > @after ORDER BY seq LIMIT @limit",
                             ("after", after), ("limit", pageSize)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) page.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            foreach (var (seq, id, annotations) in page)
            {
                IReadOnlyDictionary<int, long> canonicalIds = await GetCanonicalIdsAsync(id, cancellationToken);
                after = seq;
                yield return new StoredDocument(StoredRows.Document(id, annotations), canonicalIds);
            }

            if (page.Count < pageSize) yield break;
        }
    }

    public async Task<IReadOnlyList<StoredDocument>> GetDocumentsMentioningAsync(long entityId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<(string Id, string Annotations)>();
        await using (var command = Command(connection,
                         """
                         SELECT d.id, d.annotations FROM documents d
                         WHERE d.id IN (SELECT document_id FROM document_entities WHERE entity_id = @e)
                         ORDER BY d.published IS NULL, d.published, d.added_at, d.id
                         """, ("e", entityId)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        var documents = new List<StoredDocument>(rows.Count);
        foreach (var (id, annotations) in rows)
        {
            documents.Add(new StoredDocument(StoredRows.Document(id, annotations), await CanonicalIdsAsync(connection, id, cancellationToken)));
        }

        return documents;
    }

    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT (SELECT COUNT(*) FROM documents)::int, (SELECT COUNT(*) FROM entities)::int, (SELECT COUNT(*) FROM failures)::int");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    public async Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        string annotations;
        await using (var command = Command(connection, "SELECT annotations FROM documents WHERE id = @id", ("id", documentId)))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is not string json) return null;
            annotations = json;
        }

        return new StoredDocument(StoredRows.Document(documentId, annotations), await CanonicalIdsAsync(connection, documentId, cancellationToken));
    }

    public async Task<CanonicalEntity?> GetEntityAsync(long entityId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT 1 FROM entities WHERE id = @id", ("id", entityId));
        return await command.ExecuteScalarAsync(cancellationToken) is null ? null : await LoadEntityAsync(connection, entityId, cancellationToken);
    }

    public async Task<IReadOnlyList<EntitySummary>> ListEntitiesAsync(string? name, int limit, CancellationToken cancellationToken)
    {
        var filtered = !string.IsNullOrWhiteSpace(name);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<(long Id, int Mentions, int Quotes, int Claims)>();
        await using (var command = Command(connection,
                         $"""
                          SELECT entity_id, SUM(mentions)::int, SUM(quotes)::int, SUM(claims)::int FROM document_entities
                          {(filtered ? "WHERE entity_id IN (SELECT entity_id FROM entity_aliases WHERE lower(alias) LIKE '%' || lower(@name) || '%')" : "")}
                          GROUP BY entity_id ORDER BY 2 DESC, 4 DESC, entity_id LIMIT @limit
                          """,
                         ("name", filtered ? StoredRows.EscapeLike(name!.Trim()) : ""), ("limit", Math.Clamp(limit, 1, 1000))))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        var summaries = new List<EntitySummary>(rows.Count);
        foreach (var (id, mentions, quotes, claims) in rows) summaries.Add(new EntitySummary(await LoadEntityAsync(connection, id, cancellationToken), mentions, quotes, claims));
        return summaries;
    }

    private static async Task<List<CanonicalEntity>> LoadEntitiesAsync(NpgsqlConnection connection, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var entities = new List<CanonicalEntity>();
        foreach (var id in ids) entities.Add(await LoadEntityAsync(connection, id, cancellationToken));
        return entities;
    }

    private static async Task<CanonicalEntity> LoadEntityAsync(NpgsqlConnection connection, long id, CancellationToken cancellationToken)
    {
        string name, label;
        await using (var command = Command(connection, "SELECT name, label FROM entities WHERE id = @id", ("id", id)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) throw new InvalidDataException($"No entity {id}.");
            (name, label) = (reader.GetString(0), reader.GetString(1));
        }

        // Ordered as SQLite's binary collation orders them, so both stores list aliases alike.
        var aliases = await StringsAsync(connection, "SELECT alias FROM entity_aliases WHERE entity_id = @id ORDER BY alias COLLATE \"C\"", id, cancellationToken);
        var documents = await StringsAsync(connection, "SELECT DISTINCT document_id FROM document_entities WHERE entity_id = @id ORDER BY document_id", id, cancellationToken);
        return new CanonicalEntity(id, name, Enum.Parse<EntityLabel>(label), aliases, documents);
    }

    private static async Task<List<string>> StringsAsync(NpgsqlConnection connection, string sql, long id, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var command = Command(connection, sql, ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0));
        return values;
    }

    private static async Task<List<long>> IdsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var ids = new List<long>();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    internal static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    internal static NpgsqlBatchCommand BatchCommand(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
