using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dossier.Linking;
using Dossier.Serialization;
using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Sqlite;

// The claim index (migration 0011): claims linked one page of documents at a time, in the story index's order.
public sealed partial class SqliteLinkStore
{
    public async Task<IClaimIndexTransaction> BeginClaimIndexAsync(CancellationToken cancellationToken) =>
        new ClaimIndexTransaction(this, await BeginTakingTurnsAsync(cancellationToken));

    public async Task<IReadOnlyList<ClaimLinkJson>> GetClaimLinksAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(StoredRows.ClaimLinksQuery, null);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await StoredRows.ReadClaimLinksAsync(reader, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async IAsyncEnumerable<ClaimLinkJson> ReadClaimLinksAsync(
        IReadOnlyCollection<string> documentIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            const string inRun = "IN (SELECT value FROM json_each($ids))";
            await using var command = Command(StoredRows.ClaimLinksTouchingQuery(inRun, inRun), null, ("$ids", JsonSerializer.Serialize(documentIds)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) yield return StoredRows.ReadClaimLink(reader);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<int, long>> CanonicalIdsAsync(string documentId, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var canonical = new Dictionary<int, long>();
        await using var command = Command("SELECT local_id, entity_id FROM document_entities WHERE document_id = $d", transaction, ("$d", documentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) canonical[reader.GetInt32(0)] = reader.GetInt64(1);
        return canonical;
    }

    private sealed class ClaimIndexTransaction(SqliteLinkStore store, SqliteTransaction transaction) : IClaimIndexTransaction
    {
        private long _linkedThrough;

        public async Task<IReadOnlyList<UnlinkedDocument>> UnlinkedAsync(int limit, CancellationToken cancellationToken)
        {
            await using (var through = store.Command(StoredRows.LinkedThroughQuery, transaction))
            {
                _linkedThrough = Convert.ToInt64(await through.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            var rows = new List<(long Sequence, string Id, string Annotations)>();
            await using (var command = store.Command(
                             """
                             SELECT s.sequence, d.id, d.annotations FROM story_index s JOIN documents d ON d.id = s.document_id
                             WHERE s.sequence > $after ORDER BY s.sequence LIMIT $limit
                             """,
                             transaction, ("$after", _linkedThrough), ("$limit", limit)))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            var documents = new List<UnlinkedDocument>(rows.Count);
            foreach (var (sequence, id, annotations) in rows)
            {
                documents.Add(StoredRows.Unlinked(sequence, id, annotations, await store.CanonicalIdsAsync(id, transaction, cancellationToken)));
            }

            return documents;
        }

        public async Task<IReadOnlyList<ClaimKeyMembers>> MembersAsync(IReadOnlyCollection<string> keys, int latest, CancellationToken cancellationToken)
        {
            var members = new List<ClaimKeyMembers>();
            foreach (var key in keys)
            {
                long count;
                await using (var counting = store.Command(StoredRows.ClaimsOfKeyCountQuery, transaction, ("@key", key)))
                {
                    count = Convert.ToInt64(await counting.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                }

                if (count == 0) continue;
                await using var command = store.Command(StoredRows.LatestClaimsOfKeyQuery, transaction, ("@key", key), ("@latest", latest));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                members.Add(new ClaimKeyMembers(key, count, await StoredRows.ReadAllAsync(reader, StoredRows.ReadLinkedClaim, cancellationToken)));
            }

            return members;
        }

        public async Task<IReadOnlyList<IndexedClaim>> AnswersAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
        {
            await using var command = store.Command(
                $"SELECT {StoredRows.LinkedClaimColumns} FROM linked_claims c WHERE c.document_id IN (SELECT value FROM json_each($ids)) AND c.responds_to IS NOT NULL",
                transaction, ("$ids", JsonSerializer.Serialize(documentIds)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await StoredRows.ReadAllAsync(reader, StoredRows.ReadLinkedClaim, cancellationToken);
        }

        public async Task<IReadOnlyDictionary<string, string>> StoriesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
        {
            await using var command = store.Command("SELECT document_id, story FROM story_index WHERE document_id IN (SELECT value FROM json_each($ids))",
                transaction, ("$ids", JsonSerializer.Serialize(documentIds)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var stories = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken)) stories[reader.GetString(0)] = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
            return stories;
        }

        public async Task SaveAsync(IReadOnlyList<IndexedClaim> claims, IReadOnlyList<ClaimLink> links, long linkedThrough, CancellationToken cancellationToken)
        {
            // A page's links can number tens of thousands: each statement is compiled once for the page.
            await using var prepared = new PreparedCommands(store._connection);
            foreach (var claim in claims)
            {
                await prepared.Get(StoredRows.LinkedClaimInsert, transaction, StoredRows.LinkedClaimParameters(claim, "@")).ExecuteNonQueryAsync(cancellationToken);
                foreach (var key in claim.Keys)
                {
                    await prepared.Get(StoredRows.ClaimKeyInsert, transaction, StoredRows.ClaimKeyParameters(key, claim, "@")).ExecuteNonQueryAsync(cancellationToken);
                }
            }

            foreach (var link in links)
            {
                await prepared.Get(StoredRows.ClaimLinkInsert, transaction, StoredRows.ClaimLinkParameters(link, "@")).ExecuteNonQueryAsync(cancellationToken);
            }
            await store.ExecuteAsync(transaction, cancellationToken, StoredRows.RepeatsWithinJoinedStories, ("@from", _linkedThrough), ("@through", linkedThrough));
            await store.ExecuteAsync(transaction, cancellationToken, StoredRows.LinkedThroughUpdate, ("@through", linkedThrough));
        }

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            store._gate.Release();
        }
    }
}
