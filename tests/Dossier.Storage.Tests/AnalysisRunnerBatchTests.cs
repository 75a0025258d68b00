using System.Reflection;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Pipeline;
using Dossier.Storage.Sqlite;

namespace Dossier.Storage.Tests;

/// <summary>How `dossier analyze` stores what it analyses: in bounded batches, every document once, a bad one alone failing.</summary>
public sealed class AnalysisRunnerBatchTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly AnalysisPipeline Pipeline = DossierPipeline.CreateDefault();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dossier-runner-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Corpus(int articles)
    {
        var corpus = Directory.CreateDirectory(Path.Combine(_folder.FullName, "corpus"));
        for (var i = 0; i < articles; i++)
        {
            File.WriteAllText(Path.Combine(corpus.FullName, $"article-{i:D2}.txt"),
                $"Acme Corp reports results {i}\n\nAcme Corp said on Monday that revenue rose {i} percent, according to Jane Smith, its chief executive.");
        }

        return corpus.FullName;
    }

    [Fact]
    public async Task Documents_are_stored_in_batches_no_larger_than_asked_and_each_once()
    {
        var corpus = Corpus(7);
        await using var sqlite = await SqliteDossierStore.OpenAsync(Path.Combine(_folder.FullName, "dossier.db"), None);
        var store = ObservedStore.Wrap(sqlite, failingSource: null);
        var observer = new Recorder();
        var options = new RunOptions { BatchSize = 3, BatchDelay = TimeSpan.FromMinutes(1), Parallelism = 2 };

        var first = await new AnalysisRunner(Pipeline, store, new InputReader()).RunAsync([corpus], () => Stream.Null, options, observer, None);

        Assert.Equal((7, 7, 0, 0), (first.Processed, first.Added, first.Skipped, first.Failed));
        Assert.Equal(7, first.DocumentIds.Distinct().Count());
        Assert.Equal(7, observer.Analyzed.Count(pair => pair.Added));
        var batches = ((ObservedStore)(object)store).Batches;
        Assert.Equal(new[] { 3, 3, 1 }, batches);
        Assert.Equal(7, (await sqlite.CountAsync(None)).Documents);

        var again = await new AnalysisRunner(Pipeline, store, new InputReader()).RunAsync(
            [corpus], () => Stream.Null, options with { ReanalyzeStored = true }, new Recorder(), None);
        Assert.Equal((7, 0, 7, 0), (again.Processed, again.Added, again.Skipped, again.Failed));
        Assert.Equal(7, (await sqlite.CountAsync(None)).Documents);
    }

    [Fact]
    public async Task A_document_that_cannot_be_stored_fails_by_name_and_the_rest_of_its_batch_is_stored()
    {
        var corpus = Corpus(5);
        await using var sqlite = await SqliteDossierStore.OpenAsync(Path.Combine(_folder.FullName, "dossier.db"), None);
        var store = ObservedStore.Wrap(sqlite, failingSource: "article-02.txt");
        var observer = new Recorder();

        var summary = await new AnalysisRunner(Pipeline, store, new InputReader()).RunAsync([corpus], () => Stream.Null, new RunOptions(), observer, None);

        Assert.Equal((4, 4, 1), (summary.Processed, summary.Added, summary.Failed));
        var failure = Assert.Single(observer.Failures);
        Assert.EndsWith("article-02.txt", failure.Source, StringComparison.Ordinal);
        Assert.Contains("disk refused", failure.Reason, StringComparison.Ordinal);
        var counts = await sqlite.CountAsync(None);
        Assert.Equal((4, 1), (counts.Documents, counts.Failures));
    }

    [Fact]
    public async Task With_no_batch_delay_each_document_is_stored_as_soon_as_it_is_analysed()
    {
        var corpus = Corpus(2);
        await using var sqlite = await SqliteDossierStore.OpenAsync(Path.Combine(_folder.FullName, "dossier.db"), None);
        var store = ObservedStore.Wrap(sqlite, failingSource: null);
        var options = new RunOptions { BatchSize = 32, BatchDelay = TimeSpan.Zero, Parallelism = 1 };

        await new AnalysisRunner(Pipeline, store, new InputReader()).RunAsync([corpus], () => Stream.Null, options, new Recorder(), None);

        Assert.Equal(new[] { 1, 1 }, ((ObservedStore)(object)store).Batches);
    }

    private sealed class Recorder : IRunObserver
    {
        public List<(string Id, bool Added)> Analyzed { get; } = [];
        public List<InputFailure> Failures { get; } = [];

        public void DocumentAnalyzed(Document document, bool added) => Analyzed.Add((document.Id, added));
        public void InputFailed(InputFailure failure) => Failures.Add(failure);
    }

    /// <summary>A store that passes every call on, records the size of each batch, and refuses to store one source's document.</summary>
    public class ObservedStore : DispatchProxy
    {
        private IDossierStore _inner = null!;
        private string? _failingSource;

        public List<int> Batches { get; } = [];

        public static IDossierStore Wrap(IDossierStore inner, string? failingSource)
        {
            var store = Create<IDossierStore, ObservedStore>();
            var observed = (ObservedStore)(object)store;
            observed._inner = inner;
            observed._failingSource = failingSource;
            return store;
        }

        private bool Refuses(Document document) =>
            _failingSource is not null && document.Metadata.Source?.EndsWith(_failingSource, StringComparison.Ordinal) == true;

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            switch (method!.Name, args is { Length: > 0 } ? args[0] : null)
            {
                case ("AddDocumentsAsync", IReadOnlyList<Document> documents):
                    Batches.Add(documents.Count);
                    if (documents.Any(Refuses)) return Task.FromException<IReadOnlyList<bool>>(new IOException("disk refused the document"));
                    break;
                case ("AddDocumentAsync", Document document) when Refuses(document):
                    return Task.FromException<bool>(new IOException("disk refused the document"));
            }

            return method.Invoke(_inner, args);
        }
    }
}
