using System.Globalization;

namespace Dossier.Screening.Matching;

/// <summary>One side of a comparison beyond its names: kind, countries, birth (or incorporation) dates, identifiers.</summary>
public sealed record PartyAttributes(EntryKind Kind, IReadOnlyList<string> Countries, IReadOnlyList<string> BirthDates, IReadOnlyList<string> Identifiers)
{
    public static PartyAttributes None { get; } = new(EntryKind.Unknown, [], [], []);

    public static PartyAttributes Of(WatchlistEntry entry) => new(entry.Kind, entry.Countries, entry.BirthDates, []);

    public static PartyAttributes Of(ScreeningQuery query) => new(
        query.Kind,
        (query.Countries ?? []).Select(CountryCodes.Normalize).Where(c => c is not null).Select(c => c!).ToList(),
        query.BirthDate is null ? [] : [query.BirthDate],
        query.Identifiers ?? []);
}

/// <summary>Adjusts a name score by what else is known of both sides, and says how much each feature moved it.</summary>
public static class EntityFeatures
{
    public static (double Score, List<FeatureExplanation> Features) Apply(double nameScore, PartyAttributes query, PartyAttributes candidate, MatchingParameters parameters)
    {
        var score = nameScore;
        var features = new List<FeatureExplanation>();
        if (query.Kind != EntryKind.Unknown && candidate.Kind != EntryKind.Unknown && (query.Kind == EntryKind.Person) != (candidate.Kind == EntryKind.Person))
        {
            var before = score;
            score *= parameters.TypeMismatchFactor;
            features.Add(new FeatureExplanation("type", score - before, $"{query.Kind} vs listed {candidate.Kind}"));
        }

        if (query.Countries.Count > 0 && candidate.Countries.Count > 0)
        {
            var shared = query.Countries.Intersect(candidate.Countries, StringComparer.OrdinalIgnoreCase).ToList();
            var effect = shared.Count > 0 ? parameters.CountryMatchBonus : -parameters.CountryMismatchPenalty;
            score += effect;
            features.Add(new FeatureExplanation("country", effect, shared.Count > 0
                ? "shared " + string.Join(", ", shared)
                : $"{string.Join(", ", query.Countries)} vs listed {string.Join(", ", candidate.Countries)}"));
        }

        if (query.BirthDates.Count > 0 && candidate.BirthDates.Count > 0)
        {
            var exact = query.BirthDates.Any(d => d.Length >= 10 && candidate.BirthDates.Contains(d, StringComparer.Ordinal));
            var gap = YearGap(query.BirthDates, candidate.BirthDates);
            if (gap is { } years)
            {
                var effect = exact ? parameters.BirthDateMatchBonus
                    : years == 0 ? parameters.BirthDateMatchBonus / 2
                    : years == 1 ? -parameters.BirthYearMismatchPenalty / 3
                    : -parameters.BirthYearMismatchPenalty;
                score += effect;
                features.Add(new FeatureExplanation("birth date", effect, exact ? "same date" : years == 0 ? "same year" : $"{years} years apart"));
            }
        }

        if (query.Identifiers.Count > 0 && candidate.Identifiers.Count > 0)
        {
            var shared = query.Identifiers.Intersect(candidate.Identifiers, StringComparer.OrdinalIgnoreCase).ToList();
            if (shared.Count > 0)
            {
                score += parameters.IdentifierMatchBonus;
                features.Add(new FeatureExplanation("identifier", parameters.IdentifierMatchBonus, "shared " + string.Join(", ", shared)));
            }
        }

        return (Math.Clamp(score, 0, 1), features);
    }

    /// <summary>
    /// The highest score <see cref="Apply"/> (and a weak name's discount after it) can give a name score for this query:
    /// each feature the query can take part in adds at most its largest effect, and the rest only scale the score down.
    /// Added in the order Apply adds them, so rounding cannot put the real score above it. Infinite when the parameters
    /// would scale a score up.
    /// </summary>
    public static double Ceiling(double nameScore, PartyAttributes query, MatchingParameters parameters)
    {
        if (parameters.TypeMismatchFactor is < 0 or > 1 || parameters.WeakNameFactor is < 0 or > 1) return double.PositiveInfinity;
        var score = nameScore;
        if (query.Countries.Count > 0) score += Math.Max(0, Math.Max(parameters.CountryMatchBonus, -parameters.CountryMismatchPenalty));
        if (query.BirthDates.Count > 0)
        {
            score += Math.Max(0, Math.Max(Math.Max(parameters.BirthDateMatchBonus, parameters.BirthDateMatchBonus / 2),
                Math.Max(-parameters.BirthYearMismatchPenalty / 3, -parameters.BirthYearMismatchPenalty)));
        }

        if (query.Identifiers.Count > 0) score += Math.Max(0, parameters.IdentifierMatchBonus);
        return Math.Clamp(score, 0, 1);
    }

    private static int? YearGap(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        int? best = null;
        foreach (var a in left)
        {
            if (!TryYear(a, out var ya)) continue;
            foreach (var b in right)
            {
                if (!TryYear(b, out var yb)) continue;
                var gap = Math.Abs(ya - yb);
                if (best is null || gap < best) best = gap;
            }
        }

        return best;
    }

    private static bool TryYear(string date, out int year) =>
        int.TryParse(date.AsSpan(0, Math.Min(4, date.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out year) && date.Length >= 4;
}
