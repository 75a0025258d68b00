using Dossier.Documents;

namespace Dossier.Figures;

public enum FigureKind
{
    MONEY,
    PERCENT,
    QUANTITY,
    DATE,
}

/// <summary>A number the text states, normalised: 2500000 with unit USD, 0.80 for "80 percent", an ISO date for DATE.</summary>
/// <param name="About">What the figure is about, where the sentence says it.</param>
/// <param name="AboutEntityId">The in-document entity the figure is about, if it is one.</param>
public sealed record Figure(
    TextSpan Span,
    FigureKind Kind,
    decimal? Value,
    string? Unit,
    string? Normalized,
    string? About = null,
    int? AboutEntityId = null);
