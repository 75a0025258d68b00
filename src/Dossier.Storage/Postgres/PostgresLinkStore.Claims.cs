using System.Globalization;
using System.Runtime.CompilerServices;
using Dossier.Linking;
using Dossier.Serialization;
using Npgsql;

namespace Dossier.Storage.Postgres;

// The claim index (migration 0004): claims linked one page of documents at a time, as in the SQLite store.
public sealed partial class PostgresLinkStore
{
    // Linkings take turns on this advisory lock ("claims" in ASCII), so that no claim is linked twice.
    private const long ClaimIndexLockKey = 0x636c61696d73;

    public async Task<IClaimIndexTransaction> BeginClaimIndexAsync(CancellationToken cancellationToken)
    {
        var (connection, transaction) = await BeginTakingTurnsAsync(ClaimIndexLockKey, cancellationToken);
        return new ClaimIndexTransaction(connection, transaction);
    }

    public async Task<IReadOnlyList<ClaimLinkJson>> GetClaimLinksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDossierStore.Command(connection, StoredRows.ClaimLinksQuery);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoredRows.ReadClaimLinksAsync(reader, cancellationToken);
    }

    public async IAsyncEnumerable<ClaimLinkJson> ReadClaimLinksAsync(
        IReadOnlyCollection<string> documentIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDossierStore.Command(connection, StoredRows.ClaimLinksTouchingQuery("= ANY(@ids)", "= ANY(@ids)"), ("ids", documentIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) yield return StoredRows.ReadClaimLink(reader);
    }

    private sealed class ClaimIndexTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : IClaimIndexTransaction
    {
        private long _linkedThrough;

        public async Task<IReadOnlyList<UnlinkedDocument>> UnlinkedAsync(int limit, CancellationToken cancellationToken)
        {
            await using (var through = PostgresDossierStore.Command(connection, StoredRows.LinkedThroughQuery))
            {
                _linkedThrough = Convert.ToInt64(await through.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            var rows = new List<(long Sequence, string Id, string Annotations)>();
            await using (var command = PostgresDossierStore.Command(connection,
                             """
                             SELECT s.sequence, d.id, d.annotations FROM story_index s JOIN documents d ON d.id = s.document_id
                             WHERE s.sequence > @after ORDER BY s.sequence LIMIT @limit
                             """,
                             ("after", _linkedThrough), ("limit", limit)))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            var canonical = new Dictionary<string, Dictionary<int, long>>(StringComparer.Ordinal);
            await using (var command = PostgresDossierStore.Command(connection,
                             "SELECT document_id, local_id, entity_id FROM document_entities WHERE document_id = ANY(@ids)", ("ids", rows.Select(r => r.Id).ToArray())))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetString(0);
                    if (!canonical.TryGetValue(id, out var map)) canonical[id] = map = [];
                    map[reader.GetInt32(1)] = reader.GetInt64(2);
                }
            }

            return rows.Select(row => StoredRows.Unlinked(row.Sequence, row.Id, row.Annotations, canonical.GetValueOrDefault(row.Id) ?? [])).ToList();
        }

        public async Task<IReadOnlyList<ClaimKeyMembers>> MembersAsync(IReadOnlyCollection<string> keys, int latest, CancellationToken cancellationToken)
        {
            var members = new List<ClaimKeyMembers>();
            foreach (var key in keys)
            {
                long count;
                await using (var counting = PostgresDossierStore.Command(connection, StoredRows.ClaimsOfKeyCountQuery, ("key", key)))
                {
                    count = Convert.ToInt64(await counting.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                }

                if (count == 0) continue;
                await using var command = PostgresDossierStore.Command(connection, StoredRows.LatestClaimsOfKeyQuery, ("key", key), ("latest", latest));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                members.Add(new ClaimKeyMembers(key, count, await StoredRows.ReadAllAsync(reader, StoredRows.ReadLinkedClaim, cancellationToken)));
            }

            return members;
        }

        public async Task<IReadOnlyList<IndexedClaim>> AnswersAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
        {
            await using var command = PostgresDossierStore.Command(connection,
                $"SELECT {StoredRows.LinkedClaimColumns} FROM linked_claims c WHERE c.document_id = ANY(@ids) AND c.responds_to IS NOT NULL",
                ("ids", documentIds.ToArray()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await StoredRows.ReadAllAsync(reader, StoredRows.ReadLinkedClaim, cancellationToken);
        }

        public async Task<IReadOnlyDictionary<string, string>> StoriesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
        {
            await using var command = PostgresDossierStore.Command(connection, "SELECT document_id, story FROM story_index WHERE document_id = ANY(@ids)",
                ("ids", documentIds.ToArray()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var stories = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken)) stories[reader.GetString(0)] = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
            return stories;
        }

        public async Task SaveAsync(IReadOnlyList<IndexedClaim> claims, IReadOnlyList<ClaimLink> links, long linkedThrough, CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var claim in claims)
            {
                batch.BatchCommands.Add(PostgresDossierStore.BatchCommand(StoredRows.LinkedClaimInsert, StoredRows.LinkedClaimParameters(claim, "")));
                foreach (var key in claim.Keys) batch.BatchCommands.Add(PostgresDossierStore.BatchCommand(StoredRows.ClaimKeyInsert, StoredRows.ClaimKeyParameters(key, claim, "")));
            }

            foreach (var link in links) batch.BatchCommands.Add(PostgresDossierStore.BatchCommand(StoredRows.ClaimLinkInsert, StoredRows.ClaimLinkParameters(link, "")));
            batch.BatchCommands.Add(PostgresDossierStore.BatchCommand(StoredRows.RepeatsWithinJoinedStories, ("from", _linkedThrough), ("through", linkedThrough)));
            batch.BatchCommands.Add(PostgresDossierStore.BatchCommand(StoredRows.LinkedThroughUpdate, ("through", linkedThrough)));
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
