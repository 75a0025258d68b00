using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Pipeline;

namespace Dossier.Analysis;

public sealed record RunOptions
{
    /// <summary>Analyse inputs that are already stored too, so that their documents can be reported (they are not stored again).</summary>
    public bool ReanalyzeStored { get; init; }

    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>At most this many analysed documents wait to be stored together in one transaction.</summary>
    public int BatchSize { get; init; } = DocumentBatcher.DefaultBatchSize;

    /// <summary>An analysed document waits at most about this long to be stored, however few have gathered.</summary>
    public TimeSpan BatchDelay { get; init; } = DocumentBatcher.DefaultBatchDelay;
}

public sealed record RunSummary(int Processed, int Added, int Skipped, int Failed, IReadOnlyList<string> DocumentIds);

/// <summary>What the runner reports as it goes, so that a front end can print or show progress.</summary>
public interface IRunObserver
{
    void InputFailed(InputFailure failure) { }
    void InputWarning(string source, string warning) { }
    void DocumentAnalyzed(Document document, bool added) { }

    /// <summary>
    /// Awaited after <see cref="DocumentAnalyzed"/>, before the next document is reported: the document is stored by then,
    /// so that an observer can write it out here with its canonical ids instead of keeping it to the end of the run.
    /// </summary>
    ValueTask DocumentStoredAsync(Document document, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    void DocumentSkipped(string source, string documentId) { }
}

/// <summary>
/// Reads inputs, analyses them in parallel (in input order, with a bounded number in flight), and stores the documents
/// in small batches (one transaction each, written once <see cref="RunOptions.BatchSize"/> have gathered or the oldest has
/// waited <see cref="RunOptions.BatchDelay"/>), so that a stopped run keeps all but its last unwritten batch, and a
/// restart analyses and stores those again exactly once (documents are keyed by content hash).
/// </summary>
public sealed class AnalysisRunner(AnalysisPipeline pipeline, IDossierStore store, InputReader reader)
{
    public Task<RunSummary> RunAsync(
        IReadOnlyList<string> paths,
        Func<Stream> openStandardInput,
        RunOptions options,
        IRunObserver observer,
        CancellationToken cancellationToken) =>
        RunAsync(reader.ReadAsync(paths, openStandardInput, cancellationToken), options, observer, cancellationToken);

    /// <summary>Analyses and stores inputs already read (or failed to read), as they come.</summary>
    public async Task<RunSummary> RunAsync(IAsyncEnumerable<InputItem> items, RunOptions options, IRunObserver observer, CancellationToken cancellationToken)
    {
        int processed = 0, added = 0, skipped = 0, failed = 0;
        var documentIds = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inFlight = new Queue<(RawInput Input, Task<AnalysisOutcome> Analysis)>();
        var batchSize = Math.Max(1, options.BatchSize);
        // A stopped run keeps what it finished analysing: its last short transactions are not cut off by the same stop.
        await using var batcher = new DocumentBatcher(store, batchSize, options.BatchDelay, CancellationToken.None);
        var storing = new Queue<(string Source, Document Document, Task<bool> Stored)>();

        try
        {
            await foreach (var item in items.WithCancellation(cancellationToken))
            {
                if (item.Failure is { } failure)
                {
                    await FailAsync(failure, cancellationToken);
                    continue;
                }

                var input = item.Input!;
                var duplicate = !seen.Add(input.Id);
                var stored = !duplicate && await store.ContainsDocumentAsync(input.Id, cancellationToken);
                if (duplicate || (stored && !options.ReanalyzeStored))
                {
                    skipped++;
                    if (!duplicate) documentIds.Add(input.Id);
                    observer.DocumentSkipped(input.Source, input.Id);
                    continue;
                }

                inFlight.Enqueue((input, Task.Run(() => AnalyzeGuarded(pipeline, input, cancellationToken), cancellationToken)));
                while (inFlight.Count >= options.Parallelism * 2) await CompleteOldestAsync();
            }

            while (inFlight.Count > 0) await CompleteOldestAsync();
            await batcher.FlushAsync();
            await ReportStoredAsync(keep: 0, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && storing.Count > 0)
        {
            await batcher.FlushAsync();
            await ReportStoredAsync(keep: 0, CancellationToken.None);
            throw;
        }

        return new RunSummary(processed, added, skipped, failed, documentIds);

        async Task CompleteOldestAsync()
        {
            var (input, analysis) = inFlight.Dequeue();
            var outcome = await analysis;
            if (outcome.Document is not { } document)
            {
                await FailAsync(new InputFailure(input.Source, outcome.Failure ?? "analysis failed"), cancellationToken);
                return;
            }

            foreach (var warning in outcome.Warnings) observer.InputWarning(input.Source, warning);
            storing.Enqueue((input.Source, document, batcher.StoreAsync(document)));
            // Bounded: about one batch being written and one gathering wait here; more waits for the writes.
            await ReportStoredAsync(keep: batchSize * 2, cancellationToken);
        }

        // Reports stored documents in the order they were analysed: those already written, and more until at most keep are waiting.
        async Task ReportStoredAsync(int keep, CancellationToken reporting)
        {
            while (storing.TryPeek(out var head) && (storing.Count > keep || head.Stored.IsCompleted))
            {
                var (source, document, storedTask) = storing.Dequeue();
                bool documentIsNew;
                try
                {
                    documentIsNew = await storedTask;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    await FailAsync(new InputFailure(source, $"storing failed: {error.GetType().Name}: {error.Message}"), reporting);
                    continue;
                }

                processed++;
                if (documentIsNew) added++;
                else skipped++;
                documentIds.Add(document.Id);
                observer.DocumentAnalyzed(document, documentIsNew);
                await observer.DocumentStoredAsync(document, reporting);
            }
        }

        async Task FailAsync(InputFailure failure, CancellationToken recording)
        {
            failed++;
            await store.RecordFailureAsync(failure.Source, failure.Reason, recording);
            observer.InputFailed(failure);
        }
    }

    /// <summary>Analyses one input; an exception from a stage becomes that input's failure instead of ending the run.</summary>
    public static AnalysisOutcome AnalyzeGuarded(AnalysisPipeline pipeline, RawInput input, CancellationToken cancellationToken)
    {
        try
        {
            return pipeline.Analyze(input, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A stage bug on one hostile input must not end the run: record it against that input.
            return AnalysisOutcome.Failed(input, $"analysis failed: {error.GetType().Name}: {error.Message}");
        }
    }
}
