using RabbitMQ.Client;

namespace Dossier.Queue;

/// <summary>A dead-lettered article: its content-hash id, where it came from, and why it failed.</summary>
public sealed record DeadLetter(string Id, string Source, string Reason, string? FailedAt);

/// <summary>
/// Reads and replays the dead-letter queue. Messages are taken without acknowledgement and the channel is closed
/// afterwards, so that what was only looked at (or not chosen for replay) goes back into the queue unchanged.
/// </summary>
public static class DeadLetterQueue
{
    public static async Task<IReadOnlyList<DeadLetter>> ListAsync(QueueEndpoint endpoint, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await endpoint.ConnectAsync("dossier deadletters", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await endpoint.DeclareAsync(channel, cancellationToken);
        var letters = new List<DeadLetter>();
        while (letters.Count < limit && await channel.BasicGetAsync(endpoint.DeadLetterQueue, autoAck: false, cancellationToken) is { } message)
        {
            letters.Add(Describe(message));
        }

        return letters;
    }

    /// <summary>Republishes the chosen dead letters (all when <paramref name="ids"/> is null) to the work queue; returns those replayed.</summary>
    public static async Task<IReadOnlyList<DeadLetter>> ReplayAsync(QueueEndpoint endpoint, IReadOnlySet<string>? ids, CancellationToken cancellationToken)
    {
        await using var connection = await endpoint.ConnectAsync("dossier deadletters", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await endpoint.DeclareAsync(channel, cancellationToken);
        var replayed = new List<DeadLetter>();
        while (await channel.BasicGetAsync(endpoint.DeadLetterQueue, autoAck: false, cancellationToken) is { } message)
        {
            var letter = Describe(message);
            if (ids is not null && !ids.Contains(letter.Id)) continue;

            // Confirmed on the work queue before it leaves the dead-letter queue: a crash in between duplicates it, never loses it.
            await channel.BasicPublishAsync("", endpoint.QueueName, mandatory: true, ArticleMessage.Replay(message.BasicProperties), message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            replayed.Add(letter);
        }

        return replayed;
    }

    private static DeadLetter Describe(BasicGetResult message) => new(
        message.BasicProperties.MessageId ?? "(no id)",
        ArticleMessage.Source(message.BasicProperties),
        ArticleMessage.Reason(message.BasicProperties),
        ArticleMessage.Header(message.BasicProperties, ArticleMessage.FailedAtHeader));
}
