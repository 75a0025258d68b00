using System.Globalization;
using System.Text;
using Dossier.Entities;

namespace Dossier.Linking;

/// <summary>
/// The key under which mentions in different documents count as one canonical entity: the label and the name folded
/// to lower case without accents, punctuation or (for organisations) legal forms and group words.
/// A first version of cross-article resolution; the linking stage refines merges and keeps analysts' splits.
/// </summary>
public static class EntityKey
{
    private static readonly HashSet<string> OrganisationSuffixes = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "ltd", "limited", "llc", "plc", "co", "corp", "corporation", "company", "group", "holding", "holdings",
        "sa", "ag", "gmbh", "nv", "bv", "spa", "ab", "as", "oy", "kk", "pte", "pty", "the",
    };

    public static string For(string name, EntityLabel label)
    {
        var words = Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (label == EntityLabel.ORG)
        {
            while (words.Count > 1 && OrganisationSuffixes.Contains(words[^1])) words.RemoveAt(words.Count - 1);
            while (words.Count > 1 && words[0] == "the") words.RemoveAt(0);
        }

        if (label == EntityLabel.LOC && words is ["us"] or ["usa"] or ["united", "states", ..] or ["america"]) words = ["united", "states"];
        if (label == EntityLabel.LOC && words is ["uk"] or ["britain"] or ["great", "britain"] or ["united", "kingdom"]) words = ["united", "kingdom"];
        return label + ":" + string.Join(' ', words);
    }

    private static string Fold(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (c is '.' or '\'' or '’') continue;
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString();
    }
}
