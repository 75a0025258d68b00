using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Pipeline;

namespace Dossier.Analysis;

public sealed record RunOptions
{
    /// <summary>Analyse inputs that are already stored too, so that their documents can be reported (they are not stored again).</summary>
    public bool ReanalyzeStored { get; init; }

    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);
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
/// Reads inputs, analyses them in parallel (in input order, with a bounded number in flight), and stores each
/// document as soon as it is done, so that a stopped run keeps what it finished.
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

        await foreach (var item in reader.ReadAsync(paths, openStandardInput, cancellationToken))
        {
            if (item.Failure is { } failure)
            {
                await FailAsync(failure);
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
        return new RunSummary(processed, added, skipped, failed, documentIds);

        async Task CompleteOldestAsync()
        {
            var (input, analysis) = inFlight.Dequeue();
            var outcome = await analysis;
            if (outcome.Document is not { } document)
            {
                await FailAsync(new InputFailure(input.Source, outcome.Failure ?? "analysis failed"));
                return;
            }

            foreach (var warning in outcome.Warnings) observer.InputWarning(input.Source, warning);
            var isNew = await store.AddDocumentAsync(document, cancellationToken);
            processed++;
            if (isNew) added++;
            else skipped++;
            documentIds.Add(document.Id);
            observer.DocumentAnalyzed(document, isNew);
        }

        async Task FailAsync(InputFailure failure)
        {
            failed++;
            await store.RecordFailureAsync(failure.Source, failure.Reason, cancellationToken);
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
