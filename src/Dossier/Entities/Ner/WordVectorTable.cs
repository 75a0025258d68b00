namespace Dossier.Entities.Ner;

/// <summary>
/// Pretrained word vectors read as real-valued features (<see cref="NerFeatureSet.DenseWordVectors"/>): each
/// lower-cased word's vector at unit length, times a scale that sets how much a vector weighs beside the binary
/// features. The model file stores the unit vectors in half precision and the scale; training reads the same rounded
/// values, so the weights learnt meet exactly the vectors the tagger reads.
/// </summary>
public sealed class WordVectorTable
{
    private readonly Dictionary<ulong, int> _rows;
    private readonly ulong[] _words;
    private readonly ushort[] _unitHalves;
    private readonly float[] _vectors;

    private WordVectorTable(int dimensions, float scale, ulong[] words, ushort[] unitHalves)
    {
        Dimensions = dimensions;
        Scale = scale;
        _words = words;
        _unitHalves = unitHalves;
        _rows = new Dictionary<ulong, int>(words.Length);
        for (var i = 0; i < words.Length; i++) _rows.TryAdd(words[i], i);
        _vectors = new float[unitHalves.Length];
        for (var i = 0; i < unitHalves.Length; i++) _vectors[i] = (float)BitConverter.UInt16BitsToHalf(unitHalves[i]) * scale;
    }

    public int Dimensions { get; }

    public float Scale { get; }

    public int Count => _words.Length;

    /// <summary>Builds the table from (word, vector) pairs; a word met again, or whose vector is all zeros, is left out.</summary>
    public static WordVectorTable Create(IEnumerable<(string Word, float[] Vector)> vectors, float scale)
    {
        var words = new List<ulong>();
        var halves = new List<ushort>();
        var seen = new HashSet<ulong>();
        var dimensions = 0;
        foreach (var (word, vector) in vectors)
        {
            if (dimensions == 0) dimensions = vector.Length;
            if (vector.Length != dimensions) throw new ArgumentException($"The vector of '{word}' has {vector.Length} components, not {dimensions}.", nameof(vectors));
            var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
            var hash = StableHash.OfLower(word);
            if (norm == 0 || !seen.Add(hash)) continue;
            words.Add(hash);
            foreach (var v in vector) halves.Add(BitConverter.HalfToUInt16Bits((Half)(v / norm)));
        }

        return new WordVectorTable(dimensions, scale, [.. words], [.. halves]);
    }

    // The key of the capitalised stand-in's row: a hash no written word has, as the tagger's normalised tokens never hold
    // a control character.
    private static readonly ulong CapitalisedStandInKey = StableHash.Of("\u0001capitalised");

    /// <summary>
    /// The same table with a stand-in row for capitalised words that have no vector: the direction of the mean of
    /// <paramref name="capitalisedWords"/>' unit vectors (each written word once per occurrence), what a capitalised word
    /// reads on average, at unit length. Words without a vector are skipped; the table is returned as it is when none has one.
    /// </summary>
    public WordVectorTable WithCapitalisedStandIn(IEnumerable<string> capitalisedWords)
    {
        var sum = new double[Dimensions];
        var count = 0;
        foreach (var word in capitalisedWords)
        {
            var row = RowOf(StableHash.OfLower(word));
            if (row < 0 || row == CapitalisedStandInRow) continue;
            for (var d = 0; d < Dimensions; d++) sum[d] += (float)BitConverter.UInt16BitsToHalf(_unitHalves[row * Dimensions + d]);
            count++;
        }

        // The mean of unit vectors pointing many ways is short; at unit length the stand-in weighs as much as a word's own.
        var norm = Math.Sqrt(sum.Sum(total => total * total));
        if (count == 0 || norm == 0) return this;
        var halves = _unitHalves.Concat(sum.Select(total => BitConverter.HalfToUInt16Bits((Half)(total / norm)))).ToArray();
        return new WordVectorTable(Dimensions, Scale, [.. _words, CapitalisedStandInKey], halves);
    }

    /// <summary>The row a capitalised word without a vector reads (see <see cref="WithCapitalisedStandIn"/>), or -1 when the table has none.</summary>
    internal int CapitalisedStandInRow => RowOf(CapitalisedStandInKey);

    /// <summary>The row of the word with this lower-cased hash (see <see cref="StableHash.OfLower"/>), or -1 when it has no vector.</summary>
    internal int RowOf(ulong lowerWord) => _rows.TryGetValue(lowerWord, out var row) ? row : -1;

    /// <summary>The scaled vector of row <paramref name="row"/>.</summary>
    internal ReadOnlySpan<float> Vector(int row) => _vectors.AsSpan(row * Dimensions, Dimensions);

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Dimensions);
        writer.Write(Scale);
        writer.Write(_words.Length);
        foreach (var word in _words) writer.Write(word);
        foreach (var half in _unitHalves) writer.Write(half);
    }

    internal static WordVectorTable Read(BinaryReader reader)
    {
        var dimensions = reader.ReadInt32();
        var scale = reader.ReadSingle();
        var count = reader.ReadInt32();
        if (dimensions <= 0 || count < 0 || !float.IsFinite(scale)) throw new InvalidDataException("The model's word vector table is malformed.");
        var words = new ulong[count];
        for (var i = 0; i < count; i++) words[i] = reader.ReadUInt64();
        var halves = new ushort[count * dimensions];
        for (var i = 0; i < halves.Length; i++)
        {
            halves[i] = reader.ReadUInt16();
            if (!Half.IsFinite(BitConverter.UInt16BitsToHalf(halves[i]))) throw new InvalidDataException("The model holds a word vector component that is not a finite number.");
        }

        return new WordVectorTable(dimensions, scale, words, halves);
    }
}
