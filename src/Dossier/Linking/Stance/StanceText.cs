using System.Collections.Frozen;

namespace Dossier.Linking.Stance;

/// <summary>Words of a headline or body as the stance model reads them: lower case, letters and digits, function words out.</summary>
internal static class StanceText
{
    public static FrozenSet<string> Stopwords { get; } = EmbeddedData.ReadLines("Linking.Data.stance-stopwords.txt").ToFrozenSet(StringComparer.Ordinal);
    public static FrozenSet<string> RefutingCues { get; } = EmbeddedData.ReadLines("Linking.Data.stance-refuting-cues.txt").ToFrozenSet(StringComparer.Ordinal);
    public static FrozenSet<string> HedgingCues { get; } = EmbeddedData.ReadLines("Linking.Data.stance-hedging-cues.txt").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every word, in order (function words included), bounded by <paramref name="maxWords"/>.</summary>
    public static List<string> Words(string text, int maxWords = 20_000)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length && words.Count < maxWords)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                i++;
            }

            if (i > start)
            {
                var word = text[start..i].ToLowerInvariant().Replace('’', '\'');
                if (word.EndsWith("'s", StringComparison.Ordinal)) word = word[..^2];
                if (word.EndsWith("n't", StringComparison.Ordinal)) word = "not";
                if (word.Length > 0) words.Add(word);
            }
        }

        return words;
    }

    public static IEnumerable<string> ContentWords(string text) => Words(text).Where(IsContent);

    public static bool IsContent(string word) => !Stopwords.Contains(word) && (word.Length > 1 || char.IsDigit(word[0]));
}
