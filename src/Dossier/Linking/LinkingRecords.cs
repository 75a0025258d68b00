using Dossier.Claims;
using Dossier.Documents;

namespace Dossier.Linking;

/// <summary>What cross-article linking needs of a document: its text, where and when it appeared, and its claims.</summary>
public sealed record LinkableDocument(
    string Id,
    string Text,
    string? Title,
    string? Site,
    DateTimeOffset? Published,
    IReadOnlyList<LinkableClaim> Claims);

/// <summary>A claim with its subjects resolved to canonical entities (empty when the document has no entities).</summary>
/// <param name="SubjectNames">The subjects' names, or capitalised words of the claim when entities are absent.</param>
/// <param name="Source">Whom the claim rests on, as the text names it ("the Financial Times"), if it says.</param>
public sealed record LinkableClaim(
    int Index,
    TextSpan Span,
    string Text,
    IReadOnlyList<long> Subjects,
    IReadOnlyList<string> SubjectNames,
    ClaimStatus Status,
    string? Source,
    int? RespondsTo);

/// <summary>Near-duplicate articles (the same wire copy, light rewrites) grouped as one story.</summary>
/// <param name="Sites">The distinct outlets that carried the story.</param>
public sealed record StoryCluster(string Id, IReadOnlyList<string> DocumentIds, IReadOnlyList<string> Sites);

public enum ClaimRelation
{
    /// <summary>Another article makes the same claim independently.</summary>
    Supports,

    /// <summary>One side denies or contradicts the other.</summary>
    Denies,

    /// <summary>The same claim from the same story or the same cited source: a copy, not a corroboration.</summary>
    Repeats,
}

public sealed record ClaimRef(string DocumentId, int ClaimIndex);

/// <summary>A link between claims of two documents, with the spans it rests on and why it was made.</summary>
public sealed record ClaimLink(
    ClaimRef From,
    ClaimRef To,
    ClaimRelation Relation,
    double Confidence,
    TextSpan FromEvidence,
    TextSpan ToEvidence,
    string Explanation);

/// <summary>
/// A claim as linking compares it, and as a store keeps it once linked: where it lies in stored order (its document's
/// sequence, then its index), the content words its overlap is measured on, and the subject keys its candidates come from.
/// </summary>
/// <param name="Words">Distinct stemmed content words, subjects' and attribution words left out.</param>
/// <param name="Keys">Its subjects: canonical entities ("E:42"), or folded names ("N:ORG:alibaba") when entities are absent.</param>
/// <param name="SourceKey">The folded name of whom it rests on, if the text says.</param>
public sealed record IndexedClaim(
    long Sequence,
    string DocumentId,
    int Index,
    TextSpan Span,
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Keys,
    ClaimStatus Status,
    string? Source,
    string? SourceKey,
    int? RespondsTo)
{
    public bool Denies => Status is ClaimStatus.Denied or ClaimStatus.Negated;

    public ClaimRef Ref => new(DocumentId, Index);

    /// <summary>Stored order: by document sequence, then by the claim's index in its document.</summary>
    public int CompareOrder(IndexedClaim other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var bySequence = Sequence.CompareTo(other.Sequence);
        return bySequence != 0 ? bySequence : Index.CompareTo(other.Index);
    }
}
