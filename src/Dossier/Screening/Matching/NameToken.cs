namespace Dossier.Screening.Matching;

/// <summary>Why a name part counts for less than its rarity says.</summary>
public enum TokenRole
{
    Regular,
    Generic,
    LegalForm,
    Stopword,
    Initial,
}

/// <summary>The script a name part was written in before it was folded to ASCII.</summary>
public enum TokenScript : byte
{
    Latin,

    /// <summary>Arabic, Hebrew, Syriac: written without most vowels, so only the consonants can be compared.</summary>
    Abjad,

    /// <summary>Han, kana, Hangul: one syllable a part.</summary>
    Syllabic,
    Other,
}

/// <summary>What a name part says about the party beyond its identity, where two names disagree on it.</summary>
[Flags]
public enum TokenTrait : byte
{
    None = 0,

    /// <summary>A country in an organisation's name ("Banco Santander México"): past the first word, it marks a national company of a group.</summary>
    Country = 1,

    /// <summary>A line of business ("Trust", "Capital", "Holdings"): two companies of one group differ in it ("Deutsche Bank" / "Deutsche Bank Trust").</summary>
    BusinessLine = 2,

    /// <summary>"bin", "ben", "ibn": the part before it is the person's own name, the part after it the father's.</summary>
    Lineage = 4,
}

/// <summary>One folded name part ("huawei") with its role, the script it came from, and its traits.</summary>
public readonly record struct NameToken(string Text, TokenRole Role, TokenScript Script, TokenTrait Traits = TokenTrait.None)
{
    public bool FromScript => Script != TokenScript.Latin;
}

/// <summary>A name folded for comparison: its parts, and whether a non-Latin script was transliterated.</summary>
/// <remarks>
/// The key and the acronym test are worked out once, when the name is made: screening asks them of every candidate name for
/// every query. The parts and the original cannot be replaced with <c>with</c>, so they cannot go stale.
/// </remarks>
public sealed record NormalizedName(string Original, IReadOnlyList<NameToken> Tokens, bool Transliterated)
{
    public string Original { get; } = Original;

    public IReadOnlyList<NameToken> Tokens { get; } = Tokens;

    public IEnumerable<NameToken> Distinctive => Tokens.Where(IsDistinctive);

    /// <summary>The distinctive parts in order of spelling: "Huawei Technologies Co., Ltd." and "HUAWEI TECHNOLOGIES COMPANY" share it.</summary>
    public string Key { get; } = KeyOf(Tokens);

    /// <summary>
    /// A name written as one upper-case word of two to six letters ("PLA", "NORINCO" is not): an acronym, which says
    /// little on its own and must meet an acronym, not a word that happens to be spelled the same.
    /// </summary>
    public bool IsAcronym { get; } = Tokens.Count == 1 && Original.Trim().Trim(AcronymPunctuation) is { Length: >= 2 and <= 6 } word && word.All(char.IsAsciiLetterUpper);

    private static readonly char[] AcronymPunctuation = ['.', '(', ')'];

    /// <summary>Gathered in one array, not through a chain of iterators: every query name is made with its key.</summary>
    private static string KeyOf(IReadOnlyList<NameToken> tokens)
    {
        var count = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (IsDistinctive(tokens[i])) count++;
        }

        if (count == 0) return "";
        var parts = new string[count];
        count = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (IsDistinctive(tokens[i])) parts[count++] = tokens[i].Text;
        }

        // A name has a few parts: an insertion sort needs no comparer delegate, which sorting the array made for every name.
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            var at = i;
            for (; at > 0 && string.CompareOrdinal(parts[at - 1], part) > 0; at--) parts[at] = parts[at - 1];
            parts[at] = part;
        }

        return count == 1 ? parts[0] : string.Join(' ', parts);
    }

    private static bool IsDistinctive(NameToken token) => token.Role is TokenRole.Regular or TokenRole.Generic or TokenRole.Initial;
}
