using Dossier.Analysis;
using Dossier.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Tests;

/// <summary>A database indexed for search by an earlier version is still searched the same once its index reads the stored text.</summary>
public sealed class SqliteSearchMigrationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dossier-migration-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task An_index_built_by_migration_4_is_rebuilt_over_the_stored_text_and_finds_articles_and_quotes()
    {
        var path = await OneArticleDatabaseAsync("old.db", version: 5);

        await using var store = await SqliteDossierStore.OpenAsync(path, CancellationToken.None);
        var article = Assert.Single((await store.SearchAsync(new SearchQuery("harbour"), CancellationToken.None)).Hits);
        Assert.Equal(("article", "doc-1", "Harbour deal"), (article.Kind, article.DocumentId, article.Title));
        Assert.Contains("harbour", article.Snippet, StringComparison.Ordinal);
        Assert.NotEmpty(article.Highlights);
        var quote = Assert.Single((await store.SearchAsync(new SearchQuery("zeppelin"), CancellationToken.None)).Hits);
        Assert.Equal(("quote", 0), (quote.Kind, quote.Item));
        Assert.Contains("zeppelin", quote.Snippet, StringComparison.Ordinal);

        // The index keeps no copy of the text it indexes.
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var command = check.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'search_text_content'";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_index_rebuilt_without_prefix_indexes_gets_them_back_and_still_finds_words_by_prefix()
    {
        var path = await OneArticleDatabaseAsync("unprefixed.db", version: 7);

        await using var store = await SqliteDossierStore.OpenAsync(path, CancellationToken.None);
        foreach (var (query, kind) in new[] { ("ha*", "article"), ("harb*", "article"), ("ze*", "quote"), ("zep*", "quote"), ("zeppelin", "quote") })
        {
            var hit = Assert.Single((await store.SearchAsync(new SearchQuery(query), CancellationToken.None)).Hits);
            Assert.Equal((kind, "doc-1"), (hit.Kind, hit.DocumentId));
            Assert.NotEmpty(hit.Highlights);
        }

        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var command = check.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'search_text'";
        Assert.Contains("prefix = '2 3'", (string)(await command.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefix_queries_find_the_same_hits_in_the_same_order_with_the_prefix_indexes_as_without()
    {
        var path = Path.Combine(_folder.FullName, "samples.db");
        await using (var store = await SqliteDossierStore.OpenAsync(path, CancellationToken.None)) await SampleDocuments.AddAllAsync(store);
        var words = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT text FROM documents";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) words.UnionWith(reader.GetString(0).Split(' ').Where(w => w.Length >= 4 && w.All(char.IsLetter)).Select(w => w.ToLowerInvariant()));
        }

        // Two- and three-letter prefixes of the samples' words, alone, beside a word, and with a filter; paged past the first results.
        var prefixes = words.SelectMany(w => new[] { w[..2], w[..3] }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var queries = prefixes.Select(p => new SearchQuery(p + "*", Limit: 50))
            .Concat(prefixes.Where((_, i) => i % 4 == 0).Select(p => new SearchQuery("Alibaba " + p + "*")))
            .Concat(prefixes.Where((_, i) => i % 4 == 1).Select(p => new SearchQuery(p + "*", Kind: "claim")))
            .Concat(prefixes.Where((_, i) => i % 4 == 2).Select(p => new SearchQuery(p + "*", Limit: 5, Offset: 5)))
            .ToList();
        Assert.True(queries.Count > 200);

        var withIndexes = await SearchAllAsync(path, queries);
        Assert.True(withIndexes.Count(hits => hits.Length > 0) > queries.Count / 2);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await ApplyAsync(connection, 7, 7);
        }

        Assert.Equal(withIndexes, await SearchAllAsync(path, queries));
    }

    [Fact]
    public async Task A_one_letter_prefix_is_searched_as_a_word()
    {
        var path = await OneArticleDatabaseAsync("letters.db", version: 7);
        await using var store = await SqliteDossierStore.OpenAsync(path, CancellationToken.None);
        Assert.Empty((await store.SearchAsync(new SearchQuery("h*"), CancellationToken.None)).Hits);
        Assert.Single((await store.SearchAsync(new SearchQuery("ha*"), CancellationToken.None)).Hits);
        Assert.Equal(SqliteDossierStore.ToFtsQuery("w"), SqliteDossierStore.ToFtsQuery("w*"));
        Assert.Equal("\"wo\"*", SqliteDossierStore.ToFtsQuery("wo*"));
    }

    /// <summary>Each query's hits as text (kind, document, item, score, snippet and highlights), through a store opened afresh.</summary>
    private static async Task<List<string[]>> SearchAllAsync(string path, List<SearchQuery> queries)
    {
        await using var store = await SqliteDossierStore.OpenAsync(path, CancellationToken.None);
        var results = new List<string[]>();
        foreach (var query in queries)
        {
            var hits = (await store.SearchAsync(query, CancellationToken.None)).Hits;
            results.Add([.. hits.Select(h => $"{query.Text} {h.Kind} {h.DocumentId} {h.Item} {h.Score:R} {h.Snippet} {string.Join(",", h.Highlights)}")]);
        }

        return results;
    }

    /// <summary>A database migrated up to <paramref name="version"/> that holds one article (and one quote) stored at version 3.</summary>
    private async Task<string> OneArticleDatabaseAsync(string name, int version)
    {
        var path = Path.Combine(_folder.FullName, name);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await ApplyAsync(connection, 1, 3);
        await ExecuteAsync(connection,
            """
            INSERT INTO documents (id, source, url, title, published, site, language, text, annotations, added_at)
            VALUES ('doc-1', 'wire', NULL, 'Harbour deal', '2024-05-01', 'example.org', 'en',
                    'The port authority signed the harbour deal on Monday.',
                    '{"quotes":[{"start":0,"end":10,"text":"We welcome the zeppelin contract"}],"claims":[]}',
                    '2024-05-01T00:00:00Z')
            """);
        await ApplyAsync(connection, 4, version);
        await ExecuteAsync(connection, $"PRAGMA user_version = {version}");
        return path;
    }

    private static async Task ApplyAsync(SqliteConnection connection, int from, int to)
    {
        foreach (var script in SqliteMigrations.All.Where(migration => migration.Version >= from && migration.Version <= to))
        {
            await ExecuteAsync(connection, await script.ReadAsync(CancellationToken.None));
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
