using System.Collections.Frozen;

namespace Dossier.Entities;

/// <summary>The legal forms and group words an organisation's name may end with, shared by in-article and cross-article resolution.</summary>
public static class OrganisationSuffixes
{
    /// <summary>Folded: lower case, without dots. Marked in the one list of legal forms, which name screening reads too.</summary>
    public static FrozenSet<string> Folded => Screening.LegalForms.NameSuffixes;

    /// <summary>Whether a word as written ("Ltd.", "Holdings,", "L.L.C.") is one of them.</summary>
    public static bool Contains(string word) =>
        Folded.Contains(word.Replace(".", string.Empty, StringComparison.Ordinal).TrimEnd(',').ToLowerInvariant());
}
