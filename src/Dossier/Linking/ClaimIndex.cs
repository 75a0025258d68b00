namespace Dossier.Linking;

/// <summary>A stored document whose claims are not linked yet, with its place in stored order (its story-index sequence).</summary>
public sealed record UnlinkedDocument(long Sequence, LinkableDocument Document);

/// <summary>The linked claims holding one subject key: how many there are, and the latest of them in stored order.</summary>
public sealed record ClaimKeyMembers(string Key, long Count, IReadOnlyList<IndexedClaim> Latest);

/// <summary>
/// The claim index of a store as one transaction sees it: the linked claims by subject key, the documents placed in
/// stories but not linked yet, and the writes of one linking. Linkings take turns, so that no claim is linked twice.
/// </summary>
public interface IClaimIndexTransaction : IAsyncDisposable
{
    /// <summary>Documents placed in stories after the last one linked, in stored order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<UnlinkedDocument>> UnlinkedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>For each key that any linked claim holds: their number, and the latest <paramref name="latest"/> of them, oldest first.</summary>
    Task<IReadOnlyList<ClaimKeyMembers>> MembersAsync(IReadOnlyCollection<string> keys, int latest, CancellationToken cancellationToken);

    /// <summary>The linked claims of these documents that answer another claim of their own document.</summary>
    Task<IReadOnlyList<IndexedClaim>> AnswersAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken);

    /// <summary>The story of each of these documents that is placed in one; only equality of two stories means anything.</summary>
    Task<IReadOnlyDictionary<string, string>> StoriesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the claims of the documents up to <paramref name="linkedThrough"/> (a sequence) to the index, and their links to
    /// the stored ones; links between two documents that are now one story become repeats, as stories join.
    /// </summary>
    Task SaveAsync(IReadOnlyList<IndexedClaim> claims, IReadOnlyList<ClaimLink> links, long linkedThrough, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
