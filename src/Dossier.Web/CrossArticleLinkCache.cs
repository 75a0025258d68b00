using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dossier.Analysis;
using Dossier.Reports;
using Dossier.Serialization;

namespace Dossier.Web;

/// <summary>
/// The stories and claim links of each entity's dossier, computed once and reused by every later view until the
/// dossier's documents change: a stored document is immutable (keyed by content hash), so the links depend only on
/// which documents mention the entity and on their canonical ids, and those are what each entry is keyed by. Any
/// writer (this server, a worker, <c>dossier analyze</c>) that adds a document or merges an entity changes the key.
/// </summary>
internal sealed class CrossArticleLinkCache
{
    /// <summary>Entities whose links are kept; beyond it an entry is dropped, so that memory stays bounded.</summary>
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<long, Entry> _byEntity = new();

    public EntityDossier WithCrossArticleLinks(EntityDossier dossier, CancellationToken cancellationToken)
    {
        var version = VersionOf(dossier.Documents);
        if (_byEntity.TryGetValue(dossier.Entity.Id, out var cached) && cached.Version.AsSpan().SequenceEqual(version))
        {
            return dossier with { Stories = cached.Stories, ClaimLinks = cached.ClaimLinks };
        }

        var linked = dossier.WithCrossArticleLinks(cancellationToken);
        if (_byEntity.Count >= Capacity && !_byEntity.ContainsKey(dossier.Entity.Id))
        {
            foreach (var key in _byEntity.Keys.Take(_byEntity.Count - Capacity + 1)) _byEntity.TryRemove(key, out _);
        }

        _byEntity[dossier.Entity.Id] = new Entry(version, linked.Stories, linked.ClaimLinks);
        return linked;
    }

    /// <summary>A hash of the documents in order with the canonical id of each of their entities.</summary>
    private static byte[] VersionOf(IReadOnlyList<StoredDocument> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> pair = stackalloc byte[sizeof(int) + sizeof(long)];
        foreach (var document in documents)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(document.Document.Id));
            foreach (var (entity, canonical) in document.CanonicalIds.OrderBy(pair => pair.Key))
            {
                BitConverter.TryWriteBytes(pair, entity);
                BitConverter.TryWriteBytes(pair[sizeof(int)..], canonical);
                hash.AppendData(pair);
            }

            hash.AppendData("\n"u8);
        }

        return hash.GetHashAndReset();
    }

    private sealed record Entry(byte[] Version, IReadOnlyList<StoryJson>? Stories, IReadOnlyList<ClaimLinkJson>? ClaimLinks);
}
