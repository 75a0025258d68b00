using System.Collections.Immutable;
using Dossier.Documents;

namespace Dossier.Claims;

public enum ClaimStatus
{
    Asserted,
    Reported,
    Alleged,
    Estimated,
    Denied,
    Negated,
}

public enum Polarity
{
    Adverse,
    Favourable,
    Neutral,
}

/// <summary>Whom a claim rests on: a quote of this document, or an outlet or document the text cites.</summary>
public sealed record ClaimSource(string Text, TextSpan? Span, int? QuoteIndex);

/// <summary>A statement about one or more entities, how firmly it is made, and on whose authority.</summary>
/// <param name="Category">A category of the risk taxonomy (docs/taxonomy.md), e.g. "sanctions_trade".</param>
/// <param name="FigureIndexes">Indexes into the document's figures that the claim uses.</param>
/// <param name="Checkworthy">0–1: how much this is a factual claim worth checking.</param>
/// <param name="RespondsTo">For a denial, the index of the claim it answers.</param>
/// <param name="SubjectSpans">Where the text names the claim's subjects; known even when no entity layer resolved them to ids.</param>
public sealed record Claim(
    TextSpan Span,
    ImmutableArray<int> SubjectEntityIds,
    string Category,
    ClaimStatus Status,
    Polarity Polarity,
    ImmutableArray<TextSpan> Hedges,
    ClaimSource? Source,
    ImmutableArray<int> FigureIndexes,
    double Checkworthy,
    int? RespondsTo = null,
    ImmutableArray<TextSpan> SubjectSpans = default);
