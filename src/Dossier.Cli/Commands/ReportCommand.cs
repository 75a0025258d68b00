using System.CommandLine;
using Dossier.Reports;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The entity: a name or alias as it appears in the articles." };
        var database = CommonOptions.Database();
        var format = CommonOptions.Format("md", "md", "html", "json");
        var output = CommonOptions.OutputFile();
        var command = new Command("report", "Write the dossier of one entity from the store, every statement linked to its document and span.")
        {
            name, database, format, output,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var databasePath = parsed.GetValue(database)!;
            if (!DossierStores.IsPostgres(databasePath) && !File.Exists(databasePath))
            {
                await context.Error.WriteLineAsync($"dossier: no store at '{databasePath}': run 'dossier analyze' first.");
                return ExitCodes.NotFound;
            }

            await using var store = await DossierStores.OpenAsync(databasePath, cancellationToken);
            var query = parsed.GetValue(name)!;
            var matches = await store.FindEntitiesAsync(query, cancellationToken);
            if (matches.Count == 0)
            {
                await context.Error.WriteLineAsync($"dossier: no entity named '{query}' in the store.");
                return ExitCodes.NotFound;
            }

            var entity = matches[0];
            var hits = await store.GetWatchlistHitsAsync(entity.Id, cancellationToken);
            var dossier = new EntityDossier(entity, await store.GetDocumentsMentioningAsync(entity.Id, cancellationToken), hits.Select(h => h.Hit).ToList())
                .WithCrossArticleLinks(cancellationToken);
            var writer = ReportWriters.For(Enum.Parse<ReportFormat>(parsed.GetValue(format)!, ignoreCase: true));
            var report = writer.Write(dossier);
            if (parsed.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, report, cancellationToken);
            }
            else
            {
                await context.Out.WriteAsync(report);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
