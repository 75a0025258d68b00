using Dossier.Linking;
using Npgsql;

namespace Dossier.Storage.Postgres;

// The story index (migration 0002): documents placed in stories one at a time, as in the SQLite store.
public sealed partial class PostgresLinkStore
{
    // Placements take turns on this advisory lock ("story" in ASCII), so that no document is placed twice.
    private const long StoryIndexLockKey = 0x73746f7279;

    public async Task<IStoryIndexTransaction> BeginStoryIndexAsync(CancellationToken cancellationToken)
    {
        var (connection, transaction) = await BeginTakingTurnsAsync(StoryIndexLockKey, cancellationToken);
        return new StoryIndexTransaction(connection, transaction);
    }

    /// <summary>A transaction on its own connection that holds an advisory lock until it ends, so that its holders take turns.</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> BeginTakingTurnsAsync(long lockKey, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, cancellationToken, $"SELECT pg_advisory_xact_lock({lockKey})");
            return (connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<StoryCluster>> GetStoriesAsync(IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDossierStore.Command(connection,
            """
            SELECT s.story, s.document_id, d.site FROM story_index s JOIN documents d ON d.id = s.document_id
            WHERE @all OR s.story IN (SELECT story FROM story_index WHERE document_id = ANY(@ids))
            ORDER BY s.story, s.sequence
            """,
            ("all", documentIds is null), ("ids", (documentIds ?? []).ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new List<(long Story, string Id, string? Site)>();
        while (await reader.ReadAsync(cancellationToken)) members.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return StoryIndex.Stories(members);
    }

    private sealed class StoryIndexTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : IStoryIndexTransaction
    {
        public async Task<IReadOnlyList<StoryInput>> UnplacedAsync(int limit, CancellationToken cancellationToken)
        {
            // A queue written with each document, not a high-water mark: with several writers a document can commit after one
            // stored later was placed; and not a scan of every document for those in no story.
            await using var command = PostgresDossierStore.Command(connection,
                "SELECT d.id, d.title, d.text, d.site FROM unplaced_documents u JOIN documents d ON d.id = u.document_id ORDER BY u.seq LIMIT @limit",
                ("limit", limit));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var documents = new List<StoryInput>();
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add(new StoryInput(reader.GetString(0), StoryIndex.StoryText(reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            return documents;
        }

        public async Task<long> NextSequenceAsync(CancellationToken cancellationToken)
        {
            await using var command = PostgresDossierStore.Command(connection, "SELECT COALESCE(MAX(sequence), 0) + 1 FROM story_index");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        public async Task<IReadOnlyList<PlacedDocument>> BucketAsync(ulong key, CancellationToken cancellationToken)
        {
            await using var command = PostgresDossierStore.Command(connection,
                "SELECT s.story, s.signature FROM story_buckets b JOIN story_index s ON s.sequence = b.sequence WHERE b.band_key = @key ORDER BY b.sequence",
                ("key", unchecked((long)key)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var members = new List<PlacedDocument>();
            while (await reader.ReadAsync(cancellationToken)) members.Add(new PlacedDocument(reader.GetInt64(0), StoryIndex.FromBytes((byte[])reader.GetValue(1))));
            return members;
        }

        public async Task SaveAsync(string documentId, long sequence, StoryPlacement placement, CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(PostgresDossierStore.BatchCommand(
                "INSERT INTO story_index (sequence, document_id, story, signature) VALUES (@sequence, @document, @story, @signature)",
                ("sequence", sequence), ("document", documentId), ("story", placement.Story),
                ("signature", placement.Signature is null ? null : StoryIndex.ToBytes(placement.Signature))));
            batch.BatchCommands.Add(PostgresDossierStore.BatchCommand("DELETE FROM unplaced_documents WHERE document_id = @document", ("document", documentId)));
            foreach (var key in placement.Buckets)
            {
                batch.BatchCommands.Add(PostgresDossierStore.BatchCommand("INSERT INTO story_buckets (band_key, sequence) VALUES (@key, @sequence)",
                    ("key", unchecked((long)key)), ("sequence", sequence)));
            }

            if (placement.AbsorbedStories.Count > 0) batch.BatchCommands.Add(PostgresDossierStore.BatchCommand(StoredRows.StoryJoinInsert, ("sequence", sequence)));
            foreach (var absorbed in placement.AbsorbedStories)
            {
                batch.BatchCommands.Add(PostgresDossierStore.BatchCommand("UPDATE story_index SET story = @story WHERE story = @absorbed",
                    ("story", placement.Story), ("absorbed", absorbed)));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
