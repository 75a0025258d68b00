using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using AnyAscii;
using Dossier.Entities;

namespace Dossier.Linking;

/// <summary>
/// The key under which mentions in different documents count as one canonical entity: the label and the name
/// transliterated to ASCII, folded to lower case without accents or punctuation, and (for organisations) without
/// legal forms and group words. Words that make another entity ("Pictures" in "Alibaba Pictures") are kept, so
/// similar-but-different names stay apart.
/// </summary>
public static class EntityKey
{
    private static readonly FrozenDictionary<string, string> PlaceSynonyms = LoadPlaceSynonyms();

    public static string For(string name, EntityLabel label) => Explain(name, label).Key;

    /// <summary>The name itself, folded but with nothing dropped: the key an analyst's split applies to.</summary>
    public static string ForName(string name, EntityLabel label)
    {
        return label + ":" + string.Join(' ', Words(name));
    }

    /// <summary>The words of a name, transliterated to ASCII and folded as keys fold them.</summary>
    public static string[] Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Fold(name.Transliterate()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The key and each step that produced it, so that a merge can say why two names are one entity.</summary>
    public static EntityKeyExplanation Explain(string name, EntityLabel label)
    {
        ArgumentNullException.ThrowIfNull(name);
        var steps = new List<string>();
        var ascii = name.Transliterate();
        if (!string.Equals(ascii, name, StringComparison.Ordinal) && ContainsNonLatinLetter(name))
        {
            steps.Add($"transliterated \"{name}\" to \"{ascii}\"");
        }

        var words = Fold(ascii).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (label == EntityLabel.ORG)
        {
            var dropped = new List<string>();
            while (words.Count > 1 && OrganisationSuffixes.Folded.Contains(words[^1]))
            {
                dropped.Insert(0, words[^1]);
                words.RemoveAt(words.Count - 1);
            }

            while (words.Count > 1 && words[0] == "the")
            {
                dropped.Insert(0, "the");
                words.RemoveAt(0);
            }

            if (dropped.Count > 0) steps.Add($"dropped legal form or group word(s) \"{string.Join(' ', dropped)}\"");
        }

        var folded = string.Join(' ', words);
        if (label == EntityLabel.LOC && PlaceSynonyms.TryGetValue(folded, out var place) && place != folded)
        {
            steps.Add($"\"{folded}\" is another name of \"{place}\"");
            folded = place;
        }

        // Collapsing spaces too lets "Ali baba" and the transliteration "ALiBaBa" of 阿里巴巴 meet "Alibaba".
        var compact = folded.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact.Length == 0) compact = name.Trim().ToLowerInvariant();
        return new EntityKeyExplanation(label + ":" + compact, steps);
    }

    private static bool ContainsNonLatinLetter(string name)
    {
        foreach (var c in name)
        {
            if (char.IsLetter(c) && c > '\u024F') return true;
        }

        return false;
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

    private static FrozenDictionary<string, string> LoadPlaceSynonyms()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.ReadLines("Linking.Data.place-synonyms.txt"))
        {
            var parts = line.Split('\t');
            if (parts.Length != 2) continue;
            map[parts[0]] = parts[0];
            foreach (var other in parts[1].Split('|', StringSplitOptions.RemoveEmptyEntries)) map[other] = parts[0];
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>A canonical key with the normalisation steps that led to it.</summary>
public sealed record EntityKeyExplanation(string Key, IReadOnlyList<string> Steps)
{
    /// <summary>Why two names share a key, in words an analyst can check.</summary>
    public static string WhyMerged(string name, EntityKeyExplanation a, string other, EntityKeyExplanation b)
    {
        if (a.Key != b.Key) return $"\"{name}\" and \"{other}\" have different keys ({a.Key} vs {b.Key})";
        var steps = a.Steps.Concat(b.Steps).Distinct().ToList();
        return steps.Count == 0
            ? $"\"{name}\" and \"{other}\" are the same name once case, accents and punctuation are ignored"
            : $"\"{name}\" and \"{other}\" share key {a.Key}: " + string.Join("; ", steps);
    }
}
