using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Analysis;
using Dossier.Linking;
using Dossier.Reports;
using Dossier.Serialization;
using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Sqlite;

// Reads for the web and the search index (migration 0004).
public sealed partial class SqliteDossierStore
{
    /// <summary>One search entry's text, to be indexed once the batch's other rows are written (see <see cref="IndexTextAsync"/>).</summary>
    private readonly record struct SearchText(long Id, string? Title, string Body);

    /// <summary>
    /// Adds a document's search entries (its text, quotes and claims) inside the transaction that stores it; their text
    /// goes to <paramref name="texts"/>, for <see cref="IndexTextAsync"/> to index after the batch's other rows.
    /// </summary>
    private async Task AddSearchEntriesAsync(DocumentJson document, SqliteTransaction transaction, List<SearchText> texts, CancellationToken cancellationToken)
    {
        var outlet = ReportBuilder.OutletOf(document);
        await AddEntryAsync("article", null, 0, document.Text.Length, null, null, document.Title, document.Text);
        for (var i = 0; i < document.Quotes.Count; i++)
        {
            var quote = document.Quotes[i];
            await AddEntryAsync("quote", i, quote.Start, quote.End, null, null, null, quote.Text);
        }

        for (var i = 0; i < document.Claims.Count; i++)
        {
            var claim = document.Claims[i];
            await AddEntryAsync("claim", i, claim.Start, claim.End, claim.Category, claim.Status, null, claim.Text);
        }

        async Task AddEntryAsync(string kind, int? item, int start, int end, string? category, string? status, string? title, string body)
        {
            var id = (long)(await _prepared.Get(
                    """
                    INSERT INTO search_entries (kind, document_id, item, start, "end", category, status, published, outlet)
                    VALUES ($kind, $document, $item, $start, $end, $category, $status, $published, $outlet) RETURNING id
                    """,
                    transaction,
                    ("$kind", kind), ("$document", document.Id), ("$item", item), ("$start", start), ("$end", end), ("$category", category),
                    ("$status", status), ("$published", document.Published), ("$outlet", outlet))
                .ExecuteScalarAsync(cancellationToken))!;
            texts.Add(new SearchText(id, title, body));
        }
    }

    /// <summary>
    /// Indexes the batch's search texts, after every other row of the batch: FTS5 keeps new terms in memory until the
    /// transaction ends, but writes them out as a new index segment before any statement that may need rolling back
    /// (an insert into a table with constraints), so interleaving the two wrote one small segment per entry and merged
    /// them again and again, which was most of the cost of storing a document.
    /// </summary>
    private async Task IndexTextAsync(IReadOnlyList<SearchText> texts, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var text in texts)
        {
            // The snippet markers must not occur in the indexed text, or hostile text could fake a match.
            await _prepared.Get("INSERT INTO search_text (rowid, title, body) VALUES ($id, $title, $body)",
                    transaction, ("$id", text.Id), ("$title", text.Title), ("$body", StoredRows.Searchable(text.Body)))
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            string annotations;
            await using (var command = Command("SELECT annotations FROM documents WHERE id = $id", ("$id", documentId)))
            {
                if (await command.ExecuteScalarAsync(cancellationToken) is not string json) return null;
                annotations = json;
            }

            return new StoredDocument(StoredRows.Document(documentId, annotations), await CanonicalIdsAsync(documentId, cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<CanonicalEntity?> GetEntityAsync(long entityId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT 1 FROM entities WHERE id = $id", ("$id", entityId));
            return await command.ExecuteScalarAsync(cancellationToken) is null ? null : await LoadEntityAsync(entityId, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<EntitySummary>> ListEntitiesAsync(string? name, int limit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var rows = new List<(long Id, int Mentions, int Quotes, int Claims)>();
            await using (var command = Command(
                             """
                             SELECT entity_id, SUM(mentions), SUM(quotes), SUM(claims) FROM document_entities
                             WHERE $name IS NULL OR entity_id IN (SELECT entity_id FROM entity_aliases WHERE alias LIKE '%' || $name || '%' ESCAPE '\')
                             GROUP BY entity_id ORDER BY 2 DESC, 4 DESC, entity_id LIMIT $limit
                             """,
                             ("$name", string.IsNullOrWhiteSpace(name) ? null : StoredRows.EscapeLike(name.Trim())), ("$limit", Math.Clamp(limit, 1, 1000))))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
            }

            var entities = await LoadEntitiesAsync(rows.Select(row => row.Id), cancellationToken);
            return rows.Select((row, i) => new EntitySummary(entities[i], row.Mentions, row.Quotes, row.Claims)).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var match = string.IsNullOrWhiteSpace(query.Text) ? null : ToFtsQuery(query.Text);
        if (!string.IsNullOrWhiteSpace(query.Text) && match is null) return new SearchResults([], false);
        var limit = Math.Clamp(query.Limit, 1, SearchQuery.MaxLimit);

        var parameters = new List<(string, object?)> { ("$match", match), ("$limit", limit + 1), ("$offset", Math.Max(0, query.Offset)) };
        var where = SearchRows.Filters(query, parameters, namePrefix: "@",
            publishedUpTo: "substr(e.published, 1, length(@to)) <= @to", outletIs: "e.outlet = @source COLLATE NOCASE");
        var filtered = where.Length > 0;

        // The best rows are found first on rank alone; titles and snippets are made only for the rows shown.
        var sql = match is not null
            ? $"""
               WITH top AS MATERIALIZED (
                   SELECT search_text.rowid AS id, search_text.rank AS score
                   FROM search_text {(filtered ? "JOIN search_entries e ON e.id = search_text.rowid" : "")}
                   WHERE search_text MATCH $match{where}
                   ORDER BY search_text.rank LIMIT $limit OFFSET $offset)
               SELECT {SearchRows.Columns(
                   "(SELECT snippet(search_text, 1, char(2), char(3), '…', 24) FROM search_text WHERE search_text MATCH $match AND rowid = top.id)",
                   "-top.score")}
               FROM top JOIN search_entries e ON e.id = top.id JOIN documents d ON d.id = e.document_id
               ORDER BY top.score, top.id
               """
            : $"""
               SELECT {SearchRows.Columns("substr((SELECT body FROM search_text WHERE rowid = e.id), 1, 240)", "0.0")}
               FROM search_entries e JOIN documents d ON d.id = e.document_id
               WHERE 1 = 1{where}
               ORDER BY e.published IS NULL, e.published DESC, e.id LIMIT $limit OFFSET $offset
               """;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(sql, [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await SearchRows.ReadAsync(reader, limit, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The words of a user's query as an FTS5 query that cannot be malformed: each run of letters or digits becomes a quoted
    /// term (a trailing '*' makes it a prefix), all terms required. Null when the text has no words.
    /// </summary>
    public static string? ToFtsQuery(string text)
    {
        var terms = StoredRows.QueryTerms(text);
        return terms.Count == 0 ? null : string.Join(' ', terms.Select(t => "\"" + t.Term + "\"" + (t.Prefix ? "*" : "")));
    }

}
