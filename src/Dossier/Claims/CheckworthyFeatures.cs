using System.Buffers;
using System.Globalization;

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
        using var words = CheckworthyWords.Of(Cut(sentence));
        var names = new NameSet(new HashSet<string>(StringComparer.Ordinal));
        Emit(sentence, words, context, groups, clusters, ref names);
        return [.. names.Names.Order(StringComparer.Ordinal)];
    }

    /// <summary>Hands each of the sentence's features to <paramref name="sink"/> as a span over a reused buffer (possibly more
    /// than once: sinks keep distinct names). <see cref="Extract"/> reads features from here, and the model's scoring reads
    /// those of <see cref="EmitSentence"/> (its words' own it takes from tables keyed by word, checked against these), so
    /// that what is trained is what is scored, without a string per feature when scoring.</summary>
    internal static void Emit<TSink>(
        string sentence, in CheckworthyWords words, in CheckworthyContext context, CheckworthyFeatureGroups groups, CheckworthyClusters? clusters, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var buffer = ArrayPool<char>.Shared.Rent(2 * words.LongestWord + 16);
        try
        {
            var name = buffer.AsSpan();
            ReadOnlySpan<char> previous = SentenceStart;
            for (var i = 0; i < words.Count; i++)
            {
                var word = words[i];
                sink.Add(Compose(name, UnigramPrefix, word));
                sink.Add(Compose(name, BigramPrefix, previous, BigramJoint, word));
                previous = word;
            }

            sink.Add(Compose(name, BigramPrefix, previous, BigramJoint, SentenceEnd));
            if (groups.HasFlag(CheckworthyFeatureGroups.Clusters) && clusters is not null) EmitClasses(words, clusters, name, ref sink);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        EmitSentence(sentence, words, context, groups, ref sink);
    }

    internal const string UnigramPrefix = "w:";
    internal const string BigramPrefix = "b:";
    internal const string CoarseClassPrefix = "k:";
    internal const string FineClassPrefix = "kf:";
    internal const string ClassBigramPrefix = "kb:";

    /// <summary>What joins a bigram's two words (or classes): no word holds it.</summary>
    internal const string BigramJoint = "_";

    internal const string SentenceStart = "<s>";
    internal const string SentenceEnd = "</s>";

    /// <summary>The class bigrams' stand-in for a word without classes.</summary>
    internal const string NoClass = "?";

    /// <summary>The features of the sentence as a whole: its signals, its first word, its context and speaker.</summary>
    internal static void EmitSentence<TSink>(string sentence, in CheckworthyWords words, in CheckworthyContext context, CheckworthyFeatureGroups groups, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var speaker = groups.HasFlag(CheckworthyFeatureGroups.Speaker) && !string.IsNullOrWhiteSpace(context.Speaker) ? context.Speaker.AsSpan().Trim() : default;
        // Room for the longest name: a word and a prefix, the speaker's name, or a fixed name with the speaker's role.
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(Math.Max(words.LongestWord + 16, speaker.Length + 2), (context.SpeakerRole?.Length ?? 0) + 64));
        try
        {
            var name = buffer.AsSpan();
            EmitSignals("f:", sentence, words, name, ref sink);
            var numbers = 0;
            for (var i = 0; i < words.Count; i++) if (words[i] is Number) numbers++;
            if (numbers > 1) sink.Add(Compose(name, "f:numbers:", numbers > 3 ? "4+" : numbers == 2 ? "2" : "3"));
            if (words.Count > 0) sink.Add(Compose(name, "f:first:", words[0]));
            if (context.AfterQuestion) sink.Add("c:after-question");
            if (context.TurnStart) sink.Add("c:turn-start");
            if (context.SpeakerRole is { } role) sink.Add(Compose(name, "c:speaker:", role));
            if (groups.HasFlag(CheckworthyFeatureGroups.Neighbours))
            {
                // A claim is often made over several sentences: figures or comparisons next door make this one likelier.
                if (context.Previous is { } before) EmitNeighbourSignals("p:", before, name, ref sink);
                if (context.Next is { } after) EmitNeighbourSignals("n:", after, name, ref sink);
            }

            if (groups.HasFlag(CheckworthyFeatureGroups.Turn) && context.TurnLength > 0)
            {
                sink.Add(Compose(name, "t:length:", context.TurnLength switch { 1 => "1", < 4 => "2-3", < 10 => "4-9", _ => "10+" }));
                sink.Add(Compose(name, "t:place:", context.TurnIndex == 0 ? "first" : context.TurnIndex == context.TurnLength - 1 ? "last" : "middle"));
            }

            if (groups.HasFlag(CheckworthyFeatureGroups.Position) && context.RelativePosition is { } position)
            {
                sink.Add(Compose(name, "d:position:", Digit(Math.Clamp((int)(position * 5), 0, 4))));
            }

            if (!speaker.IsEmpty)
            {
                "s:".CopyTo(name);
                var length = speaker.ToUpperInvariant(name[2..]);
                sink.Add(name[..(2 + length)]);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    internal const string Number = "<num>";

    /// <summary>Each word's coarse and fine class, and pairs of neighbouring coarse classes (a sentence's shape: "&lt;num&gt;
    /// percent" and "three times" alike).</summary>
    private static void EmitClasses<TSink>(in CheckworthyWords words, CheckworthyClusters clusters, Span<char> name, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        Span<char> previousBuffer = stackalloc char[11];
        Span<char> coarseBuffer = stackalloc char[11];
        Span<char> fineBuffer = stackalloc char[11];
        SentenceStart.CopyTo(previousBuffer);
        var previousLength = SentenceStart.Length;
        for (var i = 0; i < words.Count; i++)
        {
            scoped ReadOnlySpan<char> coarse = NoClass;
            if (clusters.TryGet(words[i], out var classes))
            {
                coarse = Format(classes.Coarse, coarseBuffer);
                sink.Add(Compose(name, CoarseClassPrefix, coarse));
                sink.Add(Compose(name, FineClassPrefix, Format(classes.Fine, fineBuffer)));
            }

            sink.Add(Compose(name, ClassBigramPrefix, previousBuffer[..previousLength], BigramJoint, coarse));
            coarse.CopyTo(previousBuffer);
            previousLength = coarse.Length;
        }

        sink.Add(Compose(name, ClassBigramPrefix, previousBuffer[..previousLength], BigramJoint, SentenceEnd));
    }

    internal static ReadOnlySpan<char> Format(int value, Span<char> buffer) =>
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture) ? buffer[..written] : throw new ArgumentOutOfRangeException(nameof(value));

    private static string Digit(int value) => value switch { 0 => "0", 1 => "1", 2 => "2", 3 => "3", _ => "4" };

    private static ReadOnlySpan<char> Compose(Span<char> into, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c = default, ReadOnlySpan<char> d = default)
    {
        a.CopyTo(into);
        b.CopyTo(into[a.Length..]);
        c.CopyTo(into[(a.Length + b.Length)..]);
        d.CopyTo(into[(a.Length + b.Length + c.Length)..]);
        return into[..(a.Length + b.Length + c.Length + d.Length)];
    }

    private static void EmitNeighbourSignals<TSink>(ReadOnlySpan<char> prefix, string neighbour, Span<char> name, ref TSink sink) where TSink : struct, IFeatureSink
    {
        using var words = CheckworthyWords.Of(Cut(neighbour));
        EmitSignals(prefix, neighbour, words, name, ref sink);
    }

    /// <summary>The sentence's vector from <paramref name="vectors"/> (its words as the features cut them).</summary>
    public static double[] SentenceVector(string sentence, CheckworthyWordVectors vectors)
    {
        using var words = CheckworthyWords.Of(Cut(sentence));
        var vector = new double[vectors.Dimensions];
        vectors.SentenceVector(words, vector);
        return vector;
    }

    internal static ReadOnlySpan<char> Cut(string sentence) => sentence.AsSpan(0, Math.Min(sentence.Length, MaximumCharacters));

    /// <summary>What a sentence is like, whatever its words: figures, comparisons, who speaks to whom, how long.</summary>
    private static void EmitSignals<TSink>(ReadOnlySpan<char> prefix, string sentence, in CheckworthyWords words, Span<char> name, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        bool number = false, money = sentence.Contains('$'), percent = sentence.Contains('%'), comparison = false, first = false, second = false;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            number |= w is Number;
            money |= w is "dollars" or "million" or "billion" or "trillion";
            percent |= w is "percent" or "per";
            comparison |= w is "more" or "less" or "fewer" or "than" or "most" or "largest" or "highest" or "lowest" or "increase" or "decrease" or "doubled" or "tripled";
            first |= w is "i" or "we" or "my" or "our" or "me" or "us";
            second |= w is "you" or "your";
        }

        if (number) sink.Add(Compose(name, prefix, "number"));
        if (money) sink.Add(Compose(name, prefix, "money"));
        if (percent) sink.Add(Compose(name, prefix, "percent"));
        if (sentence.AsSpan().TrimEnd() is [.., '?']) sink.Add(Compose(name, prefix, "question"));
        sink.Add(Compose(name, prefix, words.Count switch { < 5 => "length:0-4", < 10 => "length:5-9", < 20 => "length:10-19", < 35 => "length:20-34", _ => "length:35+" }));
        if (comparison) sink.Add(Compose(name, prefix, "comparison"));
        if (first) sink.Add(Compose(name, prefix, "first-person"));
        if (second) sink.Add(Compose(name, prefix, "second-person"));
        if (IsStageDirection(sentence)) sink.Add(Compose(name, prefix, "stage-direction"));
    }

    /// <summary>"(APPLAUSE)", "[crosstalk]": a transcript's note, not something anyone said.</summary>
    private static bool IsStageDirection(string sentence)
    {
        var trimmed = sentence.AsSpan().Trim();
        return trimmed.Length > 1 && trimmed[0] is '(' or '[' && trimmed[^1] is ')' or ']';
    }

    internal static List<string> Words(string text)
    {
        using var words = CheckworthyWords.Of(text);
        var list = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++) list.Add(words[i].ToString());
        return list;
    }

    /// <summary>Receives features by name; the span is only valid during the call.</summary>
    internal interface IFeatureSink
    {
        void Add(ReadOnlySpan<char> feature);
    }

    private readonly record struct NameSet(HashSet<string> Names) : IFeatureSink
    {
        public void Add(ReadOnlySpan<char> feature)
        {
            if (!Names.GetAlternateLookup<ReadOnlySpan<char>>().Contains(feature)) Names.Add(feature.ToString());
        }
    }
}

/// <summary>
/// A text's words as the check-worthiness features see them: lower-cased, "’" read as "'", numbers (with their inner
/// dots, commas and apostrophes) folded to "&lt;num&gt;", other words stripped of outer apostrophes. Held in pooled
/// buffers: dispose it.
/// </summary>
internal readonly ref struct CheckworthyWords
{
    private readonly char[] _text;
    private readonly (int Start, int Length)[] _words;

    private CheckworthyWords(char[] text, (int Start, int Length)[] words, int count, int longest)
    {
        _text = text;
        _words = words;
        Count = count;
        LongestWord = longest;
    }

    public int Count { get; }

    public int LongestWord { get; }

    public ReadOnlySpan<char> this[int index] => index < Count ? _text.AsSpan(_words[index].Start, _words[index].Length) : throw new ArgumentOutOfRangeException(nameof(index));

    public static CheckworthyWords Of(ReadOnlySpan<char> text)
    {
        // A number of one digit becomes five characters ("<num>"); a word takes at least one character and a separator.
        var buffer = ArrayPool<char>.Shared.Rent(5 * text.Length + 5);
        var words = ArrayPool<(int, int)>.Shared.Rent(text.Length / 2 + 1);
        int count = 0, longest = 0, start = 0, length = 0;
        var hasDigit = false;
        foreach (var raw in text)
        {
            var c = raw == '’' ? '\'' : raw;
            if (char.IsLetterOrDigit(c) || (c is '\'' or '.' or ',' && length > 0 && hasDigit) || (c == '\'' && length > 0))
            {
                buffer[start + length++] = char.ToLowerInvariant(c);
                hasDigit |= char.IsDigit(c);
                continue;
            }

            Flush();
        }

        Flush();
        return new CheckworthyWords(buffer, words, count, longest);

        void Flush()
        {
            if (length > 0)
            {
                var word = hasDigit ? (Start: start, Length: 5) : Trimmed(buffer.AsSpan(start, length), start);
                if (hasDigit) "<num>".CopyTo(buffer.AsSpan(start));
                words[count++] = word;
                longest = Math.Max(longest, word.Length);
                start += Math.Max(length, word.Length);
            }

            length = 0;
            hasDigit = false;
        }
    }

    /// <summary>A word's place without its outer apostrophes (it holds at least one letter, so something is left).</summary>
    private static (int Start, int Length) Trimmed(ReadOnlySpan<char> word, int start) =>
        (start + word.Length - word.TrimStart('\'').Length, word.Trim('\'').Length);

    public void Dispose()
    {
        if (_text is not null) ArrayPool<char>.Shared.Return(_text);
        if (_words is not null) ArrayPool<(int, int)>.Shared.Return(_words);
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
