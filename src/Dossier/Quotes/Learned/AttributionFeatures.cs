using Dossier.Entities.Ner;
using Dossier.Text;

namespace Dossier.Quotes.Learned;

/// <summary>
/// The attribution tagger's features for the tokens of one document, as hashed buckets: the word and its neighbours,
/// shapes, whether it is a cue to the quote stage's lexicon or cue model, whether it is between quotation marks, and
/// where it lies from the sentence's cue candidates (sources sit before or just after a cue, contents after it or
/// before "…, X said"). Computed per sentence on demand; the per-token parts once per document.
/// </summary>
internal sealed class AttributionFeatures
{
    // Template ids: each feature hashes its template with its values, so equal values of different templates differ.
    private const ulong Bias = 1, Word = 2, Previous = 3, Next = 4, Previous2 = 5, Next2 = 6, PreviousWord = 7, WordNext = 8,
        ShapeOf = 9, ShapeWindow = 10, Suffix = 11, CueOf = 12, CueAround = 13, Quoted = 14, QuotedShape = 15, CueLeft = 16,
        CueRight = 17, CueBoth = 18, CueWordLeft = 19, CueWordRight = 20, Position = 21, FirstWord = 22, QuotedSentence = 23,
        AfterCueLeft = 24, CueLeftShape = 25, CueRightShape = 26, AfterComma = 27;

    private const ulong Outside = 0xAAAA;

    private readonly TokenWords _words;
    private readonly bool[] _insideQuote;
    private readonly ulong[] _lower;
    private readonly ulong[] _shape;
    private readonly ulong[] _suffix;
    private readonly int[] _cue;

    /// <param name="words">The document's tokens.</param>
    /// <param name="insideQuote">Per token, whether it lies between quotation marks (marks included).</param>
    /// <param name="lexicon">The quote stage's cue lists.</param>
    /// <param name="cueScores">The cue model's scores of these tokens, when the quote stage has begun them; new ones otherwise.</param>
    public AttributionFeatures(TokenWords words, bool[] insideQuote, QuoteLexicon lexicon, CueScores? cueScores = null)
    {
        _words = words;
        _insideQuote = insideQuote;
        var n = words.Count;
        _lower = new ulong[n];
        _shape = new ulong[n];
        _suffix = new ulong[n];
        _cue = new int[n];
        var scores = cueScores ?? new CueScores(CueModel.Default, words);
        for (var t = 0; t < n; t++)
        {
            var lower = words.Lower(t);
            _lower[t] = StableHash.Of(lower);
            _shape[t] = ShapeHash(words.Text(t));
            _suffix[t] = StableHash.Of(lower.Length > 3 ? lower.AsSpan(lower.Length - 3) : lower);
            _cue[t] = CueClass(words, t, lexicon, scores);
        }
    }

    public int Count => _lower.Length;

    /// <summary>0 no cue; 1 a listed cue; 2 a counted (learned) cue; 3–5 the cue model's score, weak to strong; 6 listed and the model agrees.</summary>
    private static int CueClass(TokenWords words, int t, QuoteLexicon lexicon, CueScores scores)
    {
        if (words.Tokens[t].Kind != TokenKind.Word) return 0;
        var listed = lexicon.CuesByFirstWord.TryGetValue(words.Lower(t), out var patterns) ? patterns.Any(p => !p.Learned) ? 1 : 2 : 0;
        var score = scores[t];
        if (listed != 0) return score > 0 ? 6 : listed;
        return score switch
        {
            > 1 => 5,
            > 0 => 4,
            > -1 => 3,
            _ => 0,
        };
    }

    /// <summary>Whether some token of [start, end) is a cue to the lexicon or the cue model, and not a word the stage never takes as a cue.</summary>
    public bool HasCueCandidate(int start, int end, IReadOnlySet<string> notCues)
    {
        for (var t = Math.Max(0, start); t < end && t < _cue.Length; t++)
        {
            if (IsCandidate(_cue[t]) && !notCues.Contains(_words.Lower(t))) return true;
        }

        return false;
    }

    private static bool IsCandidate(int cueClass) => cueClass is 1 or 2 or 4 or 5 or 6;

    /// <summary>The sentence's features: the tokens [start, end) of the document, hashed into 2^bits buckets.</summary>
    public SentenceFeatures Sentence(int start, int end, int bits)
    {
        var length = end - start;
        var shift = 64 - bits;
        var offsets = new int[length + 1];
        var features = new List<int>(length * 28);
        var leftCue = new int[length];
        var rightCue = new int[length];
        var last = -1;
        var quotedSentence = false;
        for (var t = start; t < end; t++)
        {
            leftCue[t - start] = last;
            if (IsCandidate(_cue[t])) last = t;
            quotedSentence |= _insideQuote[t];
        }

        last = -1;
        for (var t = end - 1; t >= start; t--)
        {
            rightCue[t - start] = last;
            if (IsCandidate(_cue[t])) last = t;
        }

        var first = _lower[start];
        for (var t = start; t < end; t++)
        {
            var i = t - start;
            offsets[i] = features.Count;
            void Add(ulong template, ulong value) => features.Add((int)(StableHash.Mix(template, value) >> shift));
            void Add2(ulong template, ulong a, ulong b) => features.Add((int)(StableHash.Mix(template, a, b) >> shift));

            var previous = Lower(t - 1, start, end);
            var next = Lower(t + 1, start, end);
            Add(Bias, 0);
            Add(Word, _lower[t]);
            Add(Previous, previous);
            Add(Next, next);
            Add(Previous2, Lower(t - 2, start, end));
            Add(Next2, Lower(t + 2, start, end));
            Add2(PreviousWord, previous, _lower[t]);
            Add2(WordNext, _lower[t], next);
            Add(ShapeOf, _shape[t]);
            Add2(ShapeWindow, StableHash.Mix(Shape(t - 1, start, end), _shape[t]), Shape(t + 1, start, end));
            Add(Suffix, _suffix[t]);
            Add(CueOf, (ulong)_cue[t]);
            Add2(CueAround, (ulong)Cue(t - 1, start, end), (ulong)Cue(t + 1, start, end));
            var quoted = _insideQuote[t] ? 1UL : 0UL;
            Add(Quoted, quoted);
            Add2(QuotedShape, quoted, _shape[t]);
            var left = leftCue[i];
            var right = rightCue[i];
            var leftDistance = left < 0 ? 0UL : Distance(t - left);
            var rightDistance = right < 0 ? 0UL : Distance(right - t);
            Add(CueLeft, leftDistance);
            Add(CueRight, rightDistance);
            Add2(CueBoth, leftDistance, rightDistance);
            Add2(CueWordLeft, leftDistance, left < 0 ? Outside : _lower[left]);
            Add2(CueWordRight, rightDistance, right < 0 ? Outside : _lower[right]);
            Add2(CueLeftShape, leftDistance, _shape[t]);
            Add2(CueRightShape, rightDistance, _shape[t]);
            Add2(AfterCueLeft, left < 0 ? Outside : Lower(left + 1, start, end), quoted);
            Add2(Position, Distance(i + 1), Distance(end - t));
            Add(FirstWord, first);
            Add2(QuotedSentence, quotedSentence ? 1UL : 0UL, quoted);
            Add(AfterComma, _words.Text(t - 1) == "," && t > start ? 1UL : 0UL);
        }

        offsets[length] = features.Count;
        return new SentenceFeatures([.. features], offsets);
    }

    private ulong Lower(int t, int start, int end) => t < start || t >= end ? Outside : _lower[t];

    private ulong Shape(int t, int start, int end) => t < start || t >= end ? Outside : _shape[t];

    private int Cue(int t, int start, int end) => t < start || t >= end ? -1 : _cue[t];

    /// <summary>1, 2, 3, 4–5, 6–8, 9–13, 14+: near distances exactly, far ones coarsely.</summary>
    private static ulong Distance(int d) => d switch
    {
        <= 3 => (ulong)d,
        <= 5 => 4,
        <= 8 => 5,
        <= 13 => 6,
        _ => 7,
    };

    /// <summary>The hash of a word's shape: capitals X, lower case x, digits d, other characters as they are; runs shortened to two.</summary>
    private static ulong ShapeHash(string text)
    {
        Span<char> shape = stackalloc char[Math.Min(text.Length, 8)];
        var length = 0;
        char previous = '\0';
        var run = 0;
        foreach (var c in text)
        {
            var s = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            run = s == previous ? run + 1 : 1;
            previous = s;
            if (run > 2) continue;
            if (length == shape.Length) break;
            shape[length++] = s;
        }

        return StableHash.Of(shape[..length]);
    }
}
