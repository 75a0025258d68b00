using System.Text.Json;
using Dossier.Linking;
using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Sqlite;

// The story index (migration 0009): documents placed in stories one at a time, in the order they were stored (rowid).
public sealed partial class SqliteLinkStore
{
    public async Task<IStoryIndexTransaction> BeginStoryIndexAsync(CancellationToken cancellationToken) =>
        new StoryIndexTransaction(this, await BeginTakingTurnsAsync(cancellationToken));

    /// <summary>
    /// An immediate transaction, holding this store's gate until it is disposed: two processes placing documents or linking
    /// claims at once take turns, so that nothing is placed or linked twice.
    /// </summary>
    private async Task<SqliteTransaction> BeginTakingTurnsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _connection.BeginTransaction(deferred: false);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public async Task<IReadOnlyList<StoryCluster>> GetStoriesAsync(IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var members = new List<(long Story, string Id, string? Site)>();
            await using var command = Command(
                """
                SELECT s.story, s.document_id, d.site FROM story_index s JOIN documents d ON d.id = s.document_id
                WHERE $all OR s.story IN (SELECT story FROM story_index WHERE document_id IN (SELECT value FROM json_each($ids)))
                ORDER BY s.story, s.sequence
                """,
                null, ("$all", documentIds is null), ("$ids", JsonSerializer.Serialize(documentIds ?? [])));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) members.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            return StoryIndex.Stories(members);
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class StoryIndexTransaction(SqliteLinkStore store, SqliteTransaction transaction) : IStoryIndexTransaction
    {
        private readonly Dictionary<string, long> _rowids = new(StringComparer.Ordinal);

        public async Task<IReadOnlyList<StoryInput>> UnplacedAsync(int limit, CancellationToken cancellationToken)
        {
            // Rowids only grow, and a stored document is never replaced, so the documents after the last one placed are the new ones.
            await using var command = store.Command(
                """
                SELECT rowid, id, title, text, site FROM documents
                WHERE rowid > (SELECT COALESCE(MAX(document_rowid), 0) FROM story_index) ORDER BY rowid LIMIT $limit
                """,
                transaction, ("$limit", limit));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var documents = new List<StoryInput>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(1);
                _rowids[id] = reader.GetInt64(0);
                documents.Add(new StoryInput(id, StoryIndex.StoryText(reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return documents;
        }

        public async Task<long> NextSequenceAsync(CancellationToken cancellationToken)
        {
            await using var command = store.Command("SELECT COALESCE(MAX(sequence), 0) + 1 FROM story_index", transaction);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public async Task<IReadOnlyList<PlacedDocument>> BucketAsync(ulong key, CancellationToken cancellationToken)
        {
            await using var command = store.Command(
                "SELECT s.story, s.signature FROM story_buckets b JOIN story_index s ON s.sequence = b.sequence WHERE b.band_key = $key ORDER BY b.sequence",
                transaction, ("$key", unchecked((long)key)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var members = new List<PlacedDocument>();
            while (await reader.ReadAsync(cancellationToken)) members.Add(new PlacedDocument(reader.GetInt64(0), StoryIndex.FromBytes((byte[])reader.GetValue(1))));
            return members;
        }

        public async Task SaveAsync(string documentId, long sequence, StoryPlacement placement, CancellationToken cancellationToken)
        {
            await store.ExecuteAsync(transaction, cancellationToken,
                "INSERT INTO story_index (sequence, document_id, document_rowid, story, signature) VALUES ($sequence, $document, $rowid, $story, $signature)",
                ("$sequence", sequence), ("$document", documentId), ("$rowid", _rowids[documentId]), ("$story", placement.Story),
                ("$signature", placement.Signature is null ? null : StoryIndex.ToBytes(placement.Signature)));
            foreach (var key in placement.Buckets)
            {
                await store.ExecuteAsync(transaction, cancellationToken, "INSERT INTO story_buckets (band_key, sequence) VALUES ($key, $sequence)",
                    ("$key", unchecked((long)key)), ("$sequence", sequence));
            }

            if (placement.AbsorbedStories.Count > 0) await store.ExecuteAsync(transaction, cancellationToken, StoredRows.StoryJoinInsert, ("@sequence", sequence));
            foreach (var absorbed in placement.AbsorbedStories)
            {
                await store.ExecuteAsync(transaction, cancellationToken, "UPDATE story_index SET story = $story WHERE story = $absorbed",
                    ("$story", placement.Story), ("$absorbed", absorbed));
            }
        }

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            store._gate.Release();
        }
    }
}
