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

/// <summary>One folded name part ("huawei") with the original text it came from and its role.</summary>
public readonly record struct NameToken(string Text, TokenRole Role, bool FromScript);

/// <summary>A name folded for comparison: its parts, and whether a non-Latin script was transliterated.</summary>
public sealed record NormalizedName(string Original, IReadOnlyList<NameToken> Tokens, bool Transliterated)
{
    public IEnumerable<NameToken> Distinctive => Tokens.Where(t => t.Role is TokenRole.Regular or TokenRole.Generic or TokenRole.Initial);
}
