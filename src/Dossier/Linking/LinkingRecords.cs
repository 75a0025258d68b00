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
