using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Claims;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Serialization;

namespace Dossier.Linking;

/// <summary>Builds <see cref="LinkableDocument"/>s from analysed documents or from their stored JSON.</summary>
public static partial class LinkableDocuments
{
    public static LinkableDocument From(Document document, IReadOnlyDictionary<int, long> canonicalIds)
    {
        ArgumentNullException.ThrowIfNull(document);
        var entities = document.GetOrDefault(Layers.Entities) ?? EntityLayer.Empty;
        var names = entities.Entities.ToDictionary(e => e.Id, e => e.Name);
        var claims = document.GetOrDefault(Layers.Claims);
        var linkable = new List<LinkableClaim>(claims.IsDefault ? 0 : claims.Length);
        if (!claims.IsDefault)
        {
            for (var i = 0; i < claims.Length; i++)
            {
                var claim = claims[i];
                if (claim.Span.End > document.Text.Length) continue;
                var text = document.TextOf(claim.Span);
                linkable.Add(new LinkableClaim(
                    i,
                    claim.Span,
                    text,
                    Canonical(claim.SubjectEntityIds, canonicalIds),
                    SubjectNames(claim.SubjectEntityIds, names, text),
                    claim.Status,
                    claim.Source?.Text,
                    claim.RespondsTo));
            }
        }

        var metadata = document.Metadata;
        return new LinkableDocument(document.Id, document.Text, metadata.Title, metadata.Site, metadata.Published, linkable);
    }

    public static LinkableDocument From(DocumentJson document, IReadOnlyDictionary<int, long> canonicalIds)
    {
        ArgumentNullException.ThrowIfNull(document);
        return From(new LinkedFieldsJson(document.Id, document.Title, document.Published, document.Site, document.Text, document.DocumentEntities, document.Claims), canonicalIds);
    }

    /// <summary>
    /// A stored document's JSON (the dossier contract) read for linking: only the fields linking uses are built, so that
    /// recomputing the links over every stored document does not build every mention, sentence and quote of each.
    /// Null when the JSON holds no document.
    /// </summary>
    public static LinkableDocument? FromStoredJson(string json, IReadOnlyDictionary<int, long> canonicalIds) =>
        JsonSerializer.Deserialize<LinkedFieldsJson>(json, DossierJsonMapper.Options) is { } document ? From(document, canonicalIds) : null;

    /// <summary>The fields of <see cref="DocumentJson"/> that linking reads, under the same JSON names.</summary>
    private sealed record LinkedFieldsJson(
        string Id, string? Title, string? Published, string? Site, string Text, IReadOnlyList<DocumentEntityJson> DocumentEntities, IReadOnlyList<ClaimJson> Claims);

    private static LinkableDocument From(LinkedFieldsJson document, IReadOnlyDictionary<int, long> canonicalIds)
    {
        var names = document.DocumentEntities.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First().Name);
        var claims = new List<LinkableClaim>(document.Claims.Count);
        for (var i = 0; i < document.Claims.Count; i++)
        {
            var claim = document.Claims[i];
            if (claim.Start < 0 || claim.End > document.Text.Length || claim.End < claim.Start) continue;
            var status = Enum.TryParse<ClaimStatus>(claim.Status.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed)
                ? parsed
                : ClaimStatus.Asserted;
            claims.Add(new LinkableClaim(
                i,
                new TextSpan(claim.Start, claim.End),
                claim.Text,
                Canonical(claim.SubjectEntityIds, canonicalIds),
                SubjectNames(claim.SubjectEntityIds, names, claim.Text),
                status,
                claim.Source?.Text,
                claim.RespondsTo));
        }

        DateTimeOffset? published = DateTimeOffset.TryParse(document.Published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
        return new LinkableDocument(document.Id, document.Text, document.Title, document.Site, published, claims);
    }

    private static List<long> Canonical(IEnumerable<int> subjects, IReadOnlyDictionary<int, long> canonicalIds) =>
        subjects.Where(canonicalIds.ContainsKey).Select(id => canonicalIds[id]).Distinct().ToList();

    /// <summary>
    /// The subjects' names; without entities (the NER model may be absent), the capitalised words of the claim
    /// stand in for them, which is enough to block candidate claims by who they are about.
    /// </summary>
    private static List<string> SubjectNames(IEnumerable<int> subjects, Dictionary<int, string> names, string claimText)
    {
        var found = subjects.Where(names.ContainsKey).Select(id => names[id]).Distinct(StringComparer.Ordinal).ToList();
        if (found.Count > 0) return found;
        return CapitalisedWord().Matches(claimText).Select(m => m.Value).Where(w => !SentenceStarters.Contains(w)).Distinct(StringComparer.Ordinal).Take(8).ToList();
    }

    private static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "It", "In", "On", "At", "He", "She", "They", "We", "I", "This", "That", "But", "And", "According", "Its", "Their", "Our",
    };

    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{Mn}'’-]{1,}\b")]
    private static partial Regex CapitalisedWord();
}
