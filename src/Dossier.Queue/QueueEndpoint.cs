using RabbitMQ.Client;

namespace Dossier.Queue;

/// <summary>
/// A RabbitMQ broker and the name of Dossier's work queue on it. The dead-letter exchange and queue are named after
/// the work queue, so that several independent queues (one per deployment or test) can share a broker.
/// </summary>
public sealed record QueueEndpoint
{
    public const string DefaultQueueName = "dossier";

    private QueueEndpoint(Uri address, string queueName)
    {
        Address = address;
        QueueName = queueName;
    }

    public Uri Address { get; }

    public string QueueName { get; }

    public string DeadLetterExchange => QueueName + ".dead";

    public string DeadLetterQueue => QueueName + ".dead";

    /// <summary>The address without its password, for messages.</summary>
    public string Display => new UriBuilder(Address) { Password = "" }.Uri.GetLeftPart(UriPartial.Path);

    /// <summary>Parses an amqp:// or amqps:// address; null with a reason when it is not one.</summary>
    public static QueueEndpoint? TryParse(string address, string queueName, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            error = $"'{address}' is not an amqp:// or amqps:// address";
            return null;
        }

        if (string.IsNullOrWhiteSpace(queueName) || queueName.Length > 200 || queueName.StartsWith("amq.", StringComparison.Ordinal))
        {
            error = $"'{queueName}' is not a usable queue name (1 to 200 characters, not starting with 'amq.')";
            return null;
        }

        return new QueueEndpoint(uri, queueName);
    }

    public async Task<IConnection> ConnectAsync(string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = Address,
            ClientProvidedName = clientName,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            AutomaticRecoveryEnabled = false,
        };
        try
        {
            return await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (Exception error) when (error is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AuthenticationFailureException)
        {
            throw new QueueException($"{Display}: cannot connect: {(error.InnerException ?? error).Message}", error);
        }
    }

    /// <summary>
    /// Declares the work queue, the dead-letter exchange and its queue; declaring again with the same arguments changes nothing.
    /// The work queue is a quorum queue because it counts redeliveries (x-delivery-count), which is how a document that
    /// kills every worker that takes it is recognised; the broker's own delivery limit is only a backstop.
    /// </summary>
    internal async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            // Classic, not quorum: listing dead letters returns them to the queue, and a quorum queue's delivery limit would drop them.
            await channel.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(DeadLetterQueue, DeadLetterExchange, routingKey: "", cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(QueueName, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?>
                {
                    ["x-queue-type"] = "quorum",
                    ["x-dead-letter-exchange"] = DeadLetterExchange,
                    ["x-delivery-limit"] = BrokerDeliveryLimit,
                },
                cancellationToken: cancellationToken);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException error)
        {
            throw new QueueException($"{Display}: cannot declare queue '{QueueName}': {error.ShutdownReason?.ReplyText ?? error.Message}", error);
        }
    }

    /// <summary>Far above any worker's redelivery limit, so that workers dead-letter with their own reason first.</summary>
    private const int BrokerDeliveryLimit = 100;
}

/// <summary>The broker could not be used; the message names the broker (without password) and the reason.</summary>
public sealed class QueueException(string message, Exception? inner = null) : Exception(message, inner);
