using System.Collections.Frozen;
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
    private readonly FrozenDictionary<string, float> _weights;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _byText;

    private CueModel(FrozenDictionary<string, float> weights)
    {
        _weights = weights;
        _byText = weights.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static CueModel Default => LazyDefault.Value;

    private static readonly Lazy<CueModel> LazyDefault = new(() => Parse(EmbeddedData.ReadLines("Quotes.Data.cue-model.tsv")));

    public int FeatureCount => _weights.Count;

    /// <summary>
    /// The sum of the weights of <see cref="Features"/>, in the same order, with each feature written into one buffer
    /// rather than made a string: the quote stage and the attribution tagger score nearly every word of every article.
    /// </summary>
    public double Score(TokenWords words, int i)
    {
        var word = words.Lower(i);
        var previous = words.Lower(i - 1);
        var next = words.Lower(i + 1);
        var previous2 = words.Lower(i - 2);
        var next2 = words.Lower(i + 2);
        var longest = 8 + word.Length + Math.Max(Math.Max(previous.Length, next.Length), Math.Max(previous2.Length, next2.Length));
        var buffer = longest <= 256 ? stackalloc char[256] : new char[longest];
        Span<char> shapes = [Shape(words, i - 2), Shape(words, i - 1), Shape(words, i), Shape(words, i + 1), Shape(words, i + 2)];
        double sum = 0;
        sum += Weight("bias");
        sum += Weight(Join(buffer, "w=", word));
        sum += Weight(Join(buffer, "s3=", word.Length > 3 ? word.AsSpan(word.Length - 3) : word));
        sum += Weight(Join(buffer, "p=", previous));
        sum += Weight(Join(buffer, "p2=", previous2));
        sum += Weight(Join(buffer, "n=", next));
        sum += Weight(Join(buffer, "n2=", next2));
        sum += Weight(Join(buffer, "pw=", previous, "|", word));
        sum += Weight(Join(buffer, "wn=", word, "|", next));
        sum += Weight(Join(buffer, "sh=", shapes));
        sum += Weight(Join(buffer, "wsh=", word, "|", [shapes[1], shapes[3]]));
        var thatSoon = false;
        for (var j = i + 1; j <= i + 4 && !thatSoon; j++) thatSoon = words.Lower(j) == "that";
        if (thatSoon) sum += Weight(Join(buffer, "that+|", word));
        return sum;
    }

    /// <summary>A feature's weight; 0 for one the model never saw.</summary>
    internal float WeightOf(string feature) => _weights.GetValueOrDefault(feature);

    // A feature the model never saw adds nothing, as a missing weight did.
    private float Weight(ReadOnlySpan<char> feature) => _byText.TryGetValue(feature, out var weight) ? weight : 0;

    private static ReadOnlySpan<char> Join(Span<char> buffer, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c = default, ReadOnlySpan<char> d = default)
    {
        a.CopyTo(buffer);
        b.CopyTo(buffer[a.Length..]);
        c.CopyTo(buffer[(a.Length + b.Length)..]);
        d.CopyTo(buffer[(a.Length + b.Length + c.Length)..]);
        return buffer[..(a.Length + b.Length + c.Length + d.Length)];
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
