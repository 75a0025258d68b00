using Dossier.Serialization;

namespace Dossier.Analysis;

/// <summary>A full-text search with optional filters; an empty <see cref="Text"/> lists the newest items that pass the filters.</summary>
/// <param name="Kind">article, quote or claim; null for all.</param>
/// <param name="From">Earliest publication date (ISO, inclusive).</param>
/// <param name="To">Latest publication date (ISO prefix, inclusive: "2020-08" covers August).</param>
/// <param name="Source">The outlet (site, else the source's name).</param>
public sealed record SearchQuery(
    string? Text,
    string? Kind = null,
    long? EntityId = null,
    string? Category = null,
    string? Status = null,
    string? From = null,
    string? To = null,
    string? Source = null,
    int Limit = 20,
    int Offset = 0)
{
    public const int MaxLimit = 200;
}

/// <summary>One match. <paramref name="Snippet"/> is plain text; <paramref name="Highlights"/> are the matched stretches within it.</summary>
/// <param name="Item">The index of the quote or claim in its document; null for an article.</param>
public sealed record SearchHit(
    string Kind,
    string DocumentId,
    int? Item,
    int Start,
    int End,
    string? Title,
    string Snippet,
    IReadOnlyList<SpanJson> Highlights,
    double Score,
    string? Category,
    string? Status,
    string? Published,
    string Outlet);

public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, bool HasMore);

/// <summary>
/// A list hit of a canonical entity with the analyst's decision (<see cref="HitDecisions"/>) and its note. A hit is
/// remembered per entity and list entry, so a decision survives later screenings.
/// </summary>
public sealed record HitReview(long Id, long EntityId, string EntityName, WatchlistHitJson Hit, string? Note, string? DecidedAt);
