using System.CommandLine;
using System.Globalization;
using Dossier.Analysis;
using Dossier.Screening.Importing;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

/// <summary>`dossier lists`: import sanctions and export-control lists, show what is stored, review and decide hits.</summary>
internal static class ListsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("lists", "Import and show watchlists (sanctions, export control), and review screening hits.");
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Hits(context));
        command.Subcommands.Add(Decide(context, "dismiss", HitDecisions.FalsePositive, "Mark a hit as a false positive; remembered for that entity and list entry."));
        command.Subcommands.Add(Decide(context, "confirm", HitDecisions.Confirmed, "Mark a hit as confirmed (the entity is the listed party)."));
        return command;
    }

    private static Command Import(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "List files or folders (read recursively); formats are recognised by content.", Arity = ArgumentArity.OneOrMore };
        var database = CommonOptions.Database();
        var command = new Command("import", "Import lists: OFAC legacy CSV, US CSL CSV/JSON, UN SC XML, OpenSanctions FtM (entities, delta), simple CSV, and more.") { paths, database };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var results = await new WatchlistImporter().ReadAsync(parsed.GetValue(paths)!, cancellationToken);
            await using var store = await DossierStores.OpenWatchlistStoreAsync(parsed.GetValue(database)!, cancellationToken);
            var failed = 0;
            foreach (var result in results)
            {
                if (result.Problem is not null)
                {
                    failed++;
                    await context.Error.WriteLineAsync($"dossier: {result.Path}: {result.Problem}");
                    continue;
                }

                foreach (var version in result.Versions)
                {
                    var outcome = await store.ImportAsync(version, result.Path, cancellationToken);
                    await context.Out.WriteLineAsync(outcome.Skipped is not null
                        ? $"{outcome.List} ({outcome.VersionDate}): skipped, {outcome.Skipped}"
                        : string.Create(CultureInfo.InvariantCulture,
                            $"{outcome.List} ({outcome.VersionDate}, {result.Format}): {outcome.Added} added, {outcome.Updated} updated, {outcome.Removed} removed"));
                }
            }

            return failed > 0 ? ExitCodes.FinishedWithFailures : ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var database = CommonOptions.Database();
        var command = new Command("show", "Show the stored lists with their newest version and active entries.") { database };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = await DossierStores.OpenWatchlistStoreAsync(parsed.GetValue(database)!, cancellationToken);
            var lists = await store.ListsAsync(cancellationToken);
            if (lists.Count == 0)
            {
                await context.Error.WriteLineAsync("No lists imported yet: run 'dossier lists import PATH'.");
                return ExitCodes.NotFound;
            }

            foreach (var list in lists)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{list.List}: version {list.VersionDate} ({list.Format}), {list.ActiveEntries} active entries, {list.Versions} version(s) imported"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Hits(CliContext context)
    {
        var entity = new Option<string?>("--entity") { Description = "Only the hits of this entity (name)." };
        var database = CommonOptions.Database();
        var command = new Command("hits", "Show the screening hits recorded by 'dossier analyze', with their decisions.") { entity, database };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = await DossierStores.OpenAsync(parsed.GetValue(database)!, cancellationToken);
            var hits = await HitsOfAsync(store, parsed.GetValue(entity), cancellationToken);
            foreach (var review in hits)
            {
                var hit = review.Hit;
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{review.EntityName}\t{hit.List}\t{hit.ListEntryId}\t{hit.Name}\t{hit.Score:0.00}\t{hit.Decision}"));
            }

            return hits.Count == 0 ? ExitCodes.NotFound : ExitCodes.Success;
        });
        return command;
    }

    private static Command Decide(CliContext context, string name, string decision, string description)
    {
        var entity = new Argument<string>("ENTITY") { Description = "The entity's name as 'dossier lists hits' shows it." };
        var entry = new Argument<string>("ENTRY_ID") { Description = "The list entry id as 'dossier lists hits' shows it." };
        var note = new Option<string?>("--note") { Description = "Why: kept with the decision." };
        var database = CommonOptions.Database();
        var command = new Command(name, description) { entity, entry, note, database };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = await DossierStores.OpenAsync(parsed.GetValue(database)!, cancellationToken);
            var changed = 0;
            foreach (var hit in await HitsOfAsync(store, parsed.GetValue(entity), cancellationToken))
            {
                if (hit.Hit.ListEntryId != parsed.GetValue(entry)) continue;
                await store.DecideHitAsync(hit.Id, decision, parsed.GetValue(note), cancellationToken);
                changed++;
            }

            if (changed == 0)
            {
                await context.Error.WriteLineAsync("No such hit: see 'dossier lists hits'.");
                return ExitCodes.NotFound;
            }

            await context.Out.WriteLineAsync($"{changed} hit(s) marked {decision}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The hits of the entities with this name (ignoring case), or every hit when no name is given.</summary>
    private static async Task<IReadOnlyList<HitReview>> HitsOfAsync(IDossierStore store, string? entityName, CancellationToken cancellationToken)
    {
        var hits = await store.GetWatchlistHitsAsync(null, cancellationToken);
        return entityName is null ? hits : hits.Where(hit => string.Equals(hit.EntityName, entityName, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
