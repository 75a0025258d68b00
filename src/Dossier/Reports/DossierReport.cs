using Dossier.Serialization;

namespace Dossier.Reports;

// The report of one entity, computed once from its dossier and written as Markdown, HTML or JSON (snake_case).

public sealed record DossierReport(
    EntityJson Entity,
    int DocumentCount,
    IReadOnlyList<RiskCategoryJson> RiskCategories,
    IReadOnlyList<StoryClaimsJson> Stories,
    IReadOnlyList<ReportQuoteJson> Quotes,
    IReadOnlyList<DenialPairJson> AllegationDenials,
    IReadOnlyList<TimelineBucketJson> Timeline,
    SourceGraphJson SourceGraph,
    IReadOnlyList<ReportArticleJson> Articles);

/// <summary>A risk category with how many claims about the entity fall in it and how many independent outlets carry them.</summary>
public sealed record RiskCategoryJson(string Category, int Claims, int IndependentSources, IReadOnlyList<string> Sources);

/// <summary>One claim about the entity. <paramref name="Anchor"/> is the id of its highlighted span in the article text.</summary>
public sealed record ReportClaimJson(
    string Document,
    int Index,
    string Text,
    string Category,
    string Status,
    string Polarity,
    string? Published,
    string Outlet,
    string? AttributedTo,
    int Start,
    int End,
    string Anchor);

public sealed record CategoryClaimsJson(string Category, IReadOnlyList<ReportClaimJson> Claims);

/// <summary>The claims of one story (a cluster of articles on one event; an unlinked article is its own story).</summary>
public sealed record StoryClaimsJson(string Story, IReadOnlyList<string> Documents, IReadOnlyList<CategoryClaimsJson> Categories);

/// <summary>A quote in an entity's report: <see cref="ByEntity"/> when the entity (or its spokesperson) said it, otherwise
/// something others said about the entity.</summary>
public sealed record ReportQuoteJson(string Document, int Index, string Speaker, string SpeakerKind, string Text, string Cue, int Start, int End, string Anchor, bool ByEntity);

/// <summary>An allegation and the denial that answers it, in one article or across articles.</summary>
public sealed record DenialPairJson(ReportClaimJson Allegation, ReportClaimJson Denial, string Relation);

/// <summary>Claims in one period ("2020-08", or "undated") and category.</summary>
public sealed record TimelineBucketJson(string Period, string Category, int Claims);

public sealed record SourceGraphJson(IReadOnlyList<GraphNodeJson> Nodes, IReadOnlyList<GraphEdgeJson> Edges);

/// <param name="Kind">outlet, speaker or claim.</param>
public sealed record GraphNodeJson(string Id, string Kind, string Label);

public sealed record GraphEdgeJson(string From, string To);

public sealed record ReportArticleJson(
    string Id,
    string Title,
    string Source,
    string? Url,
    string Outlet,
    string? Published,
    IReadOnlyList<string> Authors,
    double? Credibility,
    IReadOnlyList<CredibilitySignalJson> Signals,
    int Mentions,
    int Claims,
    int Quotes);
