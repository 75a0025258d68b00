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
