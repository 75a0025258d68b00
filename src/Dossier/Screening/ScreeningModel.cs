using Dossier.Screening.Matching;

namespace Dossier.Screening;

/// <summary>Who is screened: a name (and other names of the same party), optionally what it is, its countries and birth date.</summary>
public sealed record ScreeningQuery(
    string Name,
    EntryKind Kind = EntryKind.Unknown,
    IReadOnlyList<string>? Countries = null,
    string? BirthDate = null,
    IReadOnlyList<string>? Aliases = null,
    IReadOnlyList<string>? Identifiers = null)
{
    public IEnumerable<string> Names => Aliases is null ? [Name] : [Name, .. Aliases];
}

/// <summary>What one feature added to or took from the score, and why.</summary>
public sealed record FeatureExplanation(string Feature, double Effect, string Detail);

/// <summary>A list entry found for a query, with its score in 0–1 and the reasons, feature by feature.</summary>
public sealed record ScreeningCandidate(
    WatchlistEntry Entry,
    double Score,
    bool IsMatch,
    string QueryName,
    string MatchedName,
    NameComparison Name,
    IReadOnlyList<FeatureExplanation> Features)
{
    public string Explain() =>
        $"'{QueryName}' vs '{MatchedName}': {Name.Explain()}" +
        string.Concat(Features.Select(f => $"; {f.Feature} {(f.Effect >= 0 ? "+" : "")}{f.Effect:0.00} ({f.Detail})"));
}
