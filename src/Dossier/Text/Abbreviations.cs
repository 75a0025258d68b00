using System.Collections.Frozen;

namespace Dossier.Text;

internal enum AbbreviationKind
{
    None,
    /// <summary>A title or a reference word ("Mr.", "Gen.", "No."): a name or number follows, never a new sentence.</summary>
    Title,
    /// <summary>An initial ("J."), which also never ends a sentence.</summary>
    Initial,
    /// <summary>Any other ("U.S.", "Inc.", "etc."): may end a sentence.</summary>
    Other,
}

/// <summary>The abbreviation lexicon and the rules for dotted forms such as "U.S." and "e.g.".</summary>
internal sealed class Abbreviations
{
    private readonly FrozenDictionary<string, AbbreviationKind> _known;
    private readonly FrozenSet<string> _sentenceStarters;

    private Abbreviations(FrozenDictionary<string, AbbreviationKind> known, FrozenSet<string> sentenceStarters)
    {
        _known = known;
        _sentenceStarters = sentenceStarters;
    }

    public static Abbreviations Default { get; } = Load();

    private static Abbreviations Load()
    {
        var known = new Dictionary<string, AbbreviationKind>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.ReadLines("Text.Data.abbreviations.txt"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            known[parts[0]] = parts.Length > 1 && parts[1] == "title" ? AbbreviationKind.Title : AbbreviationKind.Other;
        }

        var starters = EmbeddedData.ReadLines("Text.Data.sentence-starters.txt").ToFrozenSet(StringComparer.Ordinal);
        return new Abbreviations(known.ToFrozenDictionary(StringComparer.Ordinal), starters);
    }

    /// <summary>How the word before a period is read, given without the period.</summary>
    public AbbreviationKind Classify(ReadOnlySpan<char> word)
    {
        if (word.Length == 1 && char.IsUpper(word[0])) return AbbreviationKind.Initial;
        if (_known.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var kind)) return kind;
        return IsDotted(word) ? AbbreviationKind.Other : AbbreviationKind.None;
    }

    public bool IsSentenceStarter(ReadOnlySpan<char> word) => _sentenceStarters.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    /// <summary>Single letters joined by periods: "U.S", "e.g", "a.m", "U.S.A".</summary>
    private static bool IsDotted(ReadOnlySpan<char> word)
    {
        if (word.Length < 3) return false;
        for (var i = 0; i < word.Length; i++)
        {
            var expectLetter = i % 2 == 0;
            if (expectLetter ? !char.IsLetter(word[i]) : word[i] != '.') return false;
        }

        return word.Length % 2 == 1;
    }
}
