using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Linking;
using Dossier.Ingestion.Web;
using Dossier.Serialization;
using Dossier.Storage;
using Spectre.Console;

namespace Dossier.Cli.Commands;

internal static class AnalyzeCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new InputOptions();
        var database = CommonOptions.Database();
        var format = CommonOptions.Format("text", "text", "json");
        var output = CommonOptions.OutputFile();
        var top = new Option<int>("--top") { Description = "How many entities the summary lists.", DefaultValueFactory = _ => 10 };

        var command = new Command("analyze", "Analyse articles, store the results, and print a summary (or the full analysis as JSON).")
        {
            database, format, output, top,
        };
        inputs.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (await inputs.ReadInputsAsync(parsed, context, cancellationToken) is not { } paths) return ExitCodes.Usage;

            using var fetcher = inputs.CreateFetcher(parsed);
            var databasePath = parsed.GetValue(database)!;
            return await RunAsync(
                context,
                paths,
                databasePath,
                parsed.GetValue(format) == "json",
                parsed.GetValue(output),
                parsed.GetValue(top),
                inputs.CreateReader(parsed, fetcher, DossierStores.FilesOf(databasePath)),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string[] paths, string databasePath, bool json, string? outputPath, int top, InputReader reader, CancellationToken cancellationToken)
    {
        var pipeline = DossierPipeline.CreateDefault();
        await using var store = await DossierStores.OpenAsync(databasePath, cancellationToken);
        var runner = new AnalysisRunner(pipeline, store, reader);
        // The JSON is written as the run goes (documents first), so that no document of the run is kept to its end.
        await using var file = json && outputPath is not null ? new StreamWriter(outputPath, append: false, new UTF8Encoding(false)) : null;
        using var jsonOutput = json ? new JsonObjectStream(file ?? context.Out, DossierJsonMapper.Options) : null;
        var observer = new ConsoleObserver(context, store, jsonOutput);
        var options = new RunOptions { ReanalyzeStored = json };
        jsonOutput?.WriteProperty(nameof(DossierJson.SchemaVersion), DossierJsonMapper.SchemaVersion);
        jsonOutput?.StartArray(nameof(DossierJson.Documents));

        RunSummary summary;
        if (context.ErrorIsTerminal && !json)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
            summary = await console.Progress().AutoClear(true).StartAsync(async progress =>
            {
                observer.Progress = progress.AddTask("Analysing", maxValue: double.MaxValue);
                observer.Progress.IsIndeterminate = true;
                return await runner.RunAsync(paths, context.OpenStandardInput, options, observer, cancellationToken);
            });
        }
        else
        {
            summary = await runner.RunAsync(paths, context.OpenStandardInput, options, observer, cancellationToken);
        }

        // Every canonical organisation and person of the run is screened, so that hits are recorded whatever the output;
        // a page of entities at a time, each screened, recorded (and written) before the next page is read.
        var screened = EntityScreening.ScreenAsync(databasePath, store, store.ReadEntitiesAsync(summary.DocumentIds, cancellationToken), cancellationToken);
        if (jsonOutput is not null)
        {
            await WriteJsonAsync(jsonOutput, databasePath, observer, summary, screened, cancellationToken);
            if (file is null) await context.Out.WriteLineAsync();
        }
        else
        {
            await foreach (var _ in screened) { }
            await WriteSummaryAsync(context.Out, store, summary, top, cancellationToken);
        }

        return summary.Failed > 0 ? ExitCodes.FinishedWithFailures : ExitCodes.Success;
    }

    private static async Task WriteSummaryAsync(TextWriter output, IDossierStore store, RunSummary summary, int top, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Documents: {summary.Added} processed, {summary.Failed} failed, {summary.Skipped} skipped (already in the store)."));
        if (summary.Added == 0 && summary.Skipped > 0)
        {
            await output.WriteLineAsync("Nothing new: every input was already in the store, so nothing was added.");
        }

        var entities = await store.SummarizeEntitiesAsync(summary.DocumentIds, top, cancellationToken);
        if (entities.Count == 0) return;
        await output.WriteLineAsync();
        await output.WriteLineAsync("Top entities");
        var width = Math.Max(6, entities.Max(e => e.Entity.Name.Length + e.Entity.Label.ToString().Length + 3));
        await output.WriteLineAsync($"  {"entity".PadRight(width)}  mentions  quotes  claims");
        foreach (var entity in entities)
        {
            var name = $"{entity.Entity.Name} ({entity.Entity.Label})";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {name.PadRight(width)}  {entity.Mentions,8}  {entity.Quotes,6}  {entity.Claims,6}"));
        }
    }

    /// <summary>Writes the rest of the JSON after the run's documents: the screened entities one by one, failures, then links.</summary>
    private static async Task WriteJsonAsync(
        JsonObjectStream output, string databasePath, ConsoleObserver observer, RunSummary summary,
        IAsyncEnumerable<(CanonicalEntity Entity, IReadOnlyList<WatchlistHitJson>? Hits)> screened, CancellationToken cancellationToken)
    {
        output.EndArray();
        output.StartArray(nameof(DossierJson.Entities));
        await foreach (var (entity, hits) in screened)
        {
            output.WriteItem(DossierJsonMapper.ToJson(entity, hits));
            await output.FlushAsync(cancellationToken);
        }

        output.EndArray();
        output.WriteProperty(nameof(DossierJson.Failures), observer.Failures.Select(f => new FailureJson(f.Source, f.Reason)).ToList());
        await LinkingOutput.WriteAsync(output, databasePath, summary.DocumentIds, cancellationToken);
        output.EndObject();
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Reports failures and warnings on stderr as they happen, and writes each document of the run to the JSON output (when
    /// there is one) once it is stored; none is kept, so that memory stays flat however many documents a run reads.
    /// </summary>
    private sealed class ConsoleObserver(CliContext context, IDossierStore store, JsonObjectStream? jsonOutput) : IRunObserver
    {
        private readonly object _lock = new();

        public ProgressTask? Progress { get; set; }
        public List<InputFailure> Failures { get; } = [];

        public void InputFailed(InputFailure failure)
        {
            lock (_lock)
            {
                Failures.Add(failure);
                context.Error.WriteLine($"dossier: {failure.Source}: {failure.Reason}");
                Tick();
            }
        }

        public void InputWarning(string source, string warning)
        {
            lock (_lock) context.Error.WriteLine($"dossier: {source}: warning: {warning}");
        }

        public void DocumentAnalyzed(Document document, bool added)
        {
            lock (_lock) Tick();
        }

        public async ValueTask DocumentStoredAsync(Document document, CancellationToken cancellationToken)
        {
            if (jsonOutput is null) return;
            jsonOutput.WriteItem(DossierJsonMapper.ToJson(document, await store.GetCanonicalIdsAsync(document.Id, cancellationToken)));
            await jsonOutput.FlushAsync(cancellationToken);
        }

        public void DocumentSkipped(string source, string documentId)
        {
            lock (_lock) Tick();
        }

        private void Tick()
        {
            if (Progress is null) return;
            Progress.Increment(1);
            Progress.Description = $"Analysing ({Progress.Value:0} inputs)";
        }
    }
}
