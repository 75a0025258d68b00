using Dossier.Analysis;
using Dossier.Linking;
using Dossier.Serialization;

namespace Dossier.Reports;

/// <summary>
/// Everything the store holds about one canonical entity: the documents that mention it, with their annotations,
/// the entity's list hits, and the stories and claim links that cross-article linking found (empty until it runs).
/// </summary>
public sealed record EntityDossier(
    CanonicalEntity Entity,
    IReadOnlyList<StoredDocument> Documents,
    IReadOnlyList<WatchlistHitJson>? Hits = null,
    IReadOnlyList<StoryJson>? Stories = null,
    IReadOnlyList<ClaimLinkJson>? ClaimLinks = null)
{
    /// <summary>Above this many documents a dossier is shown without cross-article links, to keep a page's time bounded.</summary>
    public const int MaxLinkedDocuments = 1000;

    /// <summary>
    /// The dossier with its documents grouped into stories and its claims linked across documents (denials answering
    /// allegations elsewhere), computed over these documents only.
    /// </summary>
    public EntityDossier WithCrossArticleLinks(CancellationToken cancellationToken)
    {
        if (Documents.Count is < 2 or > MaxLinkedDocuments) return this;
        var linkable = Documents.Select(stored => LinkableDocuments.From(stored.Document, stored.CanonicalIds)).ToList();
        var (stories, links) = StoreLinking.Compute(linkable, cancellationToken);
        return this with { Stories = stories.Select(DossierJsonMapper.ToJson).ToList(), ClaimLinks = links.Select(DossierJsonMapper.ToJson).ToList() };
    }

    /// <summary>The mentions of this entity in one document, in text order.</summary>
    public static IEnumerable<MentionJson> MentionsIn(StoredDocument document, long entityId) =>
        document.Document.Entities.Where(m => document.CanonicalIds.TryGetValue(m.EntityId, out var id) && id == entityId);

    /// <summary>Up to <paramref name="radius"/> characters of text either side of a span, cut at word boundaries.</summary>
    public static (string Before, string Span, string After) Context(DocumentJson document, int start, int end, int radius = 90)
    {
        var text = document.Text;
        // Stored spans come from hostile input through other stages: clamp rather than trust them.
        end = Math.Clamp(end, 0, text.Length);
        start = Math.Clamp(start, 0, end);
        var from = Math.Max(0, start - radius);
        var to = Math.Min(text.Length, end + radius);
        while (from > 0 && from < start && !char.IsWhiteSpace(text[from - 1])) from++;
        while (to < text.Length && to > end && !char.IsWhiteSpace(text[to])) to--;
        return (Flatten(text[from..start], from > 0, false), text[start..end], Flatten(text[end..to], false, to < text.Length));
    }

    private static string Flatten(string value, bool ellipsisBefore, bool ellipsisAfter) =>
        (ellipsisBefore ? "…" : "") + value.Replace('\n', ' ') + (ellipsisAfter ? "…" : "");
}
