using Dossier.Ingestion;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dossier.Queue;

/// <summary>
/// Publishes articles to the work queue as persistent messages with publisher confirms. A window of confirms is
/// awaited together, so that publishing is not one round trip per article; <see cref="FlushAsync"/> waits for the rest.
/// </summary>
public sealed class QueuePublisher : IAsyncDisposable
{
    private const int ConfirmWindow = 256;

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly QueueEndpoint _endpoint;
    private readonly Queue<(RawInput Input, Task Confirm)> _pending = new();

    private QueuePublisher(IConnection connection, IChannel channel, QueueEndpoint endpoint)
    {
        _connection = connection;
        _channel = channel;
        _endpoint = endpoint;
    }

    public static async Task<QueuePublisher> OpenAsync(QueueEndpoint endpoint, CancellationToken cancellationToken)
    {
        var connection = await endpoint.ConnectAsync("dossier ingest", cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            await endpoint.DeclareAsync(channel, cancellationToken);
            return new QueuePublisher(connection, channel, endpoint);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes one article; returns the failures of earlier articles whose confirms came back negative meanwhile.</summary>
    public async Task<IReadOnlyList<InputFailure>> PublishAsync(RawInput input, CancellationToken cancellationToken)
    {
        var confirm = _channel.BasicPublishAsync(
            exchange: "", routingKey: _endpoint.QueueName, mandatory: true, ArticleMessage.Properties(input), input.Bytes, cancellationToken).AsTask();
        _pending.Enqueue((input, confirm));
        var failures = new List<InputFailure>();
        while (_pending.Count >= ConfirmWindow) await CompleteOldestAsync(failures);
        return failures;
    }

    /// <summary>Waits for every outstanding confirm; returns the articles the broker refused.</summary>
    public async Task<IReadOnlyList<InputFailure>> FlushAsync()
    {
        var failures = new List<InputFailure>();
        while (_pending.Count > 0) await CompleteOldestAsync(failures);
        return failures;
    }

    private async Task CompleteOldestAsync(List<InputFailure> failures)
    {
        var (input, confirm) = _pending.Dequeue();
        try
        {
            await confirm;
        }
        catch (PublishException error)
        {
            failures.Add(new InputFailure(input.Source, error.IsReturn
                ? $"the broker could not route the message to queue '{_endpoint.QueueName}'"
                : "the broker refused the message (negative confirm)"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
