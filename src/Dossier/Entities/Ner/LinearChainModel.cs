using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dossier.Entities.Ner;

/// <summary>
/// A first-order linear-chain model over IOB2 tags: a weight per (feature bucket, tag), a weight per tag pair and
/// per first tag, decoded exactly with Viterbi. Tag pairs that IOB2 forbids are never produced.
/// </summary>
internal sealed class LinearChainModel
{
    // Weights are kept as IEEE half-precision bits, as the model file stores them: the table is the largest thing the
    // engine holds (2^22 rows of nine tags), and half the bytes per row is half the memory and fewer cache lines to miss.
    private readonly ushort[] _weights;

    public LinearChainModel(TagScheme scheme, int bucketBits, float[] weights, float[] transitions)
        : this(scheme, bucketBits, ToHalfBits(weights), transitions)
    {
    }

    private LinearChainModel(TagScheme scheme, int bucketBits, ushort[] weights, float[] transitions)
    {
        Scheme = scheme;
        BucketBits = bucketBits;
        _weights = weights;
        Transitions = transitions;
    }

    public TagScheme Scheme { get; }

    public int LabelCount => Scheme.Count;

    public int BucketBits { get; }

    /// <summary>How many feature buckets have a weight for some tag.</summary>
    public int WeightedBuckets
    {
        get
        {
            var count = 0;
            for (var b = 0; b < 1 << BucketBits; b++)
            {
                if (_weights.AsSpan(b * LabelCount, LabelCount).ContainsAnyExcept((ushort)0)) count++;
            }

            return count;
        }
    }

    /// <summary>Row y' (0..L-1) holds the weights of y' followed by y; row L holds those of y opening a sentence.</summary>
    public float[] Transitions { get; }

    /// <summary>The best tag sequence, in this model's own scheme.</summary>
    public int[] Decode(SentenceFeatures sentence)
    {
        var score = new float[sentence.Length * LabelCount];
        Emissions<ushort, HalfRows>(sentence, _weights, LabelCount, score);
        return Viterbi(Scheme, sentence.Length, score, Transitions);
    }

    /// <summary>Decoding with full-precision weights, as training updates them.</summary>
    public static int[] Decode(TagScheme scheme, SentenceFeatures sentence, float[] weights, float[] transitions)
    {
        var score = new float[sentence.Length * scheme.Count];
        Emissions<float, SingleRows>(sentence, weights, scheme.Count, score);
        return Viterbi(scheme, sentence.Length, score, transitions);
    }

    /// <summary>The best path given each token's emission scores in <paramref name="score"/> (overwritten).</summary>
    private static int[] Viterbi(TagScheme scheme, int n, float[] score, float[] transitions)
    {
        var L = scheme.Count;
        var tags = new int[n];
        if (n == 0) return tags;
        var back = new int[n * L];
        var allowedPrevious = scheme.AllowedPrevious;
        for (var y = 0; y < L; y++)
        {
            score[y] = !scheme.Starts[y] ? float.NegativeInfinity : score[y] + transitions[L * L + y];
        }

        for (var t = 1; t < n; t++)
        {
            var previousScores = score.AsSpan((t - 1) * L, L);
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

    // How many features ahead to ask for weight rows: the table is far larger than any cache, so nearly every row
    // is a memory miss, and asking early lets many misses overlap instead of waiting for each in turn.
    private const int PrefetchDistance = 24;

    /// <summary>
    /// Writes each token's summed feature weights per tag into <paramref name="emissions"/> (token t at t * labels),
    /// reading the rows of <paramref name="weights"/> as <typeparamref name="TRows"/> adds them.
    /// </summary>
    private static unsafe void Emissions<T, TRows>(SentenceFeatures sentence, T[] weights, int labels, Span<float> emissions)
        where T : unmanaged
        where TRows : IWeightRows<T>
    {
        var features = sentence.Features;
        var offsets = sentence.Offsets;
        fixed (T* table = weights)
        {
            var rowBytes = labels * sizeof(T);
            for (var k = 0; k < Math.Min(PrefetchDistance, features.Length); k++) Prefetch((byte*)table, features[k], rowBytes);
            for (var t = 0; t < sentence.Length; t++)
            {
                var emission = emissions.Slice(t * labels, labels);
                for (var k = offsets[t]; k < offsets[t + 1]; k++)
                {
                    if (k + PrefetchDistance < features.Length) Prefetch((byte*)table, features[k + PrefetchDistance], rowBytes);
                    TRows.Add(emission, weights.AsSpan(features[k] * labels, labels));
                }
            }
        }
    }

    /// <summary>How a row of stored weights is added to a token's per-tag sums (a type parameter, so each kind compiles to its own loop).</summary>
    private interface IWeightRows<T>
    {
        static abstract void Add(Span<float> sum, ReadOnlySpan<T> row);
    }

    private readonly struct SingleRows : IWeightRows<float>
    {
        public static void Add(Span<float> sum, ReadOnlySpan<float> row) => AddRow(sum, row);
    }

    /// <summary>Half-precision rows: each value widens exactly, so the sums are those of the same weights held as floats.</summary>
    private readonly struct HalfRows : IWeightRows<ushort>
    {
        public static void Add(Span<float> sum, ReadOnlySpan<ushort> row) => AddHalfRow(sum, row);
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

    private static void AddHalfRow(Span<float> sum, ReadOnlySpan<ushort> row)
    {
        var y = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; y + Vector256<float>.Count <= sum.Length; y += Vector256<float>.Count)
            {
                var bits = Vector128.Create(row[y..]);
                var widened = Vector256.Create(Vector128.WidenLower(bits), Vector128.WidenUpper(bits));
                (Vector256.Create(sum[y..]) + HalfBitsToSingle(widened)).CopyTo(sum[y..]);
            }
        }

        for (; y < sum.Length; y++) sum[y] += (float)BitConverter.UInt16BitsToHalf(row[y]);
    }

    /// <summary>
    /// Half to single precision, exactly, eight at a time: a normal half's exponent is rebased from 15 to 127 by integer
    /// addition; a subnormal (below 2^-14) is its 10-bit mantissa times 2^-24, which a float holds exactly. Weights are
    /// finite (checked on load), so infinities and NaN need no lane of their own.
    /// </summary>
    internal static Vector256<float> HalfBitsToSingle(Vector256<uint> half)
    {
        var magnitude = half & Vector256.Create(0x7FFFu);
        var sign = (half & Vector256.Create(0x8000u)) << 16;
        var normal = ((magnitude << 13) + Vector256.Create(112u << 23)).AsSingle();
        var subnormal = Vector256.ConvertToSingle(magnitude.AsInt32()) * Vector256.Create(1f / (1 << 24));
        var isSubnormal = Vector256.LessThan(magnitude, Vector256.Create(0x400u)).AsSingle();
        return (Vector256.ConditionalSelect(isSubnormal, subnormal, normal).AsUInt32() | sign).AsSingle();
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
            var row = _weights.AsSpan(b * LabelCount, LabelCount);
            var used = row.ContainsAnyExcept((ushort)0);
            writer.Write(used);
            if (!used) continue;
            foreach (var half in row) writer.Write(half);
        }
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
        var weights = new ushort[rows * LabelCount];
        for (var b = 0; b < rows; b++)
        {
            if (!reader.ReadBoolean())
            {
                // Writing the zero an empty row already holds maps its memory page now, while loading, rather than
                // with a page fault in the middle of tagging whichever article first hits that row.
                weights[b * LabelCount] = 0;
                continue;
            }

            for (var y = 0; y < LabelCount; y++)
            {
                var half = reader.ReadUInt16();
                if (!Half.IsFinite(BitConverter.UInt16BitsToHalf(half))) throw new InvalidDataException("The model holds a weight that is not a finite number.");
                weights[b * LabelCount + y] = half;
            }
        }

        return new LinearChainModel(scheme, bits, weights, transitions);
    }
}
