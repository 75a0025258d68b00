using Dossier.Documents;

namespace Dossier.Analysis;

/// <summary>
/// Stores analysed documents in small batches, one transaction each: a batch is written once <c>batchSize</c> documents
/// have gathered or the oldest has waited <c>batchDelay</c>, so that a commit is paid per batch rather than per document.
/// Documents may be handed in from any number of threads; each caller gets a task that completes only once its own
/// document is committed, which is what a queue consumer must wait for before it acknowledges a message.
/// A batch that fails is rolled back whole and its documents are then stored one at a time, so that only the one at
/// fault fails.
/// </summary>
public sealed class DocumentBatcher : IAsyncDisposable
{
    public const int DefaultBatchSize = 32;

    public static readonly TimeSpan DefaultBatchDelay = TimeSpan.FromMilliseconds(250);

    private readonly IDossierStore _store;
    private readonly int _batchSize;
    private readonly TimeSpan _batchDelay;
    private readonly CancellationToken _writing;
    private readonly Lock _lock = new();
    private List<Pending> _gathering = [];
    private long _batchNumber;
    private Task _lastWrite = Task.CompletedTask;

    /// <param name="writing">Cancels the writes themselves; <see cref="CancellationToken.None"/> lets a stopping caller keep what it handed in.</param>
    public DocumentBatcher(IDossierStore store, int batchSize, TimeSpan batchDelay, CancellationToken writing)
    {
        _store = store;
        _batchSize = Math.Max(1, batchSize);
        _batchDelay = batchDelay;
        _writing = writing;
    }

    /// <summary>
    /// Hands a document in to be stored with the next batch. The task says whether it was new once it is committed;
    /// it fails with the store's exception if this document (alone, after its batch was retried one by one) could not be stored.
    /// </summary>
    public Task<bool> StoreAsync(Document document)
    {
        var pending = new Pending(document);
        long? dueLater = null;
        lock (_lock)
        {
            _gathering.Add(pending);
            if (_gathering.Count >= _batchSize || _batchDelay <= TimeSpan.Zero) WriteGathered();
            else if (_gathering.Count == 1) dueLater = _batchNumber;
        }

        if (dueLater is { } batchNumber) _ = WriteWhenDueAsync(batchNumber);
        return pending.Stored.Task;
    }

    /// <summary>Writes what has gathered now, and waits until every batch handed in so far is written.</summary>
    public Task FlushAsync()
    {
        lock (_lock)
        {
            if (_gathering.Count > 0) WriteGathered();
            return _lastWrite;
        }
    }

    public async ValueTask DisposeAsync() => await FlushAsync();

    /// <summary>Starts writing the gathered documents after the batches before them, in the order they were handed in. Called under the lock.</summary>
    private void WriteGathered()
    {
        var batch = _gathering;
        _gathering = [];
        _batchNumber++;
        // On the thread pool, never inline under the lock; a write never throws, so the chain never breaks.
        _lastWrite = _lastWrite.ContinueWith(_ => WriteAsync(batch), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    private async Task WriteWhenDueAsync(long batchNumber)
    {
        await Task.Delay(_batchDelay, CancellationToken.None).ConfigureAwait(false);
        lock (_lock)
        {
            if (_batchNumber == batchNumber && _gathering.Count > 0) WriteGathered();
        }
    }

    /// <summary>Writes one batch; never throws: each document's task carries its outcome.</summary>
    private async Task WriteAsync(List<Pending> batch)
    {
        IReadOnlyList<bool>? isNew = null;
        try
        {
            isNew = await _store.AddDocumentsAsync(batch.Select(pending => pending.Document).ToList(), _writing).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The batch was rolled back whole; store its documents one at a time so that only the one at fault fails.
        }
        catch (OperationCanceledException)
        {
            foreach (var pending in batch) pending.Stored.TrySetCanceled(_writing);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var stored = batch[i].Stored;
            if (isNew is not null)
            {
                stored.TrySetResult(isNew[i]);
                continue;
            }

            try
            {
                stored.TrySetResult(await _store.AddDocumentAsync(batch[i].Document, _writing).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                stored.TrySetCanceled(_writing);
            }
            catch (Exception error)
            {
                stored.TrySetException(error);
            }
        }
    }

    private sealed class Pending(Document document)
    {
        public Document Document { get; } = document;

        public TaskCompletionSource<bool> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
