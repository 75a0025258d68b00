using System.Globalization;
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

    public static IReadOnlyList<string> Extract(
        string sentence, CheckworthyContext context = default, CheckworthyFeatureGroups groups = CheckworthyFeatureGroups.None, CheckworthyClusters? clusters = null)
    {
        var words = Words(Cut(sentence));
        var features = new HashSet<string>(StringComparer.Ordinal);
        var previous = "<s>";
        foreach (var word in words)
        {
            features.Add("w:" + word);
            features.Add("b:" + previous + "_" + word);
            previous = word;
        }

        features.Add("b:" + previous + "_</s>");
        if (groups.HasFlag(CheckworthyFeatureGroups.Clusters) && clusters is not null) AddClasses(features, words, clusters);
        foreach (var signal in Signals(sentence, words)) features.Add("f:" + signal);
        var numbers = words.Count(w => w == "<num>");
        if (numbers > 1) features.Add("f:numbers:" + (numbers > 3 ? "4+" : numbers.ToString(CultureInfo.InvariantCulture)));
        if (words.Count > 0) features.Add("f:first:" + words[0]);
        if (context.AfterQuestion) features.Add("c:after-question");
        if (context.TurnStart) features.Add("c:turn-start");
        if (context.SpeakerRole is { } role) features.Add("c:speaker:" + role);
        if (groups.HasFlag(CheckworthyFeatureGroups.Neighbours))
        {
            // A claim is often made over several sentences: figures or comparisons next door make this one likelier.
            if (context.Previous is { } before) foreach (var signal in Signals(before, Words(Cut(before)))) features.Add("p:" + signal);
            if (context.Next is { } after) foreach (var signal in Signals(after, Words(Cut(after)))) features.Add("n:" + signal);
        }

        if (groups.HasFlag(CheckworthyFeatureGroups.Turn) && context.TurnLength > 0)
        {
            features.Add("t:length:" + (context.TurnLength switch { 1 => "1", < 4 => "2-3", < 10 => "4-9", _ => "10+" }));
            features.Add("t:place:" + (context.TurnIndex == 0 ? "first" : context.TurnIndex == context.TurnLength - 1 ? "last" : "middle"));
        }

        if (groups.HasFlag(CheckworthyFeatureGroups.Position) && context.RelativePosition is { } position)
        {
            features.Add("d:position:" + Math.Clamp((int)(position * 5), 0, 4).ToString(CultureInfo.InvariantCulture));
        }

        if (groups.HasFlag(CheckworthyFeatureGroups.Speaker) && !string.IsNullOrWhiteSpace(context.Speaker))
        {
            features.Add("s:" + context.Speaker.Trim().ToUpperInvariant());
        }

        return [.. features.Order(StringComparer.Ordinal)];
    }

    /// <summary>Each word's coarse and fine class, and pairs of neighbouring coarse classes (a sentence's shape: "&lt;num&gt;
    /// percent" and "three times" alike).</summary>
    private static void AddClasses(HashSet<string> features, List<string> words, CheckworthyClusters clusters)
    {
        var previous = "<s>";
        foreach (var word in words)
        {
            var coarse = "?";
            if (clusters.TryGet(word, out var classes))
            {
                coarse = classes.Coarse.ToString(CultureInfo.InvariantCulture);
                features.Add("k:" + coarse);
                features.Add("kf:" + classes.Fine.ToString(CultureInfo.InvariantCulture));
            }

            features.Add("kb:" + previous + "_" + coarse);
            previous = coarse;
        }

        features.Add("kb:" + previous + "_</s>");
    }

    /// <summary>The sentence's vector from <paramref name="vectors"/> (its words as the features cut them).</summary>
    public static double[] SentenceVector(string sentence, CheckworthyWordVectors vectors) => vectors.SentenceVector(Words(Cut(sentence)));

    private static string Cut(string sentence) => sentence.Length > MaximumCharacters ? sentence[..MaximumCharacters] : sentence;

    /// <summary>What a sentence is like, whatever its words: figures, comparisons, who speaks to whom, how long.</summary>
    private static IEnumerable<string> Signals(string sentence, List<string> words)
    {
        if (words.Contains("<num>")) yield return "number";
        if (sentence.Contains('$') || words.Any(w => w is "dollars" or "million" or "billion" or "trillion")) yield return "money";
        if (sentence.Contains('%') || words.Any(w => w is "percent" or "per")) yield return "percent";
        if (sentence.TrimEnd().EndsWith('?')) yield return "question";
        yield return "length:" + (words.Count switch { < 5 => "0-4", < 10 => "5-9", < 20 => "10-19", < 35 => "20-34", _ => "35+" });
        if (words.Any(w => w is "more" or "less" or "fewer" or "than" or "most" or "largest" or "highest" or "lowest" or "increase" or "decrease" or "doubled" or "tripled")) yield return "comparison";
        if (words.Any(w => w is "i" or "we" or "my" or "our" or "me" or "us")) yield return "first-person";
        if (words.Any(w => w is "you" or "your")) yield return "second-person";
        if (IsStageDirection(sentence)) yield return "stage-direction";
    }

    /// <summary>"(APPLAUSE)", "[crosstalk]": a transcript's note, not something anyone said.</summary>
    private static bool IsStageDirection(string sentence)
    {
        var trimmed = sentence.Trim();
        return trimmed.Length > 1 && trimmed[0] is '(' or '[' && trimmed[^1] is ')' or ']';
    }

    internal static List<string> Words(string text)
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

/// <summary>Feature groups beyond a sentence's own words and flags; a model records which it was trained with.</summary>
[Flags]
public enum CheckworthyFeatureGroups
{
    None = 0,

    /// <summary>The flags (figures, comparison, question, length) of the previous and next sentence.</summary>
    Neighbours = 1,

    /// <summary>How long the speaker's turn is and where in it the sentence falls (transcripts only).</summary>
    Turn = 2,

    /// <summary>Which fifth of the transcript the sentence falls in (transcripts only).</summary>
    Position = 4,

    /// <summary>Who speaks, by name (transcripts only): some speakers are checked far more often than others.</summary>
    Speaker = 8,

    /// <summary>The words' classes (<see cref="CheckworthyClusters"/>), induced from unlabelled text.</summary>
    Clusters = 16,

    /// <summary>The sentence's dense vector (<see cref="CheckworthyWordVectors"/>), induced from unlabelled text.</summary>
    Vectors = 32,
}

/// <summary>
/// What a sentence's neighbours and speaker say about it. Speakers are known in transcripts (debates, interviews), not in
/// articles, where only the neighbouring sentences count. The role is relative to the transcript so that it carries over
/// to people the training data never saw: who asks the questions (a moderator) or holds the floor (a candidate).
/// </summary>
public readonly record struct CheckworthyContext(
    bool AfterQuestion,
    bool TurnStart,
    string? SpeakerRole,
    string? Previous = null,
    string? Next = null,
    int TurnIndex = 0,
    int TurnLength = 0,
    double? RelativePosition = null,
    string? Speaker = null)
{
    /// <summary>The role of whoever asks the questions in a transcript.</summary>
    public const string QuestionerRole = "asks";

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
        var turnEnds = new int[sentences.Count];
        for (var i = sentences.Count - 1; i >= 0; i--)
        {
            turnEnds[i] = speakers is not null && i + 1 < sentences.Count && string.Equals(speakers[i + 1], speakers[i], StringComparison.Ordinal) ? turnEnds[i + 1] : i + 1;
        }

        var turnStart = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var afterQuestion = i > 0 && sentences[i - 1].TrimEnd().EndsWith('?');
            var speaker = speakers?[i];
            var startsTurn = speakers is not null && (i == 0 || !string.Equals(speakers[i - 1], speaker, StringComparison.Ordinal));
            if (startsTurn) turnStart = i;
            contexts[i] = new CheckworthyContext(
                afterQuestion,
                startsTurn,
                speaker is not null && roles is not null ? roles[speaker] : null,
                i > 0 ? sentences[i - 1] : null,
                i + 1 < sentences.Count ? sentences[i + 1] : null,
                speakers is null ? 0 : i - turnStart,
                speakers is null ? 0 : turnEnds[i] - turnStart,
                speakers is null ? null : i / (double)sentences.Count,
                speaker);
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
            pair.Value.Questions >= QuestionerShare * pair.Value.Lines ? QuestionerRole
            : pair.Value.Lines >= MainShare * total ? "main"
            : "minor", StringComparer.Ordinal);
    }
}
