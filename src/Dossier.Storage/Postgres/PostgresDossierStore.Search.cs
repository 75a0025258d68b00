using Dossier.Analysis;
using Dossier.Reports;
using Dossier.Serialization;
using Npgsql;

namespace Dossier.Storage.Postgres;

// The search index: PostgreSQL full-text search over the same entries as SQLite's FTS5 table, with the same filters,
// result shape and highlighting.
public sealed partial class PostgresDossierStore
{
    // ts_rank_cd's weights for D, C, B, A: titles (A) count four times the body (D), as in the SQLite store's BM25.
    private const string RankWeights = "'{0.25, 0.25, 0.25, 1.0}'";

    // Normalisation 2 divides the rank by the entry's length: like BM25's length normalisation, a short claim or quote
    // that has the words ranks above a long article that mentions them in passing.
    private const int RankNormalization = 2;

    private static readonly string HeadlineOptions =
        $"StartSel={StoredRows.MatchStart}, StopSel={StoredRows.MatchEnd}, MaxWords=24, MinWords=12, ShortWord=0";

    /// <summary>Indexes a document's text, quotes and claims for search, inside the transaction that stores it.</summary>
    private static async Task IndexAsync(NpgsqlConnection connection, DocumentJson document, CancellationToken cancellationToken)
    {
        var outlet = ReportBuilder.OutletOf(document);
        await using var batch = new NpgsqlBatch(connection);
        Add("article", null, 0, document.Text.Length, null, null, document.Title, document.Text);
        for (var i = 0; i < document.Quotes.Count; i++)
        {
            var quote = document.Quotes[i];
            Add("quote", i, quote.Start, quote.End, null, null, null, quote.Text);
        }

        for (var i = 0; i < document.Claims.Count; i++)
        {
            var claim = document.Claims[i];
            Add("claim", i, claim.Start, claim.End, claim.Category, claim.Status, null, claim.Text);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);

        void Add(string kind, int? item, int start, int end, string? category, string? status, string? title, string body) =>
            batch.BatchCommands.Add(BatchCommand(
                """
                INSERT INTO search_entries (kind, document_id, item, start, "end", category, status, published, outlet, title, body)
                VALUES (@kind, @document, @item, @start, @end, @category, @status, @published, @outlet, @title, @body)
                """,
                ("kind", kind), ("document", document.Id), ("item", item), ("start", start), ("end", end), ("category", category),
                ("status", status), ("published", document.Published), ("outlet", outlet),
                ("title", title is null ? null : StoredRows.Searchable(title)), ("body", StoredRows.Searchable(body))));
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var terms = string.IsNullOrWhiteSpace(query.Text) ? [] : StoredRows.QueryTerms(query.Text);
        if (!string.IsNullOrWhiteSpace(query.Text) && terms.Count == 0) return new SearchResults([], false);
        var limit = Math.Clamp(query.Limit, 1, SearchQuery.MaxLimit);

        // Only the filters asked for go into the SQL, so that an unfiltered search is a plain ranking of the index.
        var filters = new List<string>();
        var parameters = new List<(string, object?)> { ("limit", limit + 1), ("offset", Math.Max(0, query.Offset)) };
        void Filter(string condition, string name, object? value)
        {
            if (value is null || value is string { Length: 0 }) return;
            filters.Add(condition);
            parameters.Add((name, value));
        }

        Filter("e.kind = @kind", "kind", Blank(query.Kind));
        Filter("e.document_id IN (SELECT document_id FROM document_entities WHERE entity_id = @entity)", "entity", query.EntityId);
        Filter("e.category = @category", "category", Blank(query.Category));
        Filter("e.status = @status", "status", Blank(query.Status));
        Filter("e.published >= @from", "from", Blank(query.From));
        Filter("left(e.published, length(@to)) <= @to", "to", Blank(query.To));
        Filter("lower(e.outlet) = lower(@source)", "source", Blank(query.Source));
        var where = filters.Count == 0 ? "" : " AND " + string.Join(" AND ", filters);

        string sql;
        if (terms.Count > 0)
        {
            // Whole words go through websearch_to_tsquery, which cannot fail on user text, each quoted so that a word like
            // "or" is a word, as in the SQLite store; prefixes need to_tsquery's ':*', and only letters and digits reach it.
            var words = string.Join(' ', terms.Where(t => !t.Prefix).Select(t => "\"" + t.Term + "\""));
            var prefixes = string.Join(" & ", terms.Where(t => t.Prefix).Select(t => t.Term + ":*"));
            var tsquery = (words.Length > 0, prefixes.Length > 0) switch
            {
                (true, true) => "websearch_to_tsquery('simple', @words) && to_tsquery('simple', @prefixes)",
                (true, false) => "websearch_to_tsquery('simple', @words)",
                _ => "to_tsquery('simple', @prefixes)",
            };
            parameters.Add(("words", words));
            parameters.Add(("prefixes", prefixes));
            parameters.Add(("headline", HeadlineOptions));

            // The best rows are found first on rank alone; titles and snippets are made only for the rows shown.
            sql = $"""
                   WITH q AS (SELECT {tsquery} AS query),
                   top AS MATERIALIZED (
                       SELECT e.id, ts_rank_cd({RankWeights}, e.search, q.query, {RankNormalization}) AS score
                       FROM search_entries e, q WHERE e.search @@ q.query{where}
                       ORDER BY score DESC, e.id LIMIT @limit OFFSET @offset)
                   SELECT e.kind, e.document_id, e.item, e.start, e."end", d.title,
                          ts_headline('simple', e.body, q.query, @headline), top.score::float8,
                          e.category, e.status, e.published, e.outlet
                   FROM top JOIN search_entries e ON e.id = top.id JOIN documents d ON d.id = e.document_id, q
                   ORDER BY top.score DESC, top.id
                   """;
        }
        else
        {
            sql = $"""
                   SELECT e.kind, e.document_id, e.item, e.start, e."end", d.title, left(e.body, 240), 0.0::float8,
                          e.category, e.status, e.published, e.outlet
                   FROM search_entries e JOIN documents d ON d.id = e.document_id
                   WHERE TRUE{where}
                   ORDER BY e.published IS NULL, e.published DESC, e.id LIMIT @limit OFFSET @offset
                   """;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, [.. parameters]);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var (snippet, highlights) = StoredRows.ParseSnippet(Text(6) ?? "");
            hits.Add(new SearchHit(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                Text(5), snippet, highlights, reader.GetDouble(7), Text(8), Text(9), Text(10), reader.GetString(11)));
        }

        var hasMore = hits.Count > limit;
        return new SearchResults(hasMore ? hits[..limit] : hits, hasMore);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
