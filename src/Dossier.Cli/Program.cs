using System.CommandLine;
using Dossier.Cli;
using Dossier.Cli.Commands;

return await DossierCli.RunAsync(args, CliContext.FromConsole());

namespace Dossier.Cli
{
    public static class DossierCli
    {
        public static RootCommand Build(CliContext context)
        {
            var root = new RootCommand("Dossier turns news about companies and people into evidence-backed dossiers.");
            root.Subcommands.Add(AnalyzeCommand.Create(context));
            root.Subcommands.Add(ExtractCommand.Create(context));
            root.Subcommands.Add(ReportCommand.Create(context));
            root.Subcommands.Add(ServeCommand.Create(context));
            root.Subcommands.Add(WatchCommand.Create(context));
            root.Subcommands.Add(EntitiesCommand.Create(context));
            root.Subcommands.Add(QuotesCommand.Create(context));
            root.Subcommands.Add(CheckworthyCommand.Create(context));
            root.Subcommands.Add(ListsCommand.Create(context));
            root.Subcommands.Add(ScreenCommand.Create(context));
            root.Subcommands.Add(StanceCommand.Create(context));
            root.Subcommands.Add(ExportCommand.Create(context));
            root.Subcommands.Add(IngestCommand.Create(context));
            root.Subcommands.Add(WorkerCommand.Create(context));
            root.Subcommands.Add(DeadLetterCommand.Create(context));
            return root;
        }

        public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
        {
            var root = Build(context);
            var parsed = root.Parse(args);
            var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
            if (parsed.Errors.Count > 0 && !args.Any(arg => arg is "--help" or "-h" or "-?"))
            {
                foreach (var error in parsed.Errors) await context.Error.WriteLineAsync(error.Message);
                await context.Error.WriteLineAsync("Run 'dossier --help' for usage.");
                return ExitCodes.Usage;
            }

            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                cancellation.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return await parsed.InvokeAsync(configuration, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                await context.Error.WriteLineAsync("Cancelled.");
                return ExitCodes.Error;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }
    }
}
