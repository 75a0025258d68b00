using System.Collections.Frozen;

namespace Dossier.Screening;

/// <summary>The one list of legal forms and corporate-structure words (<c>Screening/Data/legal-forms.tsv</c>), read here only.</summary>
internal static class LegalForms
{
    private static readonly (IReadOnlyList<string> All, FrozenSet<string> NameSuffixes) Lists = Read();

    /// <summary>Every form, folded (lower-case ASCII, words separated by one space): what name screening discounts.</summary>
    public static IReadOnlyList<string> All => Lists.All;

    /// <summary>The one-word forms and group words dropped from the end of an organisation's name when its mentions are grouped.</summary>
    public static FrozenSet<string> NameSuffixes => Lists.NameSuffixes;

    private static (IReadOnlyList<string>, FrozenSet<string>) Read()
    {
        var rows = EmbeddedData.ReadLines("Screening.Data.legal-forms.tsv").Select(line => line.Split('\t')).ToList();
        return (rows.Select(row => row[0].Trim()).ToList(),
                rows.Where(row => row.Length > 1 && row[1].Trim() == "suffix").Select(row => row[0].Trim()).ToFrozenSet(StringComparer.Ordinal));
    }
}
