namespace Dossier.Screening.Matching;

/// <summary>One side of a labelled or asked-for pair: its names and attributes.</summary>
public sealed record PairSide(IReadOnlyList<string> Names, PartyAttributes Attributes);

/// <summary>Scores two parties against each other: the best-matching pair of their names, then the other features.</summary>
public sealed class PairScorer(NameComparer comparer, NameNormalizer normalizer)
{
    public double Score(PairSide left, PairSide right) => Compare(left, right, explain: false).Score;

    public (double Score, NameComparison Name, IReadOnlyList<FeatureExplanation> Features) Compare(PairSide left, PairSide right, bool explain)
    {
        var isPerson = left.Attributes.Kind == EntryKind.Person || right.Attributes.Kind == EntryKind.Person;
        var leftNames = left.Names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase).Take(32).Select(n => normalizer.Normalize(n, isPerson)).ToList();
        var rightNames = right.Names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase).Take(32).Select(n => normalizer.Normalize(n, isPerson)).ToList();
        var best = NameComparison.Empty;
        (NormalizedName, NormalizedName)? bestPair = null;
        foreach (var a in leftNames)
        {
            foreach (var b in rightNames)
            {
                var comparison = comparer.Compare(a, b, isPerson, explain: false);
                if (comparison.Score <= best.Score && bestPair is not null) continue;
                best = comparison;
                bestPair = (a, b);
            }
        }

        if (explain && bestPair is { } pair) best = comparer.Compare(pair.Item1, pair.Item2, isPerson, explain: true);
        var (score, features) = EntityFeatures.Apply(best.Score, left.Attributes, right.Attributes, comparer.Parameters);
        return (score, best, features);
    }
}
