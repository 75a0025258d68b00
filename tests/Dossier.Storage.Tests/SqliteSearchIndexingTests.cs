using Dossier.Analysis;
using Dossier.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Tests;

/// <summary>How a batch of documents reaches the SQLite search index.</summary>
public sealed class SqliteSearchIndexingTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dossier-indexing-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_batch_is_indexed_as_one_segment_and_every_entry_is_found()
    {
        var path = Path.Combine(_folder.FullName, "batch.db");
        await using (var store = await SqliteDossierStore.OpenAsync(path, CancellationToken.None))
        {
            Assert.All(await store.AddDocumentsAsync(SampleDocuments.All, CancellationToken.None), Assert.True);
            var claim = (await store.SearchAsync(new SearchQuery("Alibaba", Kind: "claim"), CancellationToken.None)).Hits;
            Assert.NotEmpty(claim);
        }

        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var command = check.CreateCommand();
        // Each segment is written and later merged again: one per batch is what the index has to write, one per entry
        // (when the index wrote its pending terms out before each insert into another table) was many times that.
        command.CommandText = "SELECT COUNT(DISTINCT segid) FROM search_text_idx";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        command.CommandText = "SELECT (SELECT COUNT(*) FROM search_entries) = (SELECT COUNT(*) FROM search_text_docsize)";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
