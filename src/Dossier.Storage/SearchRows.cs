using System.Data.Common;
using Dossier.Analysis;

namespace Dossier.Storage;

/// <summary>What the SQLite and PostgreSQL searches share: the filters over <c>search_entries e</c>, and reading the hits.</summary>
internal static class SearchRows
{
    /// <summary>The columns every search selects, in the order <see cref="ReadAsync"/> reads them; the snippet and score differ by backend.</summary>
    public static string Columns(string snippet, string score) =>
        $"e.kind, e.document_id, e.item, e.start, e.\"end\", d.title, {snippet}, {score}, e.category, e.status, e.published, e.outlet";

    /// <summary>
    /// The conditions for the filters asked for (only those, so that an unfiltered search is a plain ranking), each
    /// starting with " AND ", with their values added to <paramref name="parameters"/> as <c>@name</c>.
    /// </summary>
    /// <param name="namePrefix">What the backend's driver wants before a parameter's name ("@" or nothing).</param>
    /// <param name="publishedUpTo">The condition that e.published starts with a date on or before @to.</param>
    /// <param name="outletIs">The condition that e.outlet equals @source, ignoring case.</param>
    public static string Filters(SearchQuery query, List<(string, object?)> parameters, string namePrefix, string publishedUpTo, string outletIs)
    {
        var conditions = new List<string>();
        void Filter(string condition, string name, object? value)
        {
            if (value is null || value is string { Length: 0 }) return;
            conditions.Add(condition);
            parameters.Add((namePrefix + name, value));
        }

        Filter("e.kind = @kind", "kind", Blank(query.Kind));
        Filter("e.document_id IN (SELECT document_id FROM document_entities WHERE entity_id = @entity)", "entity", query.EntityId);
        Filter("e.category = @category", "category", Blank(query.Category));
        Filter("e.status = @status", "status", Blank(query.Status));
        Filter("e.published >= @from", "from", Blank(query.From));
        Filter(publishedUpTo, "to", Blank(query.To));
        Filter(outletIs, "source", Blank(query.Source));
        return string.Concat(conditions.Select(condition => " AND " + condition));
    }

    /// <summary>Reads the hits of a query that asked for one row more than <paramref name="limit"/>, which tells whether there are more.</summary>
    public static async Task<SearchResults> ReadAsync(DbDataReader reader, int limit, CancellationToken cancellationToken)
    {
        var hits = await StoredRows.ReadAllAsync(reader, row =>
        {
            string? Text(int i) => StoredRows.TextOrNull(row, i);
            var (snippet, highlights) = StoredRows.ParseSnippet(Text(6) ?? "");
            return new SearchHit(
                row.GetString(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetInt32(2), row.GetInt32(3), row.GetInt32(4),
                Text(5), snippet, highlights, row.GetDouble(7), Text(8), Text(9), Text(10), row.GetString(11));
        }, cancellationToken);

        var hasMore = hits.Count > limit;
        return new SearchResults(hasMore ? hits[..limit] : hits, hasMore);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
