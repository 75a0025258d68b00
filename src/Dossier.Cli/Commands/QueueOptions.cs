using System.CommandLine;
using Dossier.Queue;
using RabbitMQ.Client.Exceptions;

namespace Dossier.Cli.Commands;

/// <summary>The broker and queue options of ingest, worker and deadletters, and how their broker errors are reported.</summary>
internal sealed class QueueOptions
{
    private readonly Option<string> _address = new("--queue")
    {
        Description = "The RabbitMQ broker: amqp://user:password@host:port/vhost (amqps:// for TLS).",
        Required = true,
        HelpName = "URI",
    };

    private readonly Option<string> _name = new("--queue-name")
    {
        Description = "The work queue; its dead letters go to NAME.dead. Lets several deployments share one broker.",
        DefaultValueFactory = _ => QueueEndpoint.DefaultQueueName,
        HelpName = "NAME",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_address);
        command.Options.Add(_name);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_address) is { } address && QueueEndpoint.TryParse(address, result.GetValue(_name) ?? QueueEndpoint.DefaultQueueName, out var error) is null)
            {
                result.AddError(error!);
            }
        });
    }

    public QueueEndpoint Endpoint(ParseResult parsed) => QueueEndpoint.TryParse(parsed.GetValue(_address)!, parsed.GetValue(_name)!, out _)!;

    /// <summary>Runs a command's work, turning a broker that cannot be reached or that refuses an operation into a clear error.</summary>
    public static async Task<int> ReportBrokerErrorsAsync(CliContext context, QueueEndpoint endpoint, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (QueueException error)
        {
            await context.Error.WriteLineAsync($"dossier: {error.Message}");
            return ExitCodes.Error;
        }
        catch (Exception error) when (error is OperationInterruptedException or AlreadyClosedException or BrokerUnreachableException)
        {
            await context.Error.WriteLineAsync($"dossier: {endpoint.Display}: {error.Message}");
            return ExitCodes.Error;
        }
    }
}
