using System.Text;

namespace Dossier.Claims;

/// <summary>
/// The features the check-worthiness model sees in one sentence: lower-cased word unigrams and bigrams (numbers
/// folded to one token, so that "$2.5 million" and "$300,000" look alike) and a few lexical flags.
/// </summary>
public static class CheckworthyFeatures
{
    /// <summary>Sentences are cut here: a claim is a sentence, and a longer "sentence" is boilerplate or a broken split.</summary>
    public const int MaximumCharacters = 2_000;

    public static IReadOnlyList<string> Extract(string sentence)
    {
        var words = Words(sentence.Length > MaximumCharacters ? sentence[..MaximumCharacters] : sentence);
        var features = new HashSet<string>(StringComparer.Ordinal);
        var previous = "<s>";
        foreach (var word in words)
        {
            features.Add("w:" + word);
            features.Add("b:" + previous + "_" + word);
            previous = word;
        }

        features.Add("b:" + previous + "_</s>");
        if (words.Contains("<num>")) features.Add("f:number");
        if (sentence.Contains('$') || words.Any(w => w is "dollars" or "million" or "billion" or "trillion")) features.Add("f:money");
        if (sentence.Contains('%') || words.Any(w => w is "percent" or "per")) features.Add("f:percent");
        if (sentence.TrimEnd().EndsWith('?')) features.Add("f:question");
        features.Add("f:length:" + (words.Count switch { < 5 => "0-4", < 10 => "5-9", < 20 => "10-19", < 35 => "20-34", _ => "35+" }));
        var numbers = words.Count(w => w == "<num>");
        if (numbers > 1) features.Add("f:numbers:" + (numbers > 3 ? "4+" : numbers.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (words.Count > 0) features.Add("f:first:" + words[0]);
        if (words.Any(w => w is "more" or "less" or "fewer" or "than" or "most" or "largest" or "highest" or "lowest" or "increase" or "decrease" or "doubled" or "tripled")) features.Add("f:comparison");
        return [.. features.Order(StringComparer.Ordinal)];
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var hasDigit = false;
        foreach (var raw in text)
        {
            var c = raw == '’' ? '\'' : raw;
            if (char.IsLetterOrDigit(c) || (c is '\'' or '.' or ',' && current.Length > 0 && hasDigit) || (c == '\'' && current.Length > 0))
            {
                current.Append(char.ToLowerInvariant(c));
                hasDigit |= char.IsDigit(c);
                continue;
            }

            Flush();
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0) words.Add(hasDigit ? "<num>" : current.ToString().Trim('\''));
            current.Clear();
            hasDigit = false;
        }
    }
}
