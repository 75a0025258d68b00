using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Storage.Sqlite;

namespace Dossier.Storage.Tests;

/// <summary>How the worker and the web ingest API store documents handed in from many threads: in batches, each once, a bad one alone failing.</summary>
public sealed class DocumentBatcherTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dossier-batcher-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static Document Article(int i) => Document.Create(
        $"doc-{i:D3}", $"Acme Corp said on Monday that revenue rose {i} percent.", new DocumentMetadata { Source = $"article-{i:D3}.txt" });

    [Fact]
    public async Task Documents_handed_in_at_once_are_committed_in_batches_no_larger_than_asked_each_once()
    {
        await using var sqlite = await SqliteDossierStore.OpenAsync(Path.Combine(_folder.FullName, "dossier.db"), None);
        var store = AnalysisRunnerBatchTests.ObservedStore.Wrap(sqlite, failingSource: null);
        var batcher = new DocumentBatcher(store, batchSize: 8, batchDelay: TimeSpan.FromMinutes(1), None);

        var stored = await Task.WhenAll(Enumerable.Range(0, 48).Select(i => Task.Run(() => batcher.StoreAsync(Article(i)))));
        var again = batcher.StoreAsync(Article(3));
        await batcher.FlushAsync();

        Assert.All(stored, Assert.True);
        Assert.False(await again);
        var batches = ((AnalysisRunnerBatchTests.ObservedStore)(object)store).Batches;
        Assert.Equal(new[] { 8, 8, 8, 8, 8, 8, 1 }, batches);
        Assert.Equal(48, (await sqlite.CountAsync(None)).Documents);
    }

    [Fact]
    public async Task A_lone_document_is_committed_once_the_batch_delay_has_passed_without_a_flush()
    {
        await using var sqlite = await SqliteDossierStore.OpenAsync(Path.Combine(_folder.FullName, "dossier.db"), None);
        var batcher = new DocumentBatcher(sqlite, batchSize: 32, batchDelay: TimeSpan.FromMilliseconds(50), None);

        var stored = batcher.StoreAsync(Article(1));

        Assert.True(await stored.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, (await sqlite.CountAsync(None)).Documents);
    }

    [Fact]
    public async Task A_document_that_cannot_be_stored_fails_alone_and_the_rest_of_its_batch_is_committed()
    {
        await using var sqlite = await SqliteDossierStore.OpenAsync(Path.Combine(_folder.FullName, "dossier.db"), None);
        var store = AnalysisRunnerBatchTests.ObservedStore.Wrap(sqlite, failingSource: "article-002.txt");
        var batcher = new DocumentBatcher(store, batchSize: 4, batchDelay: TimeSpan.FromMinutes(1), None);

        var tasks = Enumerable.Range(0, 4).Select(i => batcher.StoreAsync(Article(i))).ToList();
        await batcher.FlushAsync();

        var error = await Assert.ThrowsAsync<IOException>(() => tasks[2]);
        Assert.Contains("disk refused", error.Message, StringComparison.Ordinal);
        Assert.All(tasks.Where((_, i) => i != 2), task => Assert.True(task.Result));
        Assert.Equal(3, (await sqlite.CountAsync(None)).Documents);
    }
}
