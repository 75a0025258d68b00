using System.CommandLine;
using System.Globalization;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

/// <summary>`dossier entities merge|split|explain`: analysts' corrections to canonical entities, kept in the store for later runs.</summary>
internal static class EntityCorrectionCommands
{
    public static void AddTo(Command entities, CliContext context)
    {
        entities.Subcommands.Add(Merge(context));
        entities.Subcommands.Add(Split(context));
        entities.Subcommands.Add(Explain(context));
    }

    private static Command Merge(CliContext context)
    {
        var entity = new Argument<long>("ENTITY") { Description = "The id of the entity to merge away." };
        var into = new Argument<long>("INTO") { Description = "The id of the entity it is merged into." };
        var reason = Reason();
        var database = CommonOptions.Database();
        var command = new Command("merge", "Merge one canonical entity into another.") { entity, into, reason, database };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = await DossierStores.OpenLinkStoreAsync(parsed.GetValue(database)!, cancellationToken);
            return await RunAsync(context, async () =>
            {
                var decision = await store.MergeAsync(parsed.GetValue(entity), parsed.GetValue(into), parsed.GetValue(reason)!, cancellationToken);
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Merged entity {decision.EntityId} into {decision.OtherId} (decision {decision.Id})."));
            });
        });
        return command;
    }

    private static Command Split(CliContext context)
    {
        var entity = new Argument<long>("ENTITY") { Description = "The id of the entity that wrongly holds the name." };
        var alias = new Argument<string>("NAME") { Description = "The name (an alias of the entity) to split off into a new entity." };
        var reason = Reason();
        var database = CommonOptions.Database();
        var command = new Command("split", "Split a name off a canonical entity into a new entity.") { entity, alias, reason, database };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = await DossierStores.OpenLinkStoreAsync(parsed.GetValue(database)!, cancellationToken);
            return await RunAsync(context, async () =>
            {
                var decision = await store.SplitAsync(parsed.GetValue(entity), parsed.GetValue(alias)!, parsed.GetValue(reason)!, cancellationToken);
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Split \"{decision.Alias}\" off entity {decision.EntityId} into new entity {decision.OtherId} (decision {decision.Id})."));
            });
        });
        return command;
    }

    private static Command Explain(CliContext context)
    {
        var entity = new Argument<long>("ENTITY") { Description = "The id of the entity." };
        var database = CommonOptions.Database();
        var command = new Command("explain", "Say why each name of an entity belongs to it.") { entity, database };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var store = await DossierStores.OpenLinkStoreAsync(parsed.GetValue(database)!, cancellationToken);
            return await RunAsync(context, async () =>
            {
                var reasons = await store.ExplainAsync(parsed.GetValue(entity), cancellationToken);
                if (reasons.Count == 0) await context.Out.WriteLineAsync("One name only; nothing was merged.");
                foreach (var reason in reasons) await context.Out.WriteLineAsync("- " + reason);
            });
        });
        return command;
    }

    private static Option<string> Reason() => new("--reason")
    {
        Description = "Why, in the analyst's words; kept with the decision.",
        DefaultValueFactory = _ => "analyst decision",
    };

    private static async Task<int> RunAsync(CliContext context, Func<Task> action)
    {
        try
        {
            await action();
            return ExitCodes.Success;
        }
        catch (ArgumentException error)
        {
            await context.Error.WriteLineAsync("dossier: " + error.Message);
            return ExitCodes.NotFound;
        }
    }
}
