using Dossier.Documents;
using Dossier.Linking;
using Dossier.Serialization;

namespace Dossier.Analysis;

/// <summary>Where analysed documents, their entities and failed inputs are kept. Documents are keyed by content hash.</summary>
public interface IDossierStore : IAsyncDisposable
{
    Task<bool> ContainsDocumentAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Stores a document and links its entities to canonical ones, in one transaction. False if it was already stored.</summary>
    Task<bool> AddDocumentAsync(Document document, CancellationToken cancellationToken);

    /// <summary>
    /// Stores documents as <see cref="AddDocumentAsync"/> does, all in one transaction so that a batch pays for one commit:
    /// for each document in order, whether it was new. All or nothing: if it throws, none of the batch is stored.
    /// </summary>
    Task<IReadOnlyList<bool>> AddDocumentsAsync(IReadOnlyList<Document> documents, CancellationToken cancellationToken);

    Task RecordFailureAsync(string source, string reason, CancellationToken cancellationToken);

    /// <summary>Canonical entity of each in-document entity of a stored document.</summary>
    Task<IReadOnlyDictionary<int, long>> GetCanonicalIdsAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>The most mentioned canonical entities of these documents, with counts over these documents.</summary>
    Task<IReadOnlyList<EntitySummary>> SummarizeEntitiesAsync(IReadOnlyCollection<string> documentIds, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<CanonicalEntity>> GetEntitiesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken);

    /// <summary>
    /// The entities <see cref="GetEntitiesAsync"/> gives, in the same order (by id), read a page at a time so that memory
    /// stays flat however many documents the run had. The store may be used between entities.
    /// </summary>
    IAsyncEnumerable<CanonicalEntity> ReadEntitiesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken);

    /// <summary>Entities whose name or an alias matches, best first: exact (ignoring case), then containing the query.</summary>
    Task<IReadOnlyList<CanonicalEntity>> FindEntitiesAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredDocument>> GetDocumentsMentioningAsync(long entityId, CancellationToken cancellationToken);

    /// <summary>Every stored document in the order it was stored, read a page at a time so that memory stays flat.</summary>
    IAsyncEnumerable<StoredDocument> ReadDocumentsAsync(CancellationToken cancellationToken);

    Task<StoreCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>A stored document with its canonical ids, or null.</summary>
    Task<StoredDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken);

    Task<CanonicalEntity?> GetEntityAsync(long entityId, CancellationToken cancellationToken);

    /// <summary>The most mentioned canonical entities of the whole store, with counts; <paramref name="name"/> filters by name or alias.</summary>
    Task<IReadOnlyList<EntitySummary>> ListEntitiesAsync(string? name, int limit, CancellationToken cancellationToken);

    /// <summary>Full-text search over articles, quotes and claims, best first.</summary>
    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken);

    /// <summary>Records a list hit of a canonical entity; a hit already recorded (same entity and list entry) is updated but keeps the analyst's decision. Returns its id.</summary>
    Task<long> AddWatchlistHitAsync(long entityId, WatchlistHitJson hit, CancellationToken cancellationToken);

    /// <summary>List hits, of one entity or (null) of all, with their decisions.</summary>
    Task<IReadOnlyList<HitReview>> GetWatchlistHitsAsync(long? entityId, CancellationToken cancellationToken);

    /// <summary>Remembers an analyst's decision (one of <see cref="HitDecisions.All"/>) and note on a hit; null if there is no such hit.</summary>
    Task<HitReview?> DecideHitAsync(long hitId, string decision, string? note, CancellationToken cancellationToken);
}

public sealed record EntitySummary(CanonicalEntity Entity, int Mentions, int Quotes, int Claims);

/// <summary>A stored document as its JSON, with the canonical entity of each in-document entity.</summary>
public sealed record StoredDocument(DocumentJson Document, IReadOnlyDictionary<int, long> CanonicalIds);

public sealed record StoreCounts(int Documents, int Entities, int Failures);
