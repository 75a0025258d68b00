using System.CommandLine;
using System.Globalization;
using Dossier.Ingestion;
using Dossier.Queue;

namespace Dossier.Cli.Commands;

internal static class IngestCommand
{
    /// <summary>Below RabbitMQ's own default message limit, so that the broker never refuses what ingest sends.</summary>
    private const long DefaultMaxMessageBytes = 16L * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var inputs = new InputOptions();
        var queue = new QueueOptions();
        var maxMessageBytes = new Option<long>("--max-message-bytes")
        {
            Description = "Largest article sent as a message; larger ones fail with a reason.",
            DefaultValueFactory = _ => DefaultMaxMessageBytes,
        };
        var command = new Command("ingest", "Read articles like analyze does and publish each to the work queue for workers to analyse.")
        {
            maxMessageBytes,
        };
        inputs.AddTo(command);
        queue.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (await inputs.ReadInputsAsync(parsed, context, cancellationToken) is not { } paths) return ExitCodes.Usage;

            using var fetcher = inputs.CreateFetcher(parsed);
            var reader = inputs.CreateReader(parsed, fetcher);
            var endpoint = queue.Endpoint(parsed);
            return await QueueOptions.ReportBrokerErrorsAsync(context, endpoint,
                () => PublishAsync(context, reader, paths, endpoint, parsed.GetValue(maxMessageBytes), cancellationToken));
        });
        return command;
    }

    private static async Task<int> PublishAsync(
        CliContext context, InputReader reader, string[] paths, QueueEndpoint endpoint, long maxMessageBytes, CancellationToken cancellationToken)
    {
        int published = 0, failed = 0;
        await using var publisher = await QueuePublisher.OpenAsync(endpoint, cancellationToken);
        await foreach (var item in reader.ReadAsync(paths, context.OpenStandardInput, cancellationToken))
        {
            if (item.Failure is { } failure)
            {
                await FailAsync(failure);
            }
            else if (item.Input!.Bytes.Length > maxMessageBytes)
            {
                await FailAsync(new InputFailure(item.Input.Source, string.Create(CultureInfo.InvariantCulture,
                    $"too large for a message ({item.Input.Bytes.Length} bytes; the limit is {maxMessageBytes})")));
            }
            else
            {
                published++;
                foreach (var refused in await publisher.PublishAsync(item.Input, cancellationToken)) await RefusedAsync(refused);
            }
        }

        foreach (var refused in await publisher.FlushAsync()) await RefusedAsync(refused);
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Messages: {published} published to {endpoint.QueueName}, {failed} failed."));
        return failed > 0 ? ExitCodes.FinishedWithFailures : ExitCodes.Success;

        async Task FailAsync(InputFailure failure)
        {
            failed++;
            await context.Error.WriteLineAsync($"dossier: {failure.Source}: {failure.Reason}");
        }

        async Task RefusedAsync(InputFailure failure)
        {
            published--;
            await FailAsync(failure);
        }
    }
}
