using System.Globalization;

namespace Dossier.Screening.Matching;

/// <summary>
/// The weights and the decision threshold of the matcher. The shipped values live in Screening/Data/matching-parameters.tsv
/// and were fitted on the training part of the labelled pairs by the screening benchmark (see its "fit" mode).
/// </summary>
public sealed record MatchingParameters
{
    /// <summary>The score at or above which a candidate counts as a match (hit).</summary>
    public double Threshold { get; init; } = 0.7;

    /// <summary>How much of a generic word's rarity weight counts ("Foundation", "National").</summary>
    public double GenericWeight { get; init; } = 0.3;

    /// <summary>How much of a single-letter initial's rarity weight counts.</summary>
    public double InitialWeight { get; init; } = 0.3;

    /// <summary>Jaro-Winkler similarity below which two different name parts do not match at all.</summary>
    public double FuzzyMinimum { get; init; } = 0.88;

    /// <summary>Fuzzy similarity is raised to this power, so that near misses count for clearly less than exact parts.</summary>
    public double FuzzyExponent { get; init; } = 3;

    /// <summary>
    /// The least similarity of two parts of five letters or more that differ by one slip (a letter changed, added, left
    /// out or two swapped: "appel"/"apple"), which edit distance over length alone scores as low as two slips in a longer
    /// part; 0 leaves it to edit distance.
    /// </summary>
    public double OneEditSimilarity { get; init; }

    public double NicknameSimilarity { get; init; } = 0.9;

    public double InitialSimilarity { get; init; } = 0.8;

    /// <summary>Blend between the worse side's coverage (1) and the two sides' pooled coverage (0).</summary>
    public double CoverageBlend { get; init; } = 0.5;

    public double TypeMismatchFactor { get; init; } = 0.7;

    public double CountryMatchBonus { get; init; } = 0.03;

    public double CountryMismatchPenalty { get; init; } = 0.1;

    public double BirthDateMatchBonus { get; init; } = 0.05;

    public double BirthYearMismatchPenalty { get; init; } = 0.35;

    public double IdentifierMatchBonus { get; init; } = 0.3;

    /// <summary>Factor when both names carry numbers and none of them is shared ("Unit 1" vs "Unit 2").</summary>
    public double NumberMismatchFactor { get; init; } = 0.5;

    /// <summary>The score of an organisation name whose distinctive parts all match when only generic words are left over.</summary>
    public double GenericRemainderFloor { get; init; } = 0.9;

    /// <summary>How far a person's name held whole in the other moves the score towards the better-covered side's coverage.</summary>
    public double ContainmentWeight { get; init; }

    /// <summary>What is taken off a person's score per unit of weight left unmatched on both sides (parts that disagree).</summary>
    public double ConflictPenalty { get; init; }

    /// <summary>
    /// Factor on a person's score when the names disagree on a part that tells people apart: an own name where the other
    /// has the father's ("Ahmad bin Hasan" / "Hasan bin Ahmad"), a middle initial ("William G." / "William W."), or the
    /// last part.
    /// </summary>
    public double PartConflictFactor { get; init; } = 1;

    /// <summary>Factor on an organisation's score when one name adds a line of business or a country that marks another company of the group.</summary>
    public double SisterCompanyFactor { get; init; } = 1;

    /// <summary>
    /// Factor on a screening hit that rests on a weak name (one part of a person's name, an organisation name of generic
    /// words only, a short acronym) when no birth date, country or identifier backs it.
    /// </summary>
    public double WeakNameFactor { get; init; } = 0.75;

    public static MatchingParameters Default { get; } = Load();

    private static MatchingParameters Load()
    {
        var values = EmbeddedData.ReadLines("Screening.Data.matching-parameters.tsv")
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length >= 2)
            .ToDictionary(parts => parts[0].Trim(), parts => double.Parse(parts[1].Trim(), CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return With(new MatchingParameters(), values);
    }

    public static MatchingParameters With(MatchingParameters baseline, IReadOnlyDictionary<string, double> values)
    {
        double Get(string name, double fallback) => values.TryGetValue(name, out var value) ? value : fallback;
        return baseline with
        {
            Threshold = Get(nameof(Threshold), baseline.Threshold),
            GenericWeight = Get(nameof(GenericWeight), baseline.GenericWeight),
            InitialWeight = Get(nameof(InitialWeight), baseline.InitialWeight),
            FuzzyMinimum = Get(nameof(FuzzyMinimum), baseline.FuzzyMinimum),
            FuzzyExponent = Get(nameof(FuzzyExponent), baseline.FuzzyExponent),
            OneEditSimilarity = Get(nameof(OneEditSimilarity), baseline.OneEditSimilarity),
            NicknameSimilarity = Get(nameof(NicknameSimilarity), baseline.NicknameSimilarity),
            InitialSimilarity = Get(nameof(InitialSimilarity), baseline.InitialSimilarity),
            CoverageBlend = Get(nameof(CoverageBlend), baseline.CoverageBlend),
            TypeMismatchFactor = Get(nameof(TypeMismatchFactor), baseline.TypeMismatchFactor),
            CountryMatchBonus = Get(nameof(CountryMatchBonus), baseline.CountryMatchBonus),
            CountryMismatchPenalty = Get(nameof(CountryMismatchPenalty), baseline.CountryMismatchPenalty),
            BirthDateMatchBonus = Get(nameof(BirthDateMatchBonus), baseline.BirthDateMatchBonus),
            BirthYearMismatchPenalty = Get(nameof(BirthYearMismatchPenalty), baseline.BirthYearMismatchPenalty),
            IdentifierMatchBonus = Get(nameof(IdentifierMatchBonus), baseline.IdentifierMatchBonus),
            NumberMismatchFactor = Get(nameof(NumberMismatchFactor), baseline.NumberMismatchFactor),
            GenericRemainderFloor = Get(nameof(GenericRemainderFloor), baseline.GenericRemainderFloor),
            WeakNameFactor = Get(nameof(WeakNameFactor), baseline.WeakNameFactor),
            ContainmentWeight = Get(nameof(ContainmentWeight), baseline.ContainmentWeight),
            ConflictPenalty = Get(nameof(ConflictPenalty), baseline.ConflictPenalty),
            PartConflictFactor = Get(nameof(PartConflictFactor), baseline.PartConflictFactor),
            SisterCompanyFactor = Get(nameof(SisterCompanyFactor), baseline.SisterCompanyFactor),
        };
    }

    public IEnumerable<(string Name, double Value)> Values() =>
    [
        (nameof(Threshold), Threshold), (nameof(GenericWeight), GenericWeight), (nameof(InitialWeight), InitialWeight),
        (nameof(FuzzyMinimum), FuzzyMinimum), (nameof(FuzzyExponent), FuzzyExponent), (nameof(OneEditSimilarity), OneEditSimilarity),
        (nameof(NicknameSimilarity), NicknameSimilarity),
        (nameof(InitialSimilarity), InitialSimilarity), (nameof(CoverageBlend), CoverageBlend), (nameof(TypeMismatchFactor), TypeMismatchFactor),
        (nameof(CountryMatchBonus), CountryMatchBonus), (nameof(CountryMismatchPenalty), CountryMismatchPenalty),
        (nameof(BirthDateMatchBonus), BirthDateMatchBonus), (nameof(BirthYearMismatchPenalty), BirthYearMismatchPenalty),
        (nameof(IdentifierMatchBonus), IdentifierMatchBonus), (nameof(NumberMismatchFactor), NumberMismatchFactor),
        (nameof(GenericRemainderFloor), GenericRemainderFloor), (nameof(WeakNameFactor), WeakNameFactor),
        (nameof(ContainmentWeight), ContainmentWeight), (nameof(ConflictPenalty), ConflictPenalty),
        (nameof(PartConflictFactor), PartConflictFactor), (nameof(SisterCompanyFactor), SisterCompanyFactor),
    ];
}
