using System.Globalization;
using System.Text.Json;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Linking;
using Dossier.Serialization;
using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Sqlite;

/// <summary>The embedded default store: one SQLite file in WAL mode. One connection, used by one caller at a time.</summary>
public sealed partial class SqliteDossierStore : IDossierStore
{
    /// <summary>The annotations column holds the JSON contract unindented: the same fields, a third fewer bytes to write.</summary>
    private static readonly JsonSerializerOptions StoredJsonOptions = new(DossierJsonMapper.Options) { WriteIndented = false };

    private readonly SqliteConnection _connection;
    private readonly PreparedCommands _prepared;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteDossierStore(SqliteConnection connection)
    {
        _connection = connection;
        _prepared = new PreparedCommands(connection);
    }

    public static async Task<SqliteDossierStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        new(await SqliteDatabase.OpenAsync(path, cancellationToken));

    public async Task<bool> ContainsDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT 1 FROM documents WHERE id = $id", ("$id", documentId));
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> AddDocumentAsync(Document document, CancellationToken cancellationToken) =>
        (await AddDocumentsAsync([document], cancellationToken))[0];

    public async Task<IReadOnlyList<bool>> AddDocumentsAsync(IReadOnlyList<Document> documents, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // One transaction for the batch: the commit (index pages flushed, the log written) is most of a lone document's cost.
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            // Analysts rarely split an entity, so the split names are looked up per entity only when there are any. The
            // transaction holds the write lock from its start, so none can be added before it commits.
            var anySplit = await _prepared.Get("SELECT EXISTS (SELECT 1 FROM entity_name_overrides)", transaction).ExecuteScalarAsync(cancellationToken) is long and not 0;
            var added = new bool[documents.Count];
            var texts = new List<SearchText>();
            for (var i = 0; i < documents.Count; i++) added[i] = await StoreAsync(documents[i], transaction, anySplit, texts, cancellationToken);
            await IndexTextAsync(texts, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return added;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stores one document and links its entities inside the caller's transaction; false if it is already stored. Its
    /// search texts are added to <paramref name="texts"/>, for the caller to index.
    /// </summary>
    private async Task<bool> StoreAsync(Document document, SqliteTransaction transaction, bool anySplit, List<SearchText> texts, CancellationToken cancellationToken)
    {
        if (await _prepared.Get("SELECT 1 FROM documents WHERE id = $id", transaction, ("$id", document.Id)).ExecuteScalarAsync(cancellationToken) is not null)
        {
            return false;
        }

        var json = DossierJsonMapper.ToJson(document);
        var metadata = document.Metadata;
        await _prepared.Get(
                """
                INSERT INTO documents (id, source, url, title, published, site, language, text, annotations, added_at)
                VALUES ($id, $source, $url, $title, $published, $site, $language, $text, $annotations, $added)
                """,
                transaction,
                ("$id", document.Id), ("$source", metadata.Source), ("$url", metadata.Url), ("$title", metadata.Title),
                ("$published", json.Published), ("$site", metadata.Site), ("$language", metadata.Language), ("$text", document.Text),
                ("$annotations", JsonSerializer.Serialize(json, StoredJsonOptions)),
                ("$added", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)))
            .ExecuteNonQueryAsync(cancellationToken);

        await AddSearchEntriesAsync(json, transaction, texts, cancellationToken);
        var layer = document.GetOrDefault(Layers.Entities) ?? EntityLayer.Empty;
        var counts = EntityCounts.Of(document);
        foreach (var entity in layer.Entities)
        {
            var canonicalId = await UpsertEntityAsync(entity, transaction, anySplit, cancellationToken);
            var count = counts[entity.Id];
            await _prepared.Get(
                    "INSERT INTO document_entities (document_id, local_id, entity_id, mentions, quotes, claims) VALUES ($d, $l, $e, $m, $q, $c)",
                    transaction,
                    ("$d", document.Id), ("$l", entity.Id), ("$e", canonicalId), ("$m", count.Mentions), ("$q", count.Quotes), ("$c", count.Claims))
                .ExecuteNonQueryAsync(cancellationToken);
        }

        return true;
    }

    private async Task<long> UpsertEntityAsync(DocumentEntity entity, SqliteTransaction transaction, bool anySplit, CancellationToken cancellationToken)
    {
        var key = (anySplit ? await SplitKeyAsync(entity, transaction, cancellationToken) : null) ?? EntityKey.For(entity.Name, entity.Label);
        // Looked up first: most entities of a news stream are stored already, and then one statement finds them. The
        // transaction holds the write lock, so none can be added between the look-up and the insert.
        if (await _prepared.Get("SELECT id FROM entities WHERE key = $key", transaction, ("$key", key)).ExecuteScalarAsync(cancellationToken) is not long id)
        {
            id = (long)(await _prepared.Get(
                    "INSERT INTO entities (key, name, label) VALUES ($key, $name, $label) RETURNING id",
                    transaction, ("$key", key), ("$name", entity.Name), ("$label", entity.Label.ToString()))
                .ExecuteScalarAsync(cancellationToken))!;
            await LinkPersonNamesAsync(id, entity, transaction, cancellationToken);
        }

        foreach (var alias in entity.Aliases.Prepend(entity.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await _prepared.Get("INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES ($e, $a)", transaction, ("$e", id), ("$a", alias))
                .ExecuteNonQueryAsync(cancellationToken);
        }

        return id;
    }

    /// <summary>
    /// The store's side of <see cref="StoredRows.LinkPersonNamesAsync"/>: a redirect takes a short name's mentions and
    /// aliases to its person as they are stored (see the triggers of migration 0003).
    /// </summary>
    private Task LinkPersonNamesAsync(long id, DocumentEntity entity, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        StoredRows.LinkPersonNamesAsync(id, entity, new StoredRows.PersonNameRows(
            (key, except) => PeopleNamedAsync(key, except, transaction, cancellationToken),
            (key, person) => _prepared.Get(PersonNameWords.Insert, transaction, ("@key", key), ("@entity", person)).ExecuteNonQueryAsync(cancellationToken),
            (from, to) => _prepared.Get("INSERT INTO entity_redirects (from_id, to_id) VALUES ($from, $to)", transaction, ("$from", from), ("$to", to))
                .ExecuteNonQueryAsync(cancellationToken),
            async key =>
            {
                await using var reader = await _prepared.Get(PersonNameWords.UnmergedEntityQuery, transaction, ("@key", key)).ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
            },
            (entityId, name) => _prepared.Get(PersonNameWords.Rename, transaction, ("@name", name), ("@id", entityId))
                .ExecuteNonQueryAsync(cancellationToken)));

    private async Task<List<(long Id, string Name)>> PeopleNamedAsync(string key, long except, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var people = new List<(long, string)>();
        await using var reader = await _prepared.Get(PersonNameWords.PeopleQuery, transaction, ("@key", key), ("@except", except)).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) people.Add((reader.GetInt64(0), reader.GetString(1)));
        return people;
    }

    /// <summary>The key of the entity an analyst split this name into, if they did (see SqliteLinkStore).</summary>
    private async Task<string?> SplitKeyAsync(DocumentEntity entity, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        await _prepared.Get(
                "SELECT e.key FROM entity_name_overrides o JOIN entities e ON e.id = o.entity_id WHERE o.name_key = $name",
                transaction, ("$name", EntityKey.ForName(entity.Name, entity.Label)))
            .ExecuteScalarAsync(cancellationToken) as string;

    public async Task RecordFailureAsync(string source, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("INSERT INTO failures (source, reason, at) VALUES ($s, $r, $t)",
                ("$s", source), ("$r", reason), ("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyDictionary<int, long>> GetCanonicalIdsAsync(string documentId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await CanonicalIdsAsync(documentId, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<int, long>> CanonicalIdsAsync(string documentId, CancellationToken cancellationToken)
    {
        var map = new Dictionary<int, long>();
        await using var reader = await _prepared.Get("SELECT local_id, entity_id FROM document_entities WHERE document_id = $d", null, ("$d", documentId))
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) map[reader.GetInt32(0)] = reader.GetInt64(1);
        return map;
    }

    public async Task<IReadOnlyList<EntitySummary>> SummarizeEntitiesAsync(IReadOnlyCollection<string> documentIds, int limit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var totals = new Dictionary<long, (int Mentions, int Quotes, int Claims)>();
            foreach (var documentId in documentIds.Distinct())
            {
                await using var reader = await _prepared.Get("SELECT entity_id, mentions, quotes, claims FROM document_entities WHERE document_id = $d", null, ("$d", documentId))
                    .ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt64(0);
                    var (m, q, c) = totals.GetValueOrDefault(id);
                    totals[id] = (m + reader.GetInt32(1), q + reader.GetInt32(2), c + reader.GetInt32(3));
                }
            }

            var top = totals.OrderByDescending(pair => pair.Value.Mentions).ThenByDescending(pair => pair.Value.Claims).ThenBy(pair => pair.Key).Take(limit).ToList();
            var entities = await LoadEntitiesAsync(top.Select(pair => pair.Key), cancellationToken);
            return top.Select((pair, i) => new EntitySummary(entities[i], pair.Value.Mentions, pair.Value.Quotes, pair.Value.Claims)).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<CanonicalEntity>> GetEntitiesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        var ids = await EntityIdsAsync(documentIds, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await LoadEntitiesAsync(ids, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async IAsyncEnumerable<CanonicalEntity> ReadEntitiesAsync(
        IReadOnlyCollection<string> documentIds, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var page in (await EntityIdsAsync(documentIds, cancellationToken)).Chunk(StoredRows.EntityPage))
        {
            List<CanonicalEntity> entities;
            await _gate.WaitAsync(cancellationToken);
            try
            {
                entities = await LoadEntitiesAsync(page, cancellationToken);
            }
            finally
            {
                _gate.Release();
            }

            foreach (var entity in entities) yield return entity;
        }
    }

    private Task<long[]> EntityIdsAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken) =>
        StoredRows.EntityIdsAsync(documentIds, async chunk =>
        {
            var ids = new List<long>();
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await using var reader = await _prepared.Get(
                        "SELECT DISTINCT entity_id FROM document_entities WHERE document_id IN (SELECT value FROM json_each($documents))",
                        null, ("$documents", JsonSerializer.Serialize(chunk)))
                    .ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
            }
            finally
            {
                _gate.Release();
            }

            return ids;
        });

    public async Task<IReadOnlyList<CanonicalEntity>> FindEntitiesAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var ids = new List<long>();
            await using (var command = Command(
                             """
                             SELECT a.entity_id, MAX(a.alias = $name COLLATE NOCASE) AS exact, SUM(de.mentions) AS weight
                             FROM entity_aliases a LEFT JOIN document_entities de ON de.entity_id = a.entity_id
                             WHERE a.alias LIKE '%' || $name || '%' ESCAPE '\'
                             GROUP BY a.entity_id ORDER BY exact DESC, weight DESC, a.entity_id LIMIT 20
                             """,
                             ("$name", StoredRows.EscapeLike(name))))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
            }

            return await LoadEntitiesAsync(ids, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async IAsyncEnumerable<StoredDocument> ReadDocumentsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int pageSize = 256;
        long after = long.MinValue;
        while (true)
        {
            var page = new List<(long RowId, string Id, string Annotations)>(pageSize);
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await using var command = Command(
                    "SELECT rowid, id, annotations FROM documents WHERE rowid > $after ORDER BY rowid LIMIT $limit",
                    ("$after", after), ("$limit", pageSize));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) page.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
            finally
            {
                _gate.Release();
            }

            foreach (var (rowId, id, annotations) in page)
            {
                var json = StoredRows.Document(id, annotations);
                IReadOnlyDictionary<int, long> canonicalIds;
                await _gate.WaitAsync(cancellationToken);
                try
                {
                    canonicalIds = await CanonicalIdsAsync(id, cancellationToken);
                }
                finally
                {
                    _gate.Release();
                }

                after = rowId;
                yield return new StoredDocument(json, canonicalIds);
            }

            if (page.Count < pageSize) yield break;
        }
    }

    public async Task<IReadOnlyList<StoredDocument>> GetDocumentsMentioningAsync(long entityId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var rows = new List<(string Id, string Annotations)>();
            await using (var command = Command(
                             """
                             SELECT DISTINCT d.id, d.annotations FROM documents d JOIN document_entities de ON de.document_id = d.id
                             WHERE de.entity_id = $e ORDER BY d.published IS NULL, d.published, d.added_at, d.id
                             """, ("$e", entityId)))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetString(0), reader.GetString(1)));
            }

            var documents = new List<StoredDocument>(rows.Count);
            foreach (var (id, annotations) in rows)
            {
                var json = StoredRows.Document(id, annotations);
                documents.Add(new StoredDocument(json, await CanonicalIdsAsync(id, cancellationToken)));
            }

            return documents;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM entities), (SELECT COUNT(*) FROM failures)");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new StoreCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The entities in the order given, read by three statements for the whole set rather than three for each entity:
    /// screening a run reads every entity its articles named.
    /// </summary>
    private async Task<List<CanonicalEntity>> LoadEntitiesAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var order = ids.ToList();
        if (order.Count == 0) return [];
        var idList = ("$ids", (object?)JsonSerializer.Serialize(order));
        var rows = new Dictionary<long, (string Name, string Label)>(order.Count);
        await using (var reader = await _prepared.Get("SELECT id, name, label FROM entities WHERE id IN (SELECT value FROM json_each($ids))", null, idList)
                         .ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) rows[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2));
        }

        var aliases = await GroupedStringsAsync(
            "SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN (SELECT value FROM json_each($ids)) ORDER BY entity_id, alias", idList, cancellationToken);
        var documents = await GroupedStringsAsync(
            "SELECT DISTINCT entity_id, document_id FROM document_entities WHERE entity_id IN (SELECT value FROM json_each($ids)) ORDER BY entity_id, document_id",
            idList, cancellationToken);
        var entities = new List<CanonicalEntity>(order.Count);
        foreach (var id in order)
        {
            if (!rows.TryGetValue(id, out var row)) throw new InvalidDataException($"No entity {id}.");
            entities.Add(new CanonicalEntity(id, row.Name, Enum.Parse<EntityLabel>(row.Label), aliases.GetValueOrDefault(id) ?? [], documents.GetValueOrDefault(id) ?? []));
        }

        return entities;
    }

    /// <summary>The second column's values grouped by the first (an entity id), in the order the statement reads them.</summary>
    private async Task<Dictionary<long, List<string>>> GroupedStringsAsync(string sql, (string, object?) parameter, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<long, List<string>>();
        await using var reader = await _prepared.Get(sql, null, parameter).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (!groups.TryGetValue(id, out var values)) groups[id] = values = [];
            values.Add(reader.GetString(1));
        }

        return groups;
    }

    private async Task<CanonicalEntity> LoadEntityAsync(long id, CancellationToken cancellationToken) =>
        (await LoadEntitiesAsync([id], cancellationToken))[0];

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _prepared.DisposeAsync();
        await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
