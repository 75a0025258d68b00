using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Pipeline;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Dossier.Queue;

public sealed record WorkerOptions
{
    /// <summary>Documents analysed at once; the broker sends twice as many ahead, plus a batch, so that none waits.</summary>
    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>At most this many analysed documents are stored together in one transaction (messages are acknowledged after it commits).</summary>
    public int BatchSize { get; init; } = DocumentBatcher.DefaultBatchSize;

    /// <summary>An analysed document waits at most about this long to be stored, however few have gathered.</summary>
    public TimeSpan BatchDelay { get; init; } = DocumentBatcher.DefaultBatchDelay;

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
/// Consumes the work queue: analyses each article, stores it with others in a batch (one transaction), and acknowledges
/// it only after that batch committed, so that a crash at any moment leaves the message to be delivered again.
/// Redelivery is harmless: a document already stored (same content hash) is acknowledged without work. Failures go to
/// the dead-letter queue with their reason.
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
        // Analysed documents wait for their batch unacknowledged: the prefetch leaves room for a whole batch besides those in analysis.
        var batchSize = Math.Clamp(options.BatchSize, 1, 1024);
        await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: (ushort)(parallelism * 2 + batchSize), global: false, cancellationToken);
        await using var deadLetters = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

        using var work = new CancellationTokenSource();
        var run = new Run(pipeline, store, endpoint, options with { BatchSize = batchSize }, observer, channel, deadLetters, work);
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
    /// <param name="work">Cancels documents in hand (analysis and storing), once a stopping worker's drain timeout has passed.</param>
    private sealed class Run(
        AnalysisPipeline pipeline, IDossierStore store, QueueEndpoint endpoint, WorkerOptions options, IWorkerObserver observer,
        IChannel channel, IChannel deadLetters, CancellationTokenSource work)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stopping = new();
        private readonly DocumentBatcher _batcher = new(store, options.BatchSize, options.BatchDelay, work.Token);
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

            // Documents already analysed are written now rather than after the batch delay.
            _ = _batcher.FlushAsync();
            work.CancelAfter(options.DrainTimeout);
            while (Volatile.Read(ref _inFlight) > 0) await Task.Delay(50);
        }

        public async Task HandleAsync(BasicDeliverEventArgs delivery)
        {
            // Left unacknowledged: the broker gives it to another worker when this channel closes.
            if (_stopping.IsCancellationRequested) return;
            if (options.MaxMessages is { } max && Interlocked.Increment(ref _claimed) > max) return;

            Interlocked.Increment(ref _inFlight);
            Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
            Task<Result> finishing;
            try
            {
                finishing = await ProcessAsync(delivery.BasicProperties, delivery.Body, work.Token);
            }
            catch (Exception error)
            {
                finishing = Task.FromException<Result>(error);
            }

            // The handler returns once the document is analysed, so that the next one is analysed while this one waits for its batch.
            _ = AcknowledgeWhenFinishedAsync(delivery.DeliveryTag, finishing);
        }

        /// <summary>Acknowledges a message once its document is committed (or it is dead-lettered), never before.</summary>
        private async Task AcknowledgeWhenFinishedAsync(ulong deliveryTag, Task<Result> finishing)
        {
            try
            {
                var result = await finishing;
                await channel.BasicAckAsync(deliveryTag, multiple: false, CancellationToken.None);
                Count(result);
                if (Interlocked.Increment(ref _finished) == options.MaxMessages) _done.TrySetResult();
            }
            catch (OperationCanceledException) when (work.IsCancellationRequested)
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

        /// <summary>Analyses a message's article and hands the document to the batcher; the task returned finishes once it is stored.</summary>
        private async Task<Task<Result>> ProcessAsync(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            var previous = ArticleMessage.PreviousDeliveries(properties);
            if (previous > options.MaxRedeliveries)
            {
                return Task.FromResult(await DeadLetterAsync(properties, body,
                    $"delivered {previous + 1} times without being finished (a worker crashed or was stopped on it each time)", cancellationToken));
            }

            var input = ArticleMessage.ToInput(properties, body);
            if (await store.ContainsDocumentAsync(input.Id, cancellationToken)) return Task.FromResult(Result.AlreadyStored);

            var outcome = AnalysisRunner.AnalyzeGuarded(pipeline, input, cancellationToken);
            if (outcome.Document is not { } document)
            {
                return Task.FromResult(await DeadLetterAsync(properties, body, outcome.Failure ?? "analysis failed", cancellationToken));
            }

            return StoredAsync(input.Source, document, _batcher.StoreAsync(document));
        }

        private async Task<Result> StoredAsync(string source, Document document, Task<bool> storing)
        {
            if (!await storing) return Result.AlreadyStored;
            observer.DocumentStored(source, document);
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
