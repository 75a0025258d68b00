using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Pipeline;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Dossier.Queue;

public sealed record WorkerOptions
{
    /// <summary>Documents analysed at once; the broker sends twice as many ahead (the prefetch) so that none waits.</summary>
    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>A message delivered more often than this without being finished is a poison document and is dead-lettered.</summary>
    public int MaxRedeliveries { get; init; } = 5;

    /// <summary>Stop after this many messages are finished (stored, skipped or dead-lettered).</summary>
    public int? MaxMessages { get; init; }

    /// <summary>Stop when no message came for this long.</summary>
    public TimeSpan? IdleExit { get; init; }

    /// <summary>How long a stopping worker lets in-flight documents finish; the rest go back to the queue unacknowledged.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>What a worker did; <paramref name="StoppedBy"/> names the error that stopped it, if one did.</summary>
public sealed record WorkerSummary(int Stored, int AlreadyStored, int DeadLettered, string? StoppedBy);

public interface IWorkerObserver
{
    void DocumentStored(string source, Document document) { }
    void DeadLettered(string source, string reason) { }
}

/// <summary>
/// Consumes the work queue: analyses each article, stores it, and acknowledges it only after the store committed,
/// so that a crash at any moment leaves the message to be delivered again. Redelivery is harmless: a document
/// already stored (same content hash) is acknowledged without work. Failures go to the dead-letter queue with their reason.
/// </summary>
public sealed class QueueWorker(AnalysisPipeline pipeline, IDossierStore store, QueueEndpoint endpoint)
{
    public async Task<WorkerSummary> RunAsync(WorkerOptions options, IWorkerObserver observer, CancellationToken cancellationToken)
    {
        await using var connection = await endpoint.ConnectAsync("dossier worker", cancellationToken);
        var parallelism = (ushort)Math.Clamp(options.Parallelism, 1, 256);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: parallelism),
            cancellationToken);
        await endpoint.DeclareAsync(channel, cancellationToken);
        await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: (ushort)(parallelism * 2), global: false, cancellationToken);
        await using var deadLetters = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

        var run = new Run(pipeline, store, endpoint, options, observer, channel, deadLetters);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => run.HandleAsync(delivery);
        var consumerTag = await channel.BasicConsumeAsync(endpoint.QueueName, autoAck: false, consumer, cancellationToken);
        await run.WaitUntilDoneAsync(cancellationToken);
        await run.StopAsync(channel, consumerTag);
        return run.Summary();
    }

    private enum Result
    {
        Stored,
        AlreadyStored,
        DeadLettered,
    }

    /// <summary>The state of one worker run, shared by the concurrent message handlers.</summary>
    private sealed class Run(AnalysisPipeline pipeline, IDossierStore store, QueueEndpoint endpoint, WorkerOptions options, IWorkerObserver observer, IChannel channel, IChannel deadLetters)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stopping = new();
        private readonly CancellationTokenSource _work = new();
        private int _claimed, _finished, _inFlight, _stored, _alreadyStored, _deadLettered;
        private long _lastActivity = Environment.TickCount64;
        private string? _stoppedBy;

        public WorkerSummary Summary() => new(_stored, _alreadyStored, _deadLettered, _stoppedBy);

        public async Task WaitUntilDoneAsync(CancellationToken cancellationToken)
        {
            while (!_done.Task.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await Task.WhenAny(_done.Task, Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken));
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                if (!channel.IsOpen)
                {
                    _stoppedBy ??= $"the broker closed the channel: {channel.CloseReason?.ReplyText ?? "no reason given"}";
                    break;
                }

                if (options.IdleExit is { } idle && Volatile.Read(ref _inFlight) == 0
                    && Environment.TickCount64 - Interlocked.Read(ref _lastActivity) >= idle.TotalMilliseconds)
                {
                    break;
                }
            }
        }

        /// <summary>Stops taking messages, lets in-flight ones finish (up to the drain timeout), and leaves the rest unacknowledged for another worker.</summary>
        public async Task StopAsync(IChannel consumerChannel, string consumerTag)
        {
            await _stopping.CancelAsync();
            try
            {
                if (consumerChannel.IsOpen) await consumerChannel.BasicCancelAsync(consumerTag);
            }
            catch (Exception error) when (error is RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
            {
                // The channel is already gone; its unacknowledged messages are back in the queue.
            }

            _work.CancelAfter(options.DrainTimeout);
            while (Volatile.Read(ref _inFlight) > 0) await Task.Delay(50);
        }

        public async Task HandleAsync(BasicDeliverEventArgs delivery)
        {
            // Left unacknowledged: the broker gives it to another worker when this channel closes.
            if (_stopping.IsCancellationRequested) return;
            if (options.MaxMessages is { } max && Interlocked.Increment(ref _claimed) > max) return;

            Interlocked.Increment(ref _inFlight);
            Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
            try
            {
                var result = await ProcessAsync(delivery.BasicProperties, delivery.Body, _work.Token);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
                Count(result);
                if (Interlocked.Increment(ref _finished) == options.MaxMessages) _done.TrySetResult();
            }
            catch (OperationCanceledException) when (_work.IsCancellationRequested)
            {
                // Stopped mid-document: unacknowledged, so it will be delivered again.
            }
            catch (Exception error)
            {
                // The store or the broker failed: stop rather than acknowledge work that may not be kept.
                _stoppedBy ??= $"{error.GetType().Name}: {error.Message}";
                _done.TrySetResult();
            }
            finally
            {
                Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private void Count(Result result)
        {
            switch (result)
            {
                case Result.Stored: Interlocked.Increment(ref _stored); break;
                case Result.AlreadyStored: Interlocked.Increment(ref _alreadyStored); break;
                default: Interlocked.Increment(ref _deadLettered); break;
            }
        }

        private async Task<Result> ProcessAsync(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            var previous = ArticleMessage.PreviousDeliveries(properties);
            if (previous > options.MaxRedeliveries)
            {
                return await DeadLetterAsync(properties, body,
                    $"delivered {previous + 1} times without being finished (a worker crashed or was stopped on it each time)", cancellationToken);
            }

            var input = ArticleMessage.ToInput(properties, body);
            if (await store.ContainsDocumentAsync(input.Id, cancellationToken)) return Result.AlreadyStored;

            var outcome = AnalysisRunner.AnalyzeGuarded(pipeline, input, cancellationToken);
            if (outcome.Document is not { } document)
            {
                return await DeadLetterAsync(properties, body, outcome.Failure ?? "analysis failed", cancellationToken);
            }

            var added = await store.AddDocumentAsync(document, cancellationToken);
            if (!added) return Result.AlreadyStored;
            observer.DocumentStored(input.Source, document);
            return Result.Stored;
        }

        /// <summary>Records the failure in the store and moves the message to the dead-letter queue (confirmed) before it is acknowledged.</summary>
        private async Task<Result> DeadLetterAsync(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, string reason, CancellationToken cancellationToken)
        {
            var source = ArticleMessage.Source(properties);
            await store.RecordFailureAsync(source, reason, cancellationToken);
            await deadLetters.BasicPublishAsync(
                endpoint.DeadLetterExchange, routingKey: "", mandatory: false, ArticleMessage.DeadLetter(properties, reason), body, cancellationToken);
            observer.DeadLettered(source, reason);
            return Result.DeadLettered;
        }
    }
}
