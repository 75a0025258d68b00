using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Dossier.Analysis;
using Dossier.Queue;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

internal static class WorkerCommand
{
    public static Command Create(CliContext context)
    {
        var queue = new QueueOptions();
        var database = CommonOptions.Database();
        var parallelism = new Option<int>("--parallelism")
        {
            Description = "Documents analysed at once (default: one per processor).",
            DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount),
        };
        var maxRedeliveries = new Option<int>("--max-redeliveries")
        {
            Description = "A message delivered again more often than this (its workers crashed or stopped on it) goes to the dead-letter queue.",
            DefaultValueFactory = _ => new WorkerOptions().MaxRedeliveries,
        };
        var maxMessages = new Option<int?>("--max-messages") { Description = "Stop after finishing this many messages.", HelpName = "N" };
        var idleExit = new Option<double?>("--idle-exit") { Description = "Stop when no message came for this many seconds.", HelpName = "SECONDS" };
        var command = new Command("worker", "Take articles from the work queue, analyse and store them; runs until stopped (Ctrl+C or SIGTERM finish the documents in hand).")
        {
            database, parallelism, maxRedeliveries, maxMessages, idleExit,
        };
        queue.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(maxMessages) is < 1) result.AddError("--max-messages must be at least 1.");
            if (result.GetValue(idleExit) is { } idle && (idle <= 0 || idle > TimeSpan.MaxValue.TotalSeconds)) result.AddError("--idle-exit must be a positive number of seconds.");
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(parallelism) is < 1 or > 256 || parsed.GetValue(maxRedeliveries) < 0)
            {
                await context.Error.WriteLineAsync("dossier: --parallelism must be between 1 and 256, and --max-redeliveries not negative.");
                return ExitCodes.Usage;
            }

            var options = new WorkerOptions
            {
                Parallelism = parsed.GetValue(parallelism),
                MaxRedeliveries = parsed.GetValue(maxRedeliveries),
                MaxMessages = parsed.GetValue(maxMessages),
                IdleExit = parsed.GetValue(idleExit) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            };
            var endpoint = queue.Endpoint(parsed);
            return await QueueOptions.ReportBrokerErrorsAsync(context, endpoint,
                () => RunAsync(context, endpoint, parsed.GetValue(database)!, options, cancellationToken));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, QueueEndpoint endpoint, string databasePath, WorkerOptions options, CancellationToken cancellationToken)
    {
        // SIGTERM (what service managers and container runtimes send) stops the worker the way Ctrl+C does.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });

        await using var store = await DossierStores.OpenAsync(databasePath, cancellationToken);
        var worker = new QueueWorker(DossierPipeline.CreateDefault(), store, endpoint);
        var summary = await worker.RunAsync(options, new ConsoleObserver(context), stop.Token);
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Messages: {summary.Stored} stored, {summary.AlreadyStored} already stored, {summary.DeadLettered} dead-lettered."));
        if (summary.StoppedBy is { } reason)
        {
            await context.Error.WriteLineAsync($"dossier: worker stopped: {reason}");
            return ExitCodes.Error;
        }

        return summary.DeadLettered > 0 ? ExitCodes.FinishedWithFailures : ExitCodes.Success;
    }

    private sealed class ConsoleObserver(CliContext context) : IWorkerObserver
    {
        private readonly object _lock = new();

        public void DeadLettered(string source, string reason)
        {
            lock (_lock) context.Error.WriteLine($"dossier: {source}: {reason} (dead-lettered)");
        }
    }
}
