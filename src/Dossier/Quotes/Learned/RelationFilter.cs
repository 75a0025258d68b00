using System.Collections.Frozen;
using System.Collections.Immutable;
using Dossier.Text;

namespace Dossier.Quotes.Learned;

/// <summary>
/// A linear model that scores each attribution the rules and the tagger found (source, cue, content together) by how
/// likely it is to be one an annotator would mark; the stage drops those scoring below its threshold. The rules and
/// the tagger each judge one cue or one sentence; this model sees the whole relation: which cue with which kind of
/// source, how far apart, how long a content. Weights: an averaged perceptron trained on the stage's own output over
/// PolNeAR train (models/quotes/relation-filter.tsv). Thread-safe: the weights are only read.
/// </summary>
internal sealed class RelationFilter
{
    private const string ResourceName = "Quotes.Data.relation-filter.tsv";

    private static readonly Lazy<RelationFilter> LazyDefault = new(() => new RelationFilter(CueModel.ReadWeights(EmbeddedData.ReadLines(ResourceName))));

    private readonly FrozenDictionary<string, float> _weights;

    private RelationFilter(FrozenDictionary<string, float> weights) => _weights = weights;

    /// <summary>The filter that ships in the engine.</summary>
    public static RelationFilter Default => LazyDefault.Value;

    public static RelationFilter Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No relation filter weights at '{path}'.", path);
        return new RelationFilter(CueModel.ReadWeights(File.ReadLines(path)));
    }

    public double Score(IEnumerable<string> features)
    {
        double sum = 0;
        foreach (var feature in features) sum += _weights.GetValueOrDefault(feature);
        return sum;
    }

    /// <summary>
    /// Whether the filter judges a quote: one with a speaker (else there is no relation) that is not a direct quote.
    /// Direct quotes are what readers see most; the rules find them at high precision, and on PolNeAR dev dropping
    /// even low-scoring ones lost more right speakers than wrong ones.
    /// </summary>
    public static bool Judges(Quote quote) => quote.SpeakerSpan is not null && quote.Kind != QuoteKind.Direct;

    /// <summary>
    /// The quotes to keep: those the filter does not judge, and those scoring at least <paramref name="threshold"/>
    /// (all when it is null). <paramref name="candidates"/>, when given, sees each judged quote with its features.
    /// </summary>
    public ImmutableArray<Quote> Keep(ImmutableArray<Quote> quotes, RelationContext context, double? threshold, Action<Quote, IReadOnlyList<string>>? candidates = null)
    {
        var kept = ImmutableArray.CreateBuilder<Quote>(quotes.Length);
        foreach (var quote in quotes)
        {
            if (!Judges(quote))
            {
                kept.Add(quote);
                continue;
            }

            var features = Features(context, quote).ToList();
            candidates?.Invoke(quote, features);
            if (threshold is not { } minimum || Score(features) >= minimum) kept.Add(quote);
        }

        return kept.ToImmutable();
    }

    /// <summary>
    /// The relation's features: its kind; the cue's words, their standing in the lexicon and their neighbours; the
    /// source's first word, shape, length and kind; the order of source, cue and content and the gaps between them;
    /// the content's length, first word and share of quoted words; whether source and content share a sentence.
    /// </summary>
    public static IEnumerable<string> Features(RelationContext context, Quote quote)
    {
        var words = context.Words;
        var kind = quote.Kind.ToString();
        var (contentStart, contentEnd) = context.TokensOf(quote.Content.Start, quote.Content.End);
        var (speakerStart, speakerEnd) = quote.SpeakerSpan is { } s ? context.TokensOf(s.Start, s.End) : (-1, -1);
        var (cueStart, cueEnd) = quote.CueSpan is { } c ? context.TokensOf(c.Start, c.End) : (-1, -1);
        var cueText = quote.Cue.ToLowerInvariant();
        var cueClass = CueClass(context.Lexicon, words, cueStart, cueText);
        yield return "bias";
        yield return "k=" + kind;
        yield return "cc=" + cueClass;
        yield return "k|cc=" + kind + "|" + cueClass;
        yield return "cue=" + cueText;
        yield return "k|cue=" + kind + "|" + cueText;
        if (cueStart >= 0)
        {
            yield return "cue-p=" + words.Lower(cueStart - 1);
            yield return "cue-n=" + words.Lower(cueEnd);
            yield return "cue|n=" + cueText + "|" + words.Lower(cueEnd);
        }

        var speakerFirst = words.Lower(speakerStart);
        yield return "s1=" + speakerFirst;
        yield return "sk=" + quote.SpeakerKind;
        yield return "sk|k=" + quote.SpeakerKind + "|" + kind;
        yield return "sn=" + Bucket(speakerEnd - speakerStart);
        yield return "ssh=" + Shape(words, speakerStart) + Shape(words, speakerEnd - 1);
        yield return "s-p=" + words.Lower(speakerStart - 1);
        yield return "cue|s1=" + cueText + "|" + speakerFirst;
        yield return "cc|ssh=" + cueClass + "|" + Shape(words, speakerStart) + Shape(words, speakerEnd - 1);

        var layout = Layout(speakerStart, cueStart, contentStart);
        yield return "lay=" + layout;
        yield return "lay|k=" + layout + "|" + kind;
        yield return "lay|cc=" + layout + "|" + cueClass;
        if (cueStart >= 0)
        {
            var sourceGap = Gap(speakerStart, speakerEnd, cueStart, cueEnd);
            var contentGap = Gap(contentStart, contentEnd, cueStart, cueEnd);
            yield return "gs=" + Bucket(sourceGap);
            yield return "gt=" + Bucket(contentGap);
            yield return "gs|gt=" + Bucket(sourceGap) + "|" + Bucket(contentGap);
            yield return "gs|cc=" + Bucket(sourceGap) + "|" + cueClass;
        }

        var contentWords = CountWords(words, contentStart, contentEnd);
        yield return "tn=" + Bucket(contentWords);
        yield return "tn|k=" + Bucket(contentWords) + "|" + kind;
        yield return "tn|cc=" + Bucket(contentWords) + "|" + cueClass;
        yield return "t1=" + words.Lower(contentStart);
        yield return "t1|cc=" + words.Lower(contentStart) + "|" + cueClass;
        yield return "tl=" + words.Lower(contentEnd - 1);
        yield return "t-n=" + words.Lower(contentEnd);
        var quoted = 0;
        for (var t = contentStart; t < contentEnd; t++) quoted += context.InsideQuote[t] ? 1 : 0;
        yield return "q=" + (quoted == 0 ? "none" : quoted == contentEnd - contentStart ? "all" : "some");
        var sameSentence = speakerStart >= 0 && contentStart < contentEnd && context.SentenceOf(speakerStart) == context.SentenceOf(contentStart);
        yield return "ss=" + sameSentence;
        yield return "ss|k=" + sameSentence + "|" + kind;
        var startsSentence = contentStart < contentEnd && context.StartsSentence(contentStart);
        yield return "t-start=" + startsSentence + "|" + layout;
        if (context.Roles is { } roles)
        {
            // The tagger's reading of the same words: a second opinion for rule attributions, its own for tagged ones.
            var contentAgrees = Agreement(roles, contentStart, contentEnd, AttributionRoles.Content);
            var sourceAgrees = Agreement(roles, speakerStart, speakerEnd, AttributionRoles.Source);
            var cueAgrees = cueStart >= 0 ? Agreement(roles, cueStart, cueEnd, AttributionRoles.Cue) : "-";
            yield return "rt=" + contentAgrees;
            yield return "rs=" + sourceAgrees;
            yield return "rc=" + cueAgrees;
            yield return "rt|rs=" + contentAgrees + "|" + sourceAgrees;
            yield return "rt|rs|rc=" + contentAgrees + "|" + sourceAgrees + "|" + cueAgrees;
            yield return "rt|cc=" + contentAgrees + "|" + cueClass;
            yield return "rs|cc=" + sourceAgrees + "|" + cueClass;
        }
    }

    /// <summary>How much of [start, end) the tagger gave this role: untagged (sentence not tagged), none, some, most, all.</summary>
    private static string Agreement(int[] roles, int start, int end, int role)
    {
        if (start < 0 || end <= start) return "-";
        int agree = 0, tagged = 0;
        for (var t = start; t < end && t < roles.Length; t++)
        {
            if (roles[t] == RelationContext.Untagged) continue;
            tagged++;
            agree += roles[t] == role ? 1 : 0;
        }

        if (tagged == 0) return "untagged";
        return agree == 0 ? "none" : agree == tagged ? "all" : 2 * agree >= tagged ? "most" : "some";
    }

    /// <summary>listed: a curated cue; counted: a learned one from cue-counts; model: a word only the cue model or the tagger takes; none: no cue span.</summary>
    private static string CueClass(QuoteLexicon lexicon, TokenWords words, int cueStart, string cueText)
    {
        if (cueText.Length == 0) return "none";
        if (cueText == ":") return "colon";
        var first = cueStart >= 0 ? words.Lower(cueStart) : cueText.Split(' ')[0];
        if (!lexicon.CuesByFirstWord.TryGetValue(first, out var patterns)) return "model";
        return patterns.Any(p => !p.Learned) ? "listed" : "counted";
    }

    private static string Layout(int source, int cue, int content)
    {
        Span<(int At, char Role)> roles = [(source, 'S'), (cue, 'C'), (content, 'T')];
        roles.Sort((a, b) => a.At.CompareTo(b.At));
        var layout = new char[3];
        var length = 0;
        foreach (var (at, role) in roles)
        {
            if (at >= 0) layout[length++] = role;
        }

        return new string(layout, 0, length);
    }

    private static int Gap(int start, int end, int otherStart, int otherEnd) =>
        start < 0 ? -1 : end <= otherStart ? otherStart - end : start >= otherEnd ? start - otherEnd : 0;

    /// <summary>Exact up to 3, then 4–5, 6–8, 9–13, 14–20, 21+.</summary>
    private static string Bucket(int n) => n switch
    {
        < 0 => "-",
        <= 3 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        <= 5 => "4-5",
        <= 8 => "6-8",
        <= 13 => "9-13",
        <= 20 => "14-20",
        _ => "21+",
    };

    /// <summary>X capitalised, x lower case, d number, p punctuation, _ none.</summary>
    private static char Shape(TokenWords words, int i)
    {
        if (i < 0 || i >= words.Count) return '_';
        if (words.IsPunctuation(i)) return 'p';
        var text = words.Text(i);
        if (text.Length == 0) return '_';
        return char.IsDigit(text[0]) ? 'd' : char.IsUpper(text[0]) ? 'X' : 'x';
    }

    private static int CountWords(TokenWords words, int start, int end)
    {
        var count = 0;
        for (var t = start; t < end; t++) count += words.Tokens[t].Kind is TokenKind.Word or TokenKind.Number ? 1 : 0;
        return count;
    }
}

/// <summary>What the relation filter reads of a document besides the quote: its words, which lie between quotation marks, its sentences and the tagger's roles.</summary>
internal sealed class RelationContext(TokenWords words, bool[] insideQuote, int[] sentenceOf, ImmutableArray<Sentence> sentences, QuoteLexicon lexicon, int[]? roles)
{
    /// <summary>The role of a token in a sentence the attribution tagger did not tag.</summary>
    public const int Untagged = -2;

    public TokenWords Words => words;

    /// <summary>Per token, the attribution tagger's role (<see cref="AttributionRoles"/>, -1 none, <see cref="Untagged"/>); null without the tagger.</summary>
    public int[]? Roles => roles;
    public bool[] InsideQuote => insideQuote;
    public QuoteLexicon Lexicon => lexicon;

    public int SentenceOf(int token) => token >= 0 && token < sentenceOf.Length ? sentenceOf[token] : -1;

    public bool StartsSentence(int token) => SentenceOf(token) is var s and >= 0 && sentences[s].FirstToken == token;

    /// <summary>The tokens [start, end) of a character range.</summary>
    public (int Start, int End) TokensOf(int start, int end)
    {
        var first = words.IndexAtOrAfter(start);
        var last = words.IndexAtOrAfter(end);
        return (first, Math.Max(first, last));
    }

    /// <summary>Per token, the index of its sentence (-1 for a token no sentence holds).</summary>
    public static int[] SentenceIndex(int tokenCount, ImmutableArray<Sentence> sentences)
    {
        var sentenceOf = new int[tokenCount];
        Array.Fill(sentenceOf, -1);
        for (var s = 0; s < sentences.Length; s++)
        {
            var sentence = sentences[s];
            for (var t = sentence.FirstToken; t < sentence.EndToken && t < tokenCount; t++) sentenceOf[t] = s;
        }

        return sentenceOf;
    }
}

/// <summary>The relation filter as the options set it: its weights, the threshold (null keeps every quote) and who sees the candidates.</summary>
internal sealed record RelationJudge(RelationFilter Filter, double? Threshold, Action<Quote, IReadOnlyList<string>>? Candidates)
{
    /// <summary>The judge the options ask for; null when they neither filter nor collect.</summary>
    public static RelationJudge? For(QuoteOptions options)
    {
        if (options.RelationFilterThreshold is null && options.RelationCandidates is null) return null;
        var filter = options.RelationFilterPath is { } path ? RelationFilter.Load(path) : RelationFilter.Default;
        return new RelationJudge(filter, options.RelationFilterThreshold, options.RelationCandidates);
    }
}
