using System.Collections.Frozen;
using Dossier.Text;
using System.Globalization;

namespace Dossier.Quotes;

/// <summary>
/// A linear model over a word and its neighbours that scores whether the word heads an attribution cue. The curated
/// cue list covers speech verbs; PolNeAR also attributes beliefs, plans and perceptions ("wants", "plans", "believe",
/// "shows") whose cue status depends on the words around them, which a word list cannot see. Weights come from an
/// averaged perceptron trained on PolNeAR train (models/quotes/cue-model.tsv); a positive score means "cue".
/// </summary>
internal sealed class CueModel
{
    private const int Unlooked = int.MinValue;
    private const int ShapeCount = 5;
    private const int ShapeWindow = 5;

    private readonly FrozenDictionary<string, float> _weights;

    // The weights again, by template: a word's templates are read from arrays indexed by its place in the vocabulary, so
    // that scoring a token looks its text up once instead of joining and hashing a dozen feature names.
    private readonly float _bias;
    private readonly FrozenDictionary<string, int> _vocabulary;
    private readonly int _outside;
    private readonly float[] _word;
    private readonly float[] _previous;
    private readonly float[] _previous2;
    private readonly float[] _next;
    private readonly float[] _next2;
    private readonly float[] _thatSoon;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _suffix;
    private readonly Dictionary<long, float> _previousWord;
    private readonly Dictionary<long, float> _wordNext;
    private readonly Dictionary<long, float> _wordShapes;
    private readonly float[] _shapes;

    private CueModel(FrozenDictionary<string, float> weights)
    {
        _weights = weights;
        _bias = weights.GetValueOrDefault("bias");
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string word) => vocabulary.TryGetValue(word, out var id) ? id : vocabulary[word] = vocabulary.Count;
        var single = new List<(Dictionary<int, float> Weights, string Prefix)>
        {
            (new(), "w="), (new(), "p="), (new(), "p2="), (new(), "n="), (new(), "n2="), (new(), "that+|"),
        };
        var suffix = new Dictionary<string, float>(StringComparer.Ordinal);
        var pairs = new Dictionary<string, Dictionary<long, float>> { ["pw="] = [], ["wn="] = [] };
        _wordShapes = [];
        _shapes = new float[(int)Math.Pow(ShapeCount, ShapeWindow)];
        foreach (var (feature, weight) in weights)
        {
            var template = single.Find(t => feature.StartsWith(t.Prefix, StringComparison.Ordinal));
            if (template.Weights is not null)
            {
                template.Weights[Id(feature[template.Prefix.Length..])] = weight;
            }
            else if (feature.StartsWith("s3=", StringComparison.Ordinal))
            {
                suffix[feature[3..]] = weight;
            }
            else if (pairs.Keys.FirstOrDefault(prefix => feature.StartsWith(prefix, StringComparison.Ordinal)) is { } pairPrefix)
            {
                // A word may itself hold '|': every split is kept, and only the one at the first word's length can match.
                var joined = feature[pairPrefix.Length..];
                for (var bar = joined.IndexOf('|'); bar >= 0; bar = joined.IndexOf('|', bar + 1))
                {
                    pairs[pairPrefix][PairKey.Of(Id(joined[..bar]), Id(joined[(bar + 1)..]))] = weight;
                }
            }
            else if (feature.StartsWith("wsh=", StringComparison.Ordinal))
            {
                var joined = feature[4..];
                if (joined.Length >= 3 && joined[^3] == '|' && ShapesCode(joined.AsSpan(joined.Length - 2)) is var code and >= 0)
                {
                    _wordShapes[PairKey.Of(Id(joined[..^3]), code)] = weight;
                }
            }
            else if (feature.StartsWith("sh=", StringComparison.Ordinal) && feature.Length == 3 + ShapeWindow && ShapesCode(feature.AsSpan(3)) is var code and >= 0)
            {
                _shapes[code] = weight;
            }
        }

        _outside = Id("");
        _vocabulary = vocabulary.ToFrozenDictionary(StringComparer.Ordinal);
        float[] ByWord(int template)
        {
            var byWord = new float[vocabulary.Count];
            foreach (var (id, weight) in single[template].Weights) byWord[id] = weight;
            return byWord;
        }

        (_word, _previous, _previous2, _next, _next2, _thatSoon) = (ByWord(0), ByWord(1), ByWord(2), ByWord(3), ByWord(4), ByWord(5));
        _suffix = suffix.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _previousWord = pairs["pw="];
        _wordNext = pairs["wn="];
    }

    public static CueModel Default => LazyDefault.Value;

    private static readonly Lazy<CueModel> LazyDefault = new(() => Parse(EmbeddedData.ReadLines("Quotes.Data.cue-model.tsv")));

    public int FeatureCount => _weights.Count;

    /// <summary>A token's place in the vocabulary for each token of a document, none looked up yet (see <see cref="Score(TokenWords, int, int[])"/>).</summary>
    public static int[] NewWordIds(int tokens)
    {
        var ids = new int[tokens];
        Array.Fill(ids, Unlooked);
        return ids;
    }

    /// <summary>The sum of the weights of <see cref="Features"/>, in the same order.</summary>
    public double Score(TokenWords words, int i) => Score(words, i, NewWordIds(words.Count));

    /// <summary>
    /// As <see cref="Score(TokenWords, int)"/>, with the document's word places kept in <paramref name="wordIds"/> across
    /// calls: the quote stage and the attribution tagger score nearly every word of every article, and each word is also
    /// its four neighbours' context.
    /// </summary>
    public double Score(TokenWords words, int i, int[] wordIds)
    {
        var word = WordId(words, i, wordIds);
        var previous = WordId(words, i - 1, wordIds);
        var next = WordId(words, i + 1, wordIds);
        var text = words.Lower(i);
        Span<char> shapes = [Shape(words, i - 2), Shape(words, i - 1), Shape(words, i), Shape(words, i + 1), Shape(words, i + 2)];
        double sum = 0;
        sum += _bias;
        sum += ByWord(_word, word);
        sum += _suffix.TryGetValue(text.Length > 3 ? text.AsSpan(text.Length - 3) : text, out var suffix) ? suffix : 0;
        sum += ByWord(_previous, previous);
        sum += ByWord(_previous2, WordId(words, i - 2, wordIds));
        sum += ByWord(_next, next);
        sum += ByWord(_next2, WordId(words, i + 2, wordIds));
        sum += ByPair(_previousWord, previous, word);
        sum += ByPair(_wordNext, word, next);
        sum += _shapes[ShapesCode(shapes)];
        sum += ByPair(_wordShapes, word, ShapesCode([shapes[1], shapes[3]]));
        var thatSoon = false;
        for (var j = i + 1; j <= i + 4 && !thatSoon; j++) thatSoon = words.Lower(j) == "that";
        if (thatSoon) sum += ByWord(_thatSoon, word);
        return sum;
    }

    /// <summary>A feature's weight; 0 for one the model never saw.</summary>
    internal float WeightOf(string feature) => _weights.GetValueOrDefault(feature);

    // A feature the model never saw adds nothing, as a missing weight did; a word outside the vocabulary is in no feature.
    private static float ByWord(float[] weights, int word) => word >= 0 ? weights[word] : 0;

    private static float ByPair(Dictionary<long, float> weights, int first, int second) =>
        first >= 0 && second >= 0 && weights.TryGetValue(PairKey.Of(first, second), out var weight) ? weight : 0;

    private int WordId(TokenWords words, int i, int[] wordIds)
    {
        if (i < 0 || i >= words.Count) return _outside;
        if (wordIds[i] == Unlooked) wordIds[i] = _vocabulary.TryGetValue(words.Lower(i), out var id) ? id : -1;
        return wordIds[i];
    }

    /// <summary>Shapes (see <see cref="Shape"/>) as one number, a digit per shape; -1 when one is not a shape.</summary>
    private static int ShapesCode(ReadOnlySpan<char> shapes)
    {
        var code = 0;
        foreach (var shape in shapes)
        {
            var digit = shape switch { '_' => 0, 'p' => 1, 'd' => 2, 'X' => 3, 'x' => 4, _ => -1 };
            if (digit < 0) return -1;
            code = code * ShapeCount + digit;
        }

        return code;
    }

    /// <summary>
    /// The word, its suffix and shape, the two words either side and the shapes around it; "that" soon after and a
    /// subject-like word before are what separate "Trump wants Clinton to …" from "wants and needs".
    /// </summary>
    public static IEnumerable<string> Features(TokenWords words, int i)
    {
        var word = words.Lower(i);
        var previous = words.Lower(i - 1);
        var next = words.Lower(i + 1);
        yield return "bias";
        yield return "w=" + word;
        yield return "s3=" + (word.Length > 3 ? word[^3..] : word);
        yield return "p=" + previous;
        yield return "p2=" + words.Lower(i - 2);
        yield return "n=" + next;
        yield return "n2=" + words.Lower(i + 2);
        yield return "pw=" + previous + "|" + word;
        yield return "wn=" + word + "|" + next;
        yield return "sh=" + Shape(words, i - 2) + Shape(words, i - 1) + Shape(words, i) + Shape(words, i + 1) + Shape(words, i + 2);
        yield return "wsh=" + word + "|" + Shape(words, i - 1) + Shape(words, i + 1);
        var thatSoon = false;
        for (var j = i + 1; j <= i + 4 && !thatSoon; j++) thatSoon = words.Lower(j) == "that";
        if (thatSoon) yield return "that+|" + word;
    }

    /// <summary>X capitalised word, x lower-case word, d number, p punctuation, _ outside the text.</summary>
    private static char Shape(TokenWords words, int i)
    {
        if (i < 0 || i >= words.Count) return '_';
        var text = words.Text(i);
        if (text.Length == 0) return '_';
        if (words.IsPunctuation(i)) return 'p';
        if (char.IsDigit(text[0])) return 'd';
        return char.IsUpper(text[0]) ? 'X' : 'x';
    }

    /// <summary>Reads "feature TAB weight" lines.</summary>
    public static CueModel Parse(IEnumerable<string> lines) => new(ReadWeights(lines));

    /// <summary>"feature TAB weight" lines as a weight per feature; lines without a weight (comments) are skipped. Shared by the quote stage's linear models.</summary>
    internal static FrozenDictionary<string, float> ReadWeights(IEnumerable<string> lines)
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !float.TryParse(line.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)) continue;
            weights[line[..tab]] = weight;
        }

        return weights.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
