using System.Collections.Immutable;
using Dossier.Documents;

namespace Dossier.Credibility;

/// <summary>One observable signal about how far an article deserves trust, with the spans that show it.</summary>
/// <param name="Value">The signal's strength for this article, 0–1.</param>
/// <param name="Effect">Its contribution to the score: negative lowers credibility.</param>
public sealed record CredibilitySignal(string Name, double Value, double Effect, string Explanation, ImmutableArray<TextSpan> Evidence);

public sealed record CredibilityAssessment(double Score, ImmutableArray<CredibilitySignal> Signals);
