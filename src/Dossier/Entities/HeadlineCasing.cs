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
    /// <returns>Which lines were read as headlines, and the words the running text capitalises mid-sentence.</returns>
    public static HeadlineReading Apply(IReadOnlyList<string>[] sentences, Func<string, bool>? usuallyLowerCase = null, Func<string, bool>? knownName = null)
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

        return new HeadlineReading(headline, capitalisedMidSentence);
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

/// <summary>What <see cref="HeadlineCasing.Apply"/> learnt of a document: its title-case lines and the words its running text capitalises.</summary>
public sealed class HeadlineReading(bool[] headlines, IReadOnlySet<string> capitalisedInRunningText)
{
    public bool IsHeadline(int line) => line >= 0 && line < headlines.Length && headlines[line];

    /// <summary>
    /// "Breaking: New Report Revealed That …": the tagger still reads a title-case line's capitalised common-noun phrase
    /// as a name. A name found only in a headline (the running text capitalises not all of its words), which no name
    /// list holds as a whole and whose head news text usually writes in lower case, is such a phrase.
    /// </summary>
    /// <param name="name">The words of a name found in a headline.</param>
    public bool IsCommonNounPhrase(IReadOnlyList<string> name, Func<string, bool> usuallyLowerCase, Func<IReadOnlyList<string>, bool> knownName) =>
        name.Count > 0 && usuallyLowerCase(name[^1].ToLowerInvariant())
        && !name.All(capitalisedInRunningText.Contains) && !knownName(name);
}
