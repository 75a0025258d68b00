using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Dossier.Claims;
using Dossier.Documents;
using Dossier.Linking;
using Dossier.Quotes;

namespace Dossier.Serialization;

/// <summary>Maps documents and canonical entities to the JSON contract.</summary>
public static class DossierJsonMapper
{
    public const string SchemaVersion = "1.0";

    /// <summary>snake_case names, every Unicode letter kept readable, markup characters escaped.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static DocumentJson ToJson(Document document, IReadOnlyDictionary<int, long>? canonicalIds = null)
    {
        var metadata = document.Metadata;
        var entities = document.GetOrDefault(Layers.Entities) ?? Entities.EntityLayer.Empty;
        long? Canonical(int localId) => canonicalIds is not null && canonicalIds.TryGetValue(localId, out var id) ? id : null;

        return new DocumentJson(
            document.Id,
            metadata.Source,
            metadata.Url,
            metadata.Title,
            metadata.Published?.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
            metadata.Site,
            metadata.Language,
            metadata.Authors,
            document.Text,
            Map(document.GetOrDefault(Layers.Paragraphs), p => new ParagraphJson(p.Span.Start, p.Span.End, Snake(p.Kind))),
            Map(document.GetOrDefault(Layers.Sentences), s => new SentenceJson(s.Span.Start, s.Span.End)),
            entities.Mentions.Select(m => new MentionJson(
                document.TextOf(m.Span), m.Label.ToString(), m.Span.Start, m.Span.End, m.EntityId, Snake(m.Kind), m.Title, Canonical(m.EntityId))).ToList(),
            entities.Entities.Select(e => new DocumentEntityJson(e.Id, e.Name, e.Label.ToString(), e.Aliases, Canonical(e.Id))).ToList(),
            Map(document.GetOrDefault(Layers.Figures), f => new FigureJson(
                document.TextOf(f.Span), f.Kind.ToString(), f.Span.Start, f.Span.End, f.Value, f.Unit, f.Normalized, f.About, f.AboutEntityId)),
            Map(document.GetOrDefault(Layers.Quotes), q => ToJson(document, q)),
            Map(document.GetOrDefault(Layers.Claims), c => ToJson(document, c)),
            document.GetOrDefault(Layers.Credibility) is { } credibility
                ? new CredibilityJson(credibility.Score, credibility.Signals.Select(s => new CredibilitySignalJson(
                    s.Name, s.Value, s.Effect, s.Explanation, Spans(document, s.Evidence))).ToList())
                : null);
    }

    public static EntityJson ToJson(CanonicalEntity entity, IReadOnlyList<WatchlistHitJson>? hits = null) =>
        new(entity.Id, entity.Name, entity.Label.ToString(), entity.Aliases, entity.Documents, hits ?? []);

    public static StoryJson ToJson(StoryCluster story) => new(story.Id, story.DocumentIds);

    public static ClaimLinkJson ToJson(ClaimLink link) => new(
        new ClaimRefJson(link.From.DocumentId, link.From.ClaimIndex),
        new ClaimRefJson(link.To.DocumentId, link.To.ClaimIndex),
        link.Relation.ToString().ToLowerInvariant(),
        link.Confidence);

    /// <summary>Enum names as the contract spells them: NamedPerson → named_person.</summary>
    public static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static QuoteJson ToJson(Document document, Quote quote) => new(
        document.TextOf(quote.Content),
        quote.Content.Start,
        quote.Content.End,
        quote.Cue,
        quote.CueSpan?.Start,
        quote.CueSpan?.End,
        Snake(quote.Kind),
        quote.Speaker,
        quote.SpeakerSpan?.Start,
        quote.SpeakerSpan?.End,
        Snake(quote.SpeakerKind),
        quote.SpeakerEntityId,
        quote.SpeakerOrganisationId,
        quote.ResolvedSpeaker);

    private static ClaimJson ToJson(Document document, Claim claim) => new(
        document.TextOf(claim.Span),
        claim.Span.Start,
        claim.Span.End,
        claim.SubjectEntityIds.IsDefaultOrEmpty ? null : claim.SubjectEntityIds[0],
        claim.SubjectEntityIds.IsDefault ? [] : claim.SubjectEntityIds,
        claim.Category,
        Snake(claim.Status),
        Snake(claim.Polarity),
        Spans(document, claim.Hedges),
        claim.Source is { } source ? new ClaimSourceJson(source.Text, source.Span?.Start, source.Span?.End, source.QuoteIndex) : null,
        claim.FigureIndexes.IsDefault ? [] : claim.FigureIndexes,
        claim.Checkworthy,
        claim.RespondsTo,
        Spans(document, claim.SubjectSpans));

    private static List<SpanJson> Spans(Document document, ImmutableArray<TextSpan> spans) =>
        spans.IsDefault ? [] : spans.Select(span => new SpanJson(span.Start, span.End, document.TextOf(span))).ToList();

    private static List<TOut> Map<TIn, TOut>(ImmutableArray<TIn> items, Func<TIn, TOut> map) =>
        items.IsDefault ? [] : items.Select(map).ToList();
}
