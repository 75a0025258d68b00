using System.Globalization;
using System.Text;

namespace Dossier.Screening.Matching;

/// <summary>
/// Folds a name for comparison: transliterates other scripts to ASCII (Han, kana and Hangul one syllable a token, so
/// that "华为" can meet "Huawei"), removes diacritics and punctuation, lower-cases, and marks legal forms, stopwords,
/// generic words and initials. The word lists are data (Screening/Data), not code.
/// </summary>
public sealed class NameNormalizer
{
    private const int MaxNameLength = 400;
    private const int MaxTokens = 24;

    private readonly HashSet<string> _stopwords;
    private readonly HashSet<string> _generic;
    private readonly HashSet<string> _leadingPlaces;
    private readonly HashSet<string> _businessLines;
    private readonly HashSet<string> _lineageConnectors;
    private readonly Dictionary<string, List<string[]>> _legalFormsByFirstWord;
    private readonly Dictionary<string, string> _ordinals;
    private readonly Dictionary<char, char> _lookAlikeDigits;

    public NameNormalizer()
    {
        _stopwords = new HashSet<string>(EmbeddedData.ReadLines("Screening.Data.stopwords.txt"), StringComparer.Ordinal);
        _generic = new HashSet<string>(EmbeddedData.ReadLines("Screening.Data.generic-words.txt"), StringComparer.Ordinal);
        _leadingPlaces = new HashSet<string>(EmbeddedData.ReadLines("Screening.Data.place-qualifiers.txt"), StringComparer.Ordinal);
        _businessLines = new HashSet<string>(EmbeddedData.ReadLines("Screening.Data.business-lines.txt"), StringComparer.Ordinal);
        _lineageConnectors = new HashSet<string>(EmbeddedData.ReadLines("Screening.Data.lineage-connectors.txt"), StringComparer.Ordinal);
        _legalFormsByFirstWord = LegalForms.All
            .Select(form => form.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(words => words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(words => words.Length).ToList(), StringComparer.Ordinal);
        _ordinals = EmbeddedData.ReadLines("Screening.Data.ordinals.tsv").Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2).ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);
        _lookAlikeDigits = EmbeddedData.ReadLines("Screening.Data.look-alike-digits.tsv").Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Length == 1 && parts[1].Trim().Length == 1)
            .ToDictionary(parts => parts[0].Trim()[0], parts => parts[1].Trim()[0]);
    }

    public bool IsGeneric(string token) => _generic.Contains(token);

    public NormalizedName Normalize(string name, bool isPerson = false)
    {
        var text = name.Length > MaxNameLength ? name[..MaxNameLength] : name;
        var (folded, transliterated, scriptMask) = Fold(text);
        var words = new List<(string Text, TokenScript Script)>();
        var position = 0;
        foreach (var word in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var start = folded.IndexOf(word, position, StringComparison.Ordinal);
            position = start + word.Length;
            words.Add((Number(isPerson ? Unmasked(word) : word), scriptMask.Length > start ? scriptMask[start] : TokenScript.Latin));
            if (words.Count >= MaxTokens) break;
        }

        var tokens = new NameToken[words.Count];
        var marked = new bool[words.Count];
        if (!isPerson)
        {
            for (var i = 0; i < words.Count; i++)
            {
                if (marked[i] || !_legalFormsByFirstWord.TryGetValue(words[i].Text, out var forms)) continue;
                foreach (var form in forms)
                {
                    if (i + form.Length > words.Count) continue;
                    var matches = true;
                    for (var k = 0; k < form.Length && matches; k++) matches = words[i + k].Text == form[k];
                    if (!matches) continue;
                    for (var k = 0; k < form.Length; k++)
                    {
                        marked[i + k] = true;
                        tokens[i + k] = new NameToken(words[i + k].Text, TokenRole.LegalForm, words[i + k].Script, Traits(words[i + k].Text, i + k, words.Count, isPerson));
                    }

                    break;
                }
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (marked[i]) continue;
            var word = words[i].Text;
            var traits = Traits(word, i, words.Count, isPerson);
            var role = _stopwords.Contains(word) && words.Count > 1 ? TokenRole.Stopword
                : word.Length == 1 && char.IsAsciiLetter(word[0]) && words[i].Script == TokenScript.Latin ? TokenRole.Initial
                : _generic.Contains(word) ? TokenRole.Generic
                : isPerson && IsPatronymic(word) ? TokenRole.Generic
                : !isPerson && i == 0 && words.Count > 1 && _leadingPlaces.Contains(word) ? TokenRole.Generic
                : (traits & TokenTrait.Country) != 0 ? TokenRole.Generic
                : TokenRole.Regular;
            tokens[i] = new NameToken(word, role, words[i].Script, traits);
        }

        return new NormalizedName(name, tokens, transliterated);
    }

    private TokenTrait Traits(string word, int index, int count, bool isPerson)
    {
        if (isPerson) return index > 0 && index < count - 1 && _lineageConnectors.Contains(word) ? TokenTrait.Lineage : TokenTrait.None;
        var traits = _businessLines.Contains(word) ? TokenTrait.BusinessLine : TokenTrait.None;
        if (count > 1 && word.Length >= 4 && CountryCodes.Normalize(word) is not null) traits |= TokenTrait.Country;
        return traits;
    }

    /// <summary>"1st" and "first" as "1", so that the two spellings of a number meet.</summary>
    private string Number(string word)
    {
        if (_ordinals.TryGetValue(word, out var number)) return number;
        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits])) digits++;
        return digits > 0 && word.Length == digits + 2 && word[digits..] is "st" or "nd" or "rd" or "th" ? word[..digits] : word;
    }

    /// <summary>
    /// A person's name part of letters with digits between them ("sech1n") read as the letters the digits stand in for;
    /// a part that is a number, or has digits that look like no letter, stays as written.
    /// </summary>
    private string Unmasked(string word)
    {
        var letters = 0;
        var digits = 0;
        foreach (var c in word)
        {
            if (char.IsAsciiLetter(c)) letters++;
            else if (_lookAlikeDigits.ContainsKey(c)) digits++;
            else return word;
        }

        if (digits == 0 || letters < 2) return word;
        return string.Create(word.Length, (word, _lookAlikeDigits), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = state._lookAlikeDigits.TryGetValue(state.word[i], out var letter) ? letter : state.word[i];
        });
    }

    /// <summary>Russian-style patronymics ("Vyacheslavovich") are often left out when a name is written, so they count little.</summary>
    private static bool IsPatronymic(string word) =>
        word.Length >= 7 && (word.EndsWith("ovich", StringComparison.Ordinal) || word.EndsWith("evich", StringComparison.Ordinal)
            || word.EndsWith("ovna", StringComparison.Ordinal) || word.EndsWith("evna", StringComparison.Ordinal) || word.EndsWith("ichna", StringComparison.Ordinal));

    /// <summary>Lower-case ASCII letters and digits, other characters as spaces; apostrophes vanish ("O'Brien" → "obrien").</summary>
    private static (string Text, bool Transliterated, TokenScript[] ScriptMask) Fold(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~')) return (FoldAscii(text), false, []);
        var builder = new StringBuilder(text.Length + 8);
        var mask = new List<TokenScript>(text.Length + 8);
        var transliterated = false;

        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var first = element[0];
            if (first < 0x80)
            {
                Append(builder, mask, first, TokenScript.Latin);
                continue;
            }

            if (first is '\u2019' or '\u02BC' or '\u2018' or '\u02BB') continue;
            var script = ScriptOf(element);
            if (script != TokenScript.Latin) transliterated = true;
            var ascii = AnyAscii.Transliteration.Transliterate(element);
            if (script == TokenScript.Syllabic) Append(builder, mask, ' ', script);
            foreach (var c in ascii) Append(builder, mask, c, script);
            if (script == TokenScript.Syllabic) Append(builder, mask, ' ', script);
        }

        return (builder.ToString(), transliterated, mask.ToArray());
    }

    /// <summary>
    /// <see cref="Fold"/> of printable ASCII, one character a text element and all of it Latin: an empty script mask reads
    /// as Latin throughout, and walking the elements or filling a mask would make most of what a query's names allocate.
    /// </summary>
    private static string FoldAscii(string text)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (!Vanishes(c)) length++;
        }

        return string.Create(length, text, static (folded, text) =>
        {
            var at = 0;
            foreach (var c in text)
            {
                if (!Vanishes(c)) folded[at++] = Folded(c);
            }
        });
    }

    private static void Append(StringBuilder builder, List<TokenScript> mask, char c, TokenScript script)
    {
        if (Vanishes(c)) return;
        builder.Append(Folded(c));
        mask.Add(script);
    }

    private static bool Vanishes(char c) => c is '\'' or '`';

    private static char Folded(char c) => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ';

    private static TokenScript ScriptOf(string element)
    {
        // Decoded in place (a broken surrogate reads as the replacement character, as enumerating the runes gave it):
        // enumerating the runes through LINQ boxed an enumerator for every character.
        Rune.DecodeFromUtf16(element, out var rune, out _);
        var c = rune.Value;
        if (c < 0x0250 || c is >= 0x1E00 and <= 0x1EFF) return TokenScript.Latin;
        if (c is >= 0x0590 and <= 0x08FF or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF) return TokenScript.Abjad;
        if (c is >= 0x3040 and <= 0x30FF or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x2FFFF)
        {
            return TokenScript.Syllabic;
        }

        return TokenScript.Other;
    }
}
