using System.Text;

namespace Dossier.Claims;

/// <summary>
/// The features the check-worthiness model sees in one sentence: lower-cased word unigrams and bigrams (numbers
/// folded to one token, so that "$2.5 million" and "$300,000" look alike), a few lexical flags, and what its place in
/// the sequence says (<see cref="CheckworthyContext"/>).
/// </summary>
public static class CheckworthyFeatures
{
    /// <summary>Sentences are cut here: a claim is a sentence, and a longer "sentence" is boilerplate or a broken split.</summary>
    public const int MaximumCharacters = 2_000;

    public static IReadOnlyList<string> Extract(string sentence, CheckworthyContext context = default)
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
        if (words.Any(w => w is "i" or "we" or "my" or "our" or "me" or "us")) features.Add("f:first-person");
        if (words.Any(w => w is "you" or "your")) features.Add("f:second-person");
        if (IsStageDirection(sentence)) features.Add("f:stage-direction");
        if (context.AfterQuestion) features.Add("c:after-question");
        if (context.TurnStart) features.Add("c:turn-start");
        if (context.SpeakerRole is { } role) features.Add("c:speaker:" + role);
        return [.. features.Order(StringComparer.Ordinal)];
    }

    /// <summary>"(APPLAUSE)", "[crosstalk]": a transcript's note, not something anyone said.</summary>
    private static bool IsStageDirection(string sentence)
    {
        var trimmed = sentence.Trim();
        return trimmed.Length > 1 && trimmed[0] is '(' or '[' && trimmed[^1] is ')' or ']';
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

/// <summary>
/// What a sentence's neighbours and speaker say about it. Speakers are known in transcripts (debates, interviews), not in
/// articles, where only the previous sentence counts. The role is relative to the transcript so that it carries over to
/// people the training data never saw: who asks the questions (a moderator) or holds the floor (a candidate).
/// </summary>
public readonly record struct CheckworthyContext(bool AfterQuestion, bool TurnStart, string? SpeakerRole)
{
    /// <summary>A speaker whose lines are this often questions is the one asking (a moderator, the audience): in the CLEF
    /// training debates moderators ask in 15–30% of their lines, candidates in at most 8%.</summary>
    private const double QuestionerShare = 0.12;

    /// <summary>A speaker with at least this share of the lines holds the floor.</summary>
    private const double MainShare = 0.15;

    public static CheckworthyContext[] Describe(IReadOnlyList<string> sentences, IReadOnlyList<string?>? speakers = null)
    {
        if (speakers is not null && speakers.Count != sentences.Count) throw new ArgumentException($"{speakers.Count} speakers for {sentences.Count} sentences.", nameof(speakers));
        var roles = speakers is null ? null : SpeakerRoles(sentences, speakers);
        var contexts = new CheckworthyContext[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var afterQuestion = i > 0 && sentences[i - 1].TrimEnd().EndsWith('?');
            var speaker = speakers?[i];
            var turnStart = speakers is not null && (i == 0 || !string.Equals(speakers[i - 1], speaker, StringComparison.Ordinal));
            contexts[i] = new CheckworthyContext(afterQuestion, turnStart, speaker is not null && roles is not null ? roles[speaker] : null);
        }

        return contexts;
    }

    private static Dictionary<string, string> SpeakerRoles(IReadOnlyList<string> sentences, IReadOnlyList<string?> speakers)
    {
        var lines = new Dictionary<string, (int Lines, int Questions)>(StringComparer.Ordinal);
        for (var i = 0; i < sentences.Count; i++)
        {
            if (speakers[i] is not { } speaker) continue;
            var (count, questions) = lines.GetValueOrDefault(speaker);
            lines[speaker] = (count + 1, questions + (sentences[i].TrimEnd().EndsWith('?') ? 1 : 0));
        }

        var total = Math.Max(1, lines.Values.Sum(v => v.Lines));
        return lines.ToDictionary(pair => pair.Key, pair =>
            pair.Value.Questions >= QuestionerShare * pair.Value.Lines ? "asks"
            : pair.Value.Lines >= MainShare * total ? "main"
            : "minor", StringComparer.Ordinal);
    }
}
