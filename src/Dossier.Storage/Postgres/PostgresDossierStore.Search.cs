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

        var parameters = new List<(string, object?)> { ("limit", limit + 1), ("offset", Math.Max(0, query.Offset)) };
        var where = SearchRows.Filters(query, parameters, namePrefix: "",
            publishedUpTo: "left(e.published, length(@to)) <= @to", outletIs: "lower(e.outlet) = lower(@source)");

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
                   SELECT {SearchRows.Columns("ts_headline('simple', e.body, q.query, @headline)", "top.score::float8")}
                   FROM top JOIN search_entries e ON e.id = top.id JOIN documents d ON d.id = e.document_id, q
                   ORDER BY top.score DESC, top.id
                   """;
        }
        else
        {
            sql = $"""
                   SELECT {SearchRows.Columns("left(e.body, 240)", "0.0::float8")}
                   FROM search_entries e JOIN documents d ON d.id = e.document_id
                   WHERE TRUE{where}
                   ORDER BY e.published IS NULL, e.published DESC, e.id LIMIT @limit OFFSET @offset
                   """;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await SearchRows.ReadAsync(reader, limit, cancellationToken);
    }
}
