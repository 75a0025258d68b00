namespace Dossier.Serialization;

// The JSON contract of `dossier analyze --format json` (docs/schema/dossier.schema.json). Property names are written
// in snake_case; these records are the one place where the output's shape is defined.

public sealed record DossierJson(
    string SchemaVersion,
    IReadOnlyList<DocumentJson> Documents,
    IReadOnlyList<EntityJson> Entities,
    IReadOnlyList<FailureJson> Failures,
    IReadOnlyList<StoryJson> Stories,
    IReadOnlyList<ClaimLinkJson> ClaimLinks);

public sealed record FailureJson(string Source, string Reason);

public sealed record DocumentJson(
    string Id,
    string Source,
    string? Url,
    string? Title,
    string? Published,
    string? Site,
    string? Language,
    IReadOnlyList<string> Authors,
    string Text,
    IReadOnlyList<ParagraphJson> Paragraphs,
    IReadOnlyList<SentenceJson> Sentences,
    IReadOnlyList<MentionJson> Entities,
    IReadOnlyList<DocumentEntityJson> DocumentEntities,
    IReadOnlyList<FigureJson> Figures,
    IReadOnlyList<QuoteJson> Quotes,
    IReadOnlyList<ClaimJson> Claims,
    CredibilityJson? Credibility);

public sealed record ParagraphJson(int Start, int End, string Kind);

public sealed record SentenceJson(int Start, int End);

public sealed record MentionJson(string Text, string Label, int Start, int End, int EntityId, string Kind, string? Title, long? CanonicalId);

public sealed record DocumentEntityJson(int Id, string Name, string Label, IReadOnlyList<string> Aliases, long? CanonicalId);

public sealed record FigureJson(string Text, string Kind, int Start, int End, decimal? Value, string? Unit, string? Normalized, string? About, int? AboutEntityId);

public sealed record QuoteJson(
    string Text,
    int Start,
    int End,
    string Cue,
    int? CueStart,
    int? CueEnd,
    string Kind,
    string? Speaker,
    int? SpeakerStart,
    int? SpeakerEnd,
    string SpeakerKind,
    int? SpeakerEntityId,
    int? SpeakerOrganisationId,
    string? ResolvedSpeaker);

public sealed record SpanJson(int Start, int End, string Text);

public sealed record ClaimSourceJson(string Text, int? Start, int? End, int? QuoteIndex);

public sealed record ClaimJson(
    string Text,
    int Start,
    int End,
    int? SubjectEntityId,
    IReadOnlyList<int> SubjectEntityIds,
    string Category,
    string Status,
    string Polarity,
    IReadOnlyList<SpanJson> Hedges,
    ClaimSourceJson? Source,
    IReadOnlyList<int> Figures,
    double Checkworthy,
    int? RespondsTo,
    IReadOnlyList<SpanJson> Subjects);

public sealed record CredibilitySignalJson(string Name, double Value, double Effect, string Explanation, IReadOnlyList<SpanJson> Evidence);

public sealed record CredibilityJson(double Score, IReadOnlyList<CredibilitySignalJson> Signals);

public sealed record EntityJson(
    long Id,
    string Name,
    string Label,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Documents,
    IReadOnlyList<WatchlistHitJson> WatchlistHits);

public sealed record WatchlistHitJson(string ListEntryId, string List, string Name, double Score, string? Program, string? ListedOn, string Explanation, string Decision);

public sealed record StoryJson(string Id, IReadOnlyList<string> Documents);

public sealed record ClaimRefJson(string Document, int Claim);

public sealed record ClaimLinkJson(ClaimRefJson From, ClaimRefJson To, string Relation, double Confidence);
