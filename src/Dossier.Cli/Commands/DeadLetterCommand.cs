using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dossier.Queue;
using Dossier.Serialization;

namespace Dossier.Cli.Commands;

internal static class DeadLetterCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("deadletters", "Show the articles that failed in workers, and send them back to the work queue.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Replay(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var queue = new QueueOptions();
        var format = CommonOptions.Format("text", "text", "json");
        var limit = new Option<int>("--limit") { Description = "Show at most this many.", DefaultValueFactory = _ => 1000 };
        var command = new Command("list", "List the dead letters: id, source and reason.") { format, limit };
        queue.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var endpoint = queue.Endpoint(parsed);
            return await QueueOptions.ReportBrokerErrorsAsync(context, endpoint, async () =>
            {
                var letters = await DeadLetterQueue.ListAsync(endpoint, Math.Max(1, parsed.GetValue(limit)), cancellationToken);
                if (parsed.GetValue(format) == "json")
                {
                    var json = letters.Select(letter => new DeadLetterJson(letter.Id, letter.Source, letter.Reason, letter.FailedAt));
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(json, DossierJsonMapper.Options));
                }
                else if (letters.Count == 0)
                {
                    await context.Out.WriteLineAsync($"No dead letters in {endpoint.DeadLetterQueue}.");
                }
                else
                {
                    foreach (var letter in letters) await context.Out.WriteLineAsync($"{letter.Id}  {letter.Source}  {letter.Reason}");
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{letters.Count} dead letters in {endpoint.DeadLetterQueue}."));
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Command Replay(CliContext context)
    {
        var queue = new QueueOptions();
        var ids = new Argument<string[]>("ID") { Description = "Ids of the dead letters to replay.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Replay every dead letter." };
        var command = new Command("replay", "Send dead letters back to the work queue, with their redelivery count reset.") { ids, all };
        queue.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(all) == (result.GetValue(ids) ?? []).Length > 0) result.AddError("Give either --all or one or more IDs.");
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var endpoint = queue.Endpoint(parsed);
            var chosen = parsed.GetValue(all) ? null : (parsed.GetValue(ids) ?? []).ToHashSet(StringComparer.Ordinal);
            return await QueueOptions.ReportBrokerErrorsAsync(context, endpoint, async () =>
            {
                var replayed = await DeadLetterQueue.ReplayAsync(endpoint, chosen, cancellationToken);
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Replayed {replayed.Count} dead letters to {endpoint.QueueName}."));
                var missing = chosen?.Except(replayed.Select(letter => letter.Id)).ToList() ?? [];
                foreach (var id in missing) await context.Error.WriteLineAsync($"dossier: {id}: no such dead letter");
                return missing.Count > 0 ? ExitCodes.NotFound : ExitCodes.Success;
            });
        });
        return command;
    }

    private sealed record DeadLetterJson(string Id, string Source, string Reason, string? FailedAt);
}
