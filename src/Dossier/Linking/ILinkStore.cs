using Dossier.Serialization;

namespace Dossier.Linking;

/// <summary>
/// The cross-article side of the store: analysts' merge and split decisions (honoured when later documents are
/// stored), and the story clusters and claim links computed over the stored documents.
/// </summary>
public interface ILinkStore : IAsyncDisposable
{
    /// <summary>Merges one canonical entity into another; mentions stored later under the merged entity follow it.</summary>
    Task<EntityDecision> MergeAsync(long entityId, long intoEntityId, string reason, CancellationToken cancellationToken);

    /// <summary>Splits a name off its canonical entity into a new entity; later mentions of that name go to the new entity.</summary>
    Task<EntityDecision> SplitAsync(long entityId, string alias, string reason, CancellationToken cancellationToken);

    /// <summary>Decisions about an entity (either side), oldest first; all decisions when no entity is given.</summary>
    Task<IReadOnlyList<EntityDecision>> GetDecisionsAsync(long? entityId, CancellationToken cancellationToken);

    /// <summary>Why each alias of an entity belongs to it: the shared key's normalisation steps and analysts' decisions.</summary>
    Task<IReadOnlyList<string>> ExplainAsync(long entityId, CancellationToken cancellationToken);

    /// <summary>Every stored document in the form linking needs, in stored order (the order the story index places them).</summary>
    Task<IReadOnlyList<LinkableDocument>> GetLinkableDocumentsAsync(CancellationToken cancellationToken);

    /// <summary>Starts placing the documents stored since the last placement in stories (see <see cref="StoryIndex"/>).</summary>
    Task<IStoryIndexTransaction> BeginStoryIndexAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The stories, as placed so far, that hold any of the documents given (every story when none are given), by id;
    /// each lists its documents in stored order.
    /// </summary>
    Task<IReadOnlyList<StoryCluster>> GetStoriesAsync(IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken);

    /// <summary>Starts linking the claims of the documents placed since the last linking (see <see cref="StoreLinking.LinkNewAsync"/>).</summary>
    Task<IClaimIndexTransaction> BeginClaimIndexAsync(CancellationToken cancellationToken);

    /// <summary>The claim links as kept so far (relation and confidence; evidence spans are not kept), in a stable order.</summary>
    Task<IReadOnlyList<ClaimLinkJson>> GetClaimLinksAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The claim links touching any of the documents given, in stored order of their claims, read as they are enumerated
    /// (a run's links can outnumber its documents a hundredfold); no other call on the store may come before the end.
    /// </summary>
    IAsyncEnumerable<ClaimLinkJson> ReadClaimLinksAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken);
}

public enum EntityDecisionKind
{
    Merge,
    Split,
}

/// <summary>An analyst's decision. For a merge, <paramref name="OtherId"/> is the entity merged into; for a split, the new entity.</summary>
public sealed record EntityDecision(long Id, EntityDecisionKind Kind, long EntityId, long OtherId, string? Alias, string Reason, DateTimeOffset At);
