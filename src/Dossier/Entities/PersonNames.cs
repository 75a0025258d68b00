namespace Dossier.Entities;

/// <summary>How news names a person short once it has named them in full.</summary>
public static class PersonNames
{
    /// <summary>
    /// "Carafano" for "Jim Carafano", or "Xi" for "Xi Jinping": one word that is the first or the last word of a longer
    /// name (the family name comes first in some languages, last in others). The words are compared as given.
    /// </summary>
    public static bool IsShortFormOf(IReadOnlyList<string> shortName, IReadOnlyList<string> fullName) =>
        shortName.Count == 1 && fullName.Count > 1 && (fullName[0] == shortName[0] || fullName[^1] == shortName[0]);
}
