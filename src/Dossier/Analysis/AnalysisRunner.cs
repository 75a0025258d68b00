using System.Diagnostics;
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
    public int BatchSize { get; init; } = 32;

    /// <summary>An analysed document waits at most about this long to be stored, however few have gathered.</summary>
    public TimeSpan BatchDelay { get; init; } = TimeSpan.FromMilliseconds(250);
}

public sealed record RunSummary(int Processed, int Added, int Skipped, int Failed, IReadOnlyList<string> DocumentIds);

/// <summary>What the runner reports as it goes, so that a front end can print or show progress.</summary>
public interface IRunObserver
{
    void InputFailed(InputFailure failure) { }
    void InputWarning(string source, string warning) { }
    void DocumentAnalyzed(Document document, bool added) { }
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
    public async Task<RunSummary> RunAsync(
        IReadOnlyList<string> paths,
        Func<Stream> openStandardInput,
        RunOptions options,
        IRunObserver observer,
        CancellationToken cancellationToken)
    {
        int processed = 0, added = 0, skipped = 0, failed = 0;
        var documentIds = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inFlight = new Queue<(RawInput Input, Task<AnalysisOutcome> Analysis)>();
        var batchSize = Math.Max(1, options.BatchSize);
        var unstored = new List<(string Source, Document Document)>(batchSize);
        var oldestUnstored = 0L;

        try
        {
            await foreach (var item in reader.ReadAsync(paths, openStandardInput, cancellationToken))
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
            await StoreUnstoredAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && unstored.Count > 0)
        {
            // A stopped run keeps what it finished analysing: one short transaction, not to be cut off by the same stop.
            await StoreUnstoredAsync(CancellationToken.None);
            throw;
        }

        return new RunSummary(processed, added, skipped, failed, documentIds);

        async Task CompleteOldestAsync()
        {
            var (input, analysis) = inFlight.Dequeue();
            // Documents already analysed are not kept waiting on a slow analysis beyond the batch delay.
            if (unstored.Count > 0 && !analysis.IsCompleted
                && !await CompletesWithinAsync(analysis, options.BatchDelay - Stopwatch.GetElapsedTime(oldestUnstored), cancellationToken))
            {
                await StoreUnstoredAsync(cancellationToken);
            }

            var outcome = await analysis;
            if (outcome.Document is not { } document)
            {
                await FailAsync(new InputFailure(input.Source, outcome.Failure ?? "analysis failed"), cancellationToken);
                return;
            }

            foreach (var warning in outcome.Warnings) observer.InputWarning(input.Source, warning);
            if (unstored.Count == 0) oldestUnstored = Stopwatch.GetTimestamp();
            unstored.Add((input.Source, document));
            if (unstored.Count >= batchSize || Stopwatch.GetElapsedTime(oldestUnstored) >= options.BatchDelay)
            {
                await StoreUnstoredAsync(cancellationToken);
            }
        }

        async Task StoreUnstoredAsync(CancellationToken storing)
        {
            if (unstored.Count == 0) return;
            IReadOnlyList<bool>? isNew = null;
            try
            {
                isNew = await store.AddDocumentsAsync(unstored.Select(pending => pending.Document).ToList(), storing);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The batch was rolled back whole; store its documents one at a time so that only the one at fault fails.
            }

            for (var i = 0; i < unstored.Count; i++)
            {
                var (source, document) = unstored[i];
                bool documentIsNew;
                if (isNew is not null)
                {
                    documentIsNew = isNew[i];
                }
                else
                {
                    try
                    {
                        documentIsNew = await store.AddDocumentAsync(document, storing);
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        await FailAsync(new InputFailure(source, $"storing failed: {error.GetType().Name}: {error.Message}"), storing);
                        continue;
                    }
                }

                processed++;
                if (documentIsNew) added++;
                else skipped++;
                documentIds.Add(document.Id);
                observer.DocumentAnalyzed(document, documentIsNew);
            }

            unstored.Clear();
        }

        async Task FailAsync(InputFailure failure, CancellationToken recording)
        {
            failed++;
            await store.RecordFailureAsync(failure.Source, failure.Reason, recording);
            observer.InputFailed(failure);
        }
    }

    /// <summary>Whether the task completes within the timeout (false at once for a timeout already past).</summary>
    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero) return false;
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(task, Task.Delay(timeout, delay.Token));
        await delay.CancelAsync();
        return first == task;
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
