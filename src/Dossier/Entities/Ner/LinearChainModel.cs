using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dossier.Text;

namespace Dossier.Entities.Ner;

/// <summary>
/// A first-order linear-chain model over IOB2 tags: a weight per (feature bucket, tag), a weight per tag pair and
/// per first tag, decoded exactly with Viterbi. Tag pairs that IOB2 forbids are never produced.
/// </summary>
internal sealed class LinearChainModel
{
    // Weights are half-precision numbers, as the model file stores them. Training reaches few of the hashed buckets
    // (about 3% in the entity model), so only those rows are held, packed one after another and widened to single
    // precision (exactly): a full table of 2^22 rows of nine tags is 75 MB that nearly every read misses in cache, its
    // weighted rows alone are 4 MB, and a bucket without a row adds nothing to any sum. A bitmap says which buckets
    // have a row and a running count per 64 buckets says where it is. The two sit side by side (word w's bits at 2w, the
    // rows before it at 2w + 1), so that finding a row costs one cache miss, not two.
    private readonly ulong[] _rowIndex;
    private readonly float[] _rows;

    // The weights of real-valued features (see TokenVectors), slot by slot, tag by tag, dimension by dimension; empty
    // for a model without them. Held as the half-precision values the file stores, widened.
    private readonly float[] _dense;

    // Every word's dot products with each slot's block per tag, for the table the sentences read, computed on first use:
    // a token then adds a row per slot, as it does per bucket, instead of 27 dot products of 100 components. The same
    // Dot gives the same values, so the scores are bit for bit those computed token by token. Shared by all threads;
    // two threads racing to compute it write the same values.
    private DenseScores? _denseScores;

    private sealed record DenseScores(WordVectorTable Table, int Slots, float[] Scores);

    /// <param name="weights">
    /// Bucket b's weight for tag y at b * tags + y; any weights after the 2^bucketBits rows are the dense blocks of
    /// real-valued features (<see cref="TokenVectors"/>).
    /// </param>
    public LinearChainModel(TagScheme scheme, int bucketBits, float[] weights, float[] transitions)
        : this(scheme, bucketBits, ToHalfBits(weights), transitions)
    {
    }

    private LinearChainModel(TagScheme scheme, int bucketBits, ushort[] weights, float[] transitions)
        : this(scheme, bucketBits, WeightedRows(weights, 1 << bucketBits, scheme.Count), transitions, Widen(weights.AsSpan((1 << bucketBits) * scheme.Count)))
    {
    }

    private LinearChainModel(LinearChainModel model, float[] dense)
    {
        Scheme = model.Scheme;
        BucketBits = model.BucketBits;
        _rows = model._rows;
        _rowIndex = model._rowIndex;
        Transitions = model.Transitions;
        _dense = dense;
    }

    private LinearChainModel(TagScheme scheme, int bucketBits, PackedRows packed, float[] transitions, float[] dense)
    {
        _dense = dense;
        Scheme = scheme;
        BucketBits = bucketBits;
        _rows = packed.Rows;
        _rowIndex = new ulong[packed.HasRow.Length * 2];
        for (int word = 0, rows = 0; word < packed.HasRow.Length; word++)
        {
            _rowIndex[2 * word] = packed.HasRow[word];
            _rowIndex[2 * word + 1] = (ulong)rows;
            rows += System.Numerics.BitOperations.PopCount(packed.HasRow[word]);
        }

        Transitions = transitions;
    }

    /// <summary>Which buckets have a row (bit per bucket) and their rows in bucket order.</summary>
    private sealed record PackedRows(ulong[] HasRow, float[] Rows);

    /// <summary>Collects the rows of a model's buckets read one after another, keeping those with a weight other than +0.</summary>
    private sealed class RowPacker(int buckets, int labels)
    {
        private readonly ulong[] _hasRow = new ulong[(buckets + 63) / 64];
        private float[] _rows = new float[labels * 1024];
        private int _count;

        public void Add(int bucket, ReadOnlySpan<ushort> row)
        {
            if (!row.ContainsAnyExcept((ushort)0)) return;
            if ((_count + 1) * labels > _rows.Length) Array.Resize(ref _rows, _rows.Length * 2);
            var packed = _rows.AsSpan(_count * labels, labels);
            for (var y = 0; y < labels; y++) packed[y] = (float)BitConverter.UInt16BitsToHalf(row[y]);
            _hasRow[bucket >> 6] |= 1UL << bucket;
            _count++;
        }

        public PackedRows Pack() => new(_hasRow, _rows[..(_count * labels)]);
    }

    private static PackedRows WeightedRows(ushort[] weights, int buckets, int labels)
    {
        var packer = new RowPacker(buckets, labels);
        for (var b = 0; b < buckets; b++) packer.Add(b, weights.AsSpan(b * labels, labels));
        return packer.Pack();
    }

    /// <summary>Where bucket <paramref name="bucket"/>'s row starts in the packed rows, or -1 when it has none (all its weights +0).</summary>
    private int RowStart(int bucket)
    {
        var word = (bucket >> 6) * 2;
        var bits = _rowIndex[word];
        var bit = 1UL << bucket;
        if ((bits & bit) == 0) return -1;
        return ((int)_rowIndex[word + 1] + System.Numerics.BitOperations.PopCount(bits & (bit - 1))) * LabelCount;
    }

    public TagScheme Scheme { get; }

    public int LabelCount => Scheme.Count;

    public int BucketBits { get; }

    /// <summary>How many feature buckets have a weight for some tag.</summary>
    public int WeightedBuckets => _rows.Length / LabelCount;

    /// <summary>Row y' (0..L-1) holds the weights of y' followed by y; row L holds those of y opening a sentence.</summary>
    public float[] Transitions { get; }

    /// <summary>How many weights the model has for real-valued features (0 when it reads none).</summary>
    public int DenseWeightCount => _dense.Length;

    /// <summary>The best tag sequence, in this model's own scheme.</summary>
    public int[] Decode(SentenceFeatures sentence)
    {
        if (_dense.Length != (sentence.Vectors?.WeightCount(LabelCount) ?? 0))
        {
            throw new InvalidOperationException("The sentence's word vector features do not match the model's dense weights.");
        }

        // The scores are working room, rented for the call: two passes decode every sentence of every article.
        var length = sentence.Length * LabelCount;
        var score = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var emissions = score.AsSpan(0, length);
            emissions.Clear();
            PackedEmissions(sentence, emissions);
            if (sentence.Vectors is { } vectors) AddDenseScores(vectors, emissions);
            return Viterbi(Scheme, sentence.Length, emissions, Transitions);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(score);
        }
    }

    /// <summary>
    /// What token <paramref name="token"/>'s score per tag is made of: the sum of its buckets' rows, and each slot's dot
    /// product with its word vector (zeros where the slot reads none).
    /// </summary>
    internal (float[] Sparse, float[][] DenseBySlot) EmissionParts(SentenceFeatures sentence, int token)
    {
        var sparse = new float[LabelCount];
        for (var k = sentence.Offsets[token]; k < sentence.Offsets[token + 1]; k++)
        {
            var start = RowStart(sentence.Features[k]);
            if (start >= 0) AddRow(sparse, _rows.AsSpan(start, LabelCount));
        }

        var slots = sentence.Vectors?.Slots ?? 0;
        var dense = new float[slots][];
        for (var k = 0; k < slots; k++)
        {
            var vectors = sentence.Vectors!;
            dense[k] = new float[LabelCount];
            var row = vectors.Rows[token * slots + k];
            if (row < 0) continue;
            var dimensions = vectors.Table.Dimensions;
            for (var y = 0; y < LabelCount; y++) dense[k][y] = FloatSpans.Dot(vectors.Table.Vector(row), _dense.AsSpan((k * LabelCount + y) * dimensions, dimensions));
        }

        return (sparse, dense);
    }

    /// <summary>Decoding with full-precision weights, as training updates them.</summary>
    public static int[] Decode(TagScheme scheme, SentenceFeatures sentence, float[] weights, float[] transitions)
    {
        var score = new float[sentence.Length * scheme.Count];
        Emissions(sentence, weights, scheme.Count, score);
        if (sentence.Vectors is { } vectors)
        {
            var count = vectors.WeightCount(scheme.Count);
            AddDenseEmissions(vectors, weights.AsSpan(weights.Length - count, count), scheme.Count, score);
        }

        return Viterbi(scheme, sentence.Length, score, transitions);
    }

    /// <summary>The best path given each token's emission scores in <paramref name="score"/> (overwritten).</summary>
    private static int[] Viterbi(TagScheme scheme, int n, Span<float> score, float[] transitions)
    {
        var L = scheme.Count;
        var tags = new int[n];
        if (n == 0) return tags;
        // Rented room: every entry read below is written first (each tag's best predecessor, from the second token on).
        var rented = ArrayPool<int>.Shared.Rent(n * L);
        try
        {
            var back = rented.AsSpan(0, n * L);
            var allowedPrevious = scheme.AllowedPrevious;
            for (var y = 0; y < L; y++)
            {
                score[y] = !scheme.Starts[y] ? float.NegativeInfinity : score[y] + transitions[L * L + y];
            }

            for (var t = 1; t < n; t++)
            {
                var previousScores = score.Slice((t - 1) * L, L);
                for (var y = 0; y < L; y++)
                {
                    var best = float.NegativeInfinity;
                    var arg = 0;
                    foreach (var p in allowedPrevious[y])
                    {
                        var candidate = previousScores[p] + transitions[p * L + y];
                        if (candidate > best)
                        {
                            best = candidate;
                            arg = p;
                        }
                    }

                    // The emission is added after the best predecessor is chosen, in the same order as ever, so that scores are bit-for-bit those the model was tuned with.
                    score[t * L + y] = best + score[t * L + y];
                    back[t * L + y] = arg;
                }
            }

            var last = 0;
            for (var y = 1; y < L; y++)
            {
                if (scheme.Ends[y] && score[(n - 1) * L + y] > score[(n - 1) * L + last]) last = y;
            }

            tags[n - 1] = last;
            for (var t = n - 1; t > 0; t--) tags[t - 1] = back[t * L + tags[t]];
            return tags;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Each token's summed weights per tag from the packed rows. A bucket without a row is skipped: adding +0 leaves
    /// every sum as it was (a sum that starts at +0 is never -0), so the sums are those of the full table.
    /// </summary>
    private unsafe void PackedEmissions(SentenceFeatures sentence, Span<float> emissions)
    {
        var features = sentence.Features;
        var offsets = sentence.Offsets;
        var labels = LabelCount;
        // First every feature's row is found, asking for index entries ahead and for each row once found; then the rows are
        // summed in the same order as ever, by when most of them have arrived in cache.
        var starts = ArrayPool<int>.Shared.Rent(features.Length);
        try
        {
            fixed (ulong* index = _rowIndex)
            fixed (float* rows = _rows)
            {
                for (var k = 0; k < Math.Min(PrefetchDistance, features.Length); k++) PrefetchIndex(index, features[k]);
                for (var k = 0; k < features.Length; k++)
                {
                    if (k + PrefetchDistance < features.Length) PrefetchIndex(index, features[k + PrefetchDistance]);
                    var start = starts[k] = RowStart(features[k]);
                    if (start >= 0) Prefetch((byte*)(rows + start), 0, labels * sizeof(float));
                }
            }

            for (var t = 0; t < sentence.Length; t++)
            {
                var emission = emissions.Slice(t * labels, labels);
                for (var k = offsets[t]; k < offsets[t + 1]; k++)
                {
                    if (starts[k] >= 0) AddRow(emission, _rows.AsSpan(starts[k], labels));
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
        }
    }

    private static unsafe void PrefetchIndex(ulong* index, int bucket)
    {
        if (Sse.IsSupported) Sse.Prefetch0(index + (bucket >> 6) * 2);
    }

    // How many features ahead to ask for weight rows: training's full table is far larger than any cache, so nearly
    // every row is a memory miss, and asking early lets many misses overlap instead of waiting for each in turn.
    private const int PrefetchDistance = 24;

    /// <summary>Writes each token's summed feature weights per tag into <paramref name="emissions"/> (token t at t * labels).</summary>
    private static unsafe void Emissions(SentenceFeatures sentence, float[] weights, int labels, Span<float> emissions)
    {
        var features = sentence.Features;
        var offsets = sentence.Offsets;
        fixed (float* table = weights)
        {
            var rowBytes = labels * sizeof(float);
            for (var k = 0; k < Math.Min(PrefetchDistance, features.Length); k++) Prefetch((byte*)table, features[k], rowBytes);
            for (var t = 0; t < sentence.Length; t++)
            {
                var emission = emissions.Slice(t * labels, labels);
                for (var k = offsets[t]; k < offsets[t + 1]; k++)
                {
                    if (k + PrefetchDistance < features.Length) Prefetch((byte*)table, features[k + PrefetchDistance], rowBytes);
                    AddRow(emission, weights.AsSpan(features[k] * labels, labels));
                }
            }
        }
    }

    private void AddDenseScores(TokenVectors vectors, Span<float> emissions)
    {
        var known = Volatile.Read(ref _denseScores);
        if (known is null || known.Table != vectors.Table || known.Slots != vectors.Slots)
        {
            known = new DenseScores(vectors.Table, vectors.Slots, WordScores(vectors.Table, vectors.Slots));
            Volatile.Write(ref _denseScores, known);
        }

        var labels = LabelCount;
        var slots = vectors.Slots;
        for (var t = 0; t < vectors.Rows.Length / slots; t++)
        {
            var emission = emissions.Slice(t * labels, labels);
            for (var k = 0; k < slots; k++)
            {
                var row = vectors.Rows[t * slots + k];
                if (row >= 0) AddRow(emission, known.Scores.AsSpan((row * slots + k) * labels, labels));
            }
        }
    }

    private float[] WordScores(WordVectorTable table, int slots)
    {
        var labels = LabelCount;
        var dimensions = table.Dimensions;
        var scores = new float[table.Count * slots * labels];
        for (var row = 0; row < table.Count; row++)
        {
            var x = table.Vector(row);
            for (var k = 0; k < slots; k++)
            {
                var block = _dense.AsSpan(k * labels * dimensions, labels * dimensions);
                for (var y = 0; y < labels; y++) scores[(row * slots + k) * labels + y] = FloatSpans.Dot(x, block.Slice(y * dimensions, dimensions));
            }
        }

        return scores;
    }

    /// <summary>Adds to each token's scores the dot product of every slot's vector with that slot's weights per tag.</summary>
    private static void AddDenseEmissions(TokenVectors vectors, ReadOnlySpan<float> dense, int labels, Span<float> emissions)
    {
        var dimensions = vectors.Table.Dimensions;
        var slots = vectors.Slots;
        var tokens = vectors.Rows.Length / slots;
        for (var t = 0; t < tokens; t++)
        {
            var emission = emissions.Slice(t * labels, labels);
            for (var k = 0; k < slots; k++)
            {
                var row = vectors.Rows[t * slots + k];
                if (row < 0) continue;
                var x = vectors.Table.Vector(row);
                var block = dense.Slice(k * labels * dimensions, labels * dimensions);
                for (var y = 0; y < labels; y++) emission[y] += FloatSpans.Dot(x, block.Slice(y * dimensions, dimensions));
            }
        }
    }

    // A prefetch never faults, so an out-of-range bucket here is harmless; the read itself is bounds-checked.
    private static unsafe void Prefetch(byte* table, int bucket, int rowBytes)
    {
        if (!Sse.IsSupported) return;
        var row = table + (long)bucket * rowBytes;
        Sse.Prefetch0(row);
        Sse.Prefetch0(row + rowBytes - 1);
    }

    // Each tag's sum gathers the same values in the same order as one float at a time would, so vectors change no bit.
    private static void AddRow(Span<float> sum, ReadOnlySpan<float> row)
    {
        var y = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; y + Vector256<float>.Count <= sum.Length; y += Vector256<float>.Count)
            {
                (Vector256.Create(sum[y..]) + Vector256.Create(row[y..])).CopyTo(sum[y..]);
            }
        }

        for (; y < sum.Length; y++) sum[y] += row[y];
    }

    private static float[] Widen(ReadOnlySpan<ushort> halves)
    {
        var widened = new float[halves.Length];
        for (var i = 0; i < halves.Length; i++) widened[i] = (float)BitConverter.UInt16BitsToHalf(halves[i]);
        return widened;
    }

    private static ushort[] ToHalfBits(float[] weights)
    {
        var bits = new ushort[weights.Length];
        for (var i = 0; i < weights.Length; i++) bits[i] = BitConverter.HalfToUInt16Bits((Half)weights[i]);
        return bits;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(BucketBits);
        writer.Write(LabelCount);
        foreach (var w in Transitions) writer.Write(w);
        // Half precision halves the file; perceptron weights lose nothing that changes a decision in practice.
        var rows = 1 << BucketBits;
        for (var b = 0; b < rows; b++)
        {
            var start = RowStart(b);
            writer.Write(start >= 0);
            if (start < 0) continue;
            // Each weight was a half before it was widened, so narrowing it again gives back the same bits.
            foreach (var weight in _rows.AsSpan(start, LabelCount)) writer.Write(BitConverter.HalfToUInt16Bits((Half)weight));
        }
    }

    /// <summary>Writes the dense weights (after <see cref="Write"/>, by a caller whose format has room for them).</summary>
    public void WriteDenseWeights(BinaryWriter writer)
    {
        writer.Write(_dense.Length);
        foreach (var weight in _dense) writer.Write(BitConverter.HalfToUInt16Bits((Half)weight));
    }

    /// <summary>The same model with the dense weights that <see cref="WriteDenseWeights"/> wrote.</summary>
    public LinearChainModel ReadDenseWeights(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count % LabelCount != 0) throw new InvalidDataException("The model's dense weights are malformed.");
        var halves = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            halves[i] = reader.ReadUInt16();
            if (!Half.IsFinite(BitConverter.UInt16BitsToHalf(halves[i]))) throw new InvalidDataException("The model holds a weight that is not a finite number.");
        }

        return new LinearChainModel(this, Widen(halves));
    }

    public static LinearChainModel Read(BinaryReader reader) => Read(reader, TagScheme.ForCount);

    /// <summary>Reads a model whose scheme the caller knows from its tag count (a tagger with other span types than the entities').</summary>
    public static LinearChainModel Read(BinaryReader reader, Func<int, TagScheme> schemeForCount)
    {
        var bits = reader.ReadInt32();
        var scheme = schemeForCount(reader.ReadInt32());
        var LabelCount = scheme.Count;
        var transitions = new float[(LabelCount + 1) * LabelCount];
        for (var i = 0; i < transitions.Length; i++) transitions[i] = reader.ReadSingle();
        var rows = 1 << bits;
        var packer = new RowPacker(rows, LabelCount);
        Span<ushort> row = stackalloc ushort[LabelCount];
        for (var b = 0; b < rows; b++)
        {
            if (!reader.ReadBoolean()) continue;
            for (var y = 0; y < LabelCount; y++)
            {
                var half = reader.ReadUInt16();
                if (!Half.IsFinite(BitConverter.UInt16BitsToHalf(half))) throw new InvalidDataException("The model holds a weight that is not a finite number.");
                row[y] = half;
            }

            packer.Add(b, row);
        }

        return new LinearChainModel(scheme, bits, packer.Pack(), transitions, []);
    }
}
