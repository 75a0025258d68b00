namespace Dossier.Entities;

/// <summary>
/// Web headlines are often in title case ("Alibaba Reassures Trump ... to Ease Tension"), where every word looks like
/// a name. The newswire the model learnt from has no such lines, so before tagging, a title-case line's words are
/// lower-cased when the rest of the document (or, failing that, news text in general) writes them in lower case,
/// and kept when this document writes them capitalised mid-sentence. Only the words handed to the tagger change; offsets into the text do not.
/// </summary>
public static class HeadlineCasing
{
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "Of", "To", "The", "On", "For", "That", "In", "And", "A", "An", "With", "As", "At", "By", "From", "Its", "It", "Is", "Are", "Was",
        "Their", "Over", "Into", "Over", "After", "Before", "About", "Against", "Amid", "Why", "How", "What", "Who", "Will", "Has", "Have", "Be",
    };

    /// <param name="usuallyLowerCase">Whether news text in general writes a word in lower case; consulted when this document does not say.</param>
    /// <param name="knownName">Whether a name list holds the word; a headline word that neither the document nor the lists know as a name is read as an ordinary word.</param>
    public static void Apply(IReadOnlyList<string>[] sentences, Func<string, bool>? usuallyLowerCase = null, Func<string, bool>? knownName = null)
    {
        var headline = sentences.Select(IsTitleCase).ToArray();
        var capitalisedMidSentence = new HashSet<string>(StringComparer.Ordinal);
        var lowerCase = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < sentences.Length; s++)
        {
            if (headline[s]) continue;
            for (var t = 0; t < sentences[s].Count; t++)
            {
                var word = sentences[s][t];
                if (word.Length == 0 || !char.IsLetter(word[0])) continue;
                if (char.IsLower(word[0])) lowerCase.Add(word);
                else if (t > 0 && StartsWithLetter(sentences[s][t - 1])) capitalisedMidSentence.Add(word);
            }
        }

        for (var s = 0; s < sentences.Length; s++)
        {
            if (!headline[s]) continue;
            var words = sentences[s].ToArray();
            for (var t = 0; t < words.Length; t++)
            {
                var word = words[t];
                if (!IsCapitalisedWord(word) || capitalisedMidSentence.Contains(word)) continue;
                var lower = word.ToLowerInvariant();
                var ordinary = FunctionWords.Contains(word) || lowerCase.Contains(lower) || usuallyLowerCase?.Invoke(lower) == true
                               || (knownName is not null && !knownName(word));
                if (ordinary) words[t] = t == 0 ? word : lower;
            }

            sentences[s] = words;
        }
    }

    private static bool StartsWithLetter(string word) => word.Length > 0 && char.IsLetter(word[0]);

    private static bool IsCapitalisedWord(string word)
    {
        if (word.Length < 2 || !char.IsUpper(word[0])) return false;
        for (var i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i])) return false;
        }

        return true;
    }

    /// <summary>Most words capitalised, or many and the line does not end as a sentence does.</summary>
    private static bool IsTitleCase(IReadOnlyList<string> sentence)
    {
        var words = 0;
        var capitalised = 0;
        for (var t = 1; t < sentence.Count; t++)
        {
            var word = sentence[t];
            if (word.Length == 0 || !char.IsLetter(word[0])) continue;
            words++;
            if (char.IsUpper(word[0])) capitalised++;
        }

        // A line with no closing punctuation and many capitals is a headline or a menu, not running text.
        var last = sentence.Count > 0 ? sentence[^1] : "";
        var closed = last is "." or "!" or "?" or "\"" or "”" or "’" or "'" or ")" or ":" or ";";
        return words >= 3 && (capitalised >= 0.7 * words || (!closed && capitalised >= 0.4 * words));
    }
}
