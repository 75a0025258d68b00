using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dossier.Entities.Ner;

/// <summary>
/// A first-order linear-chain model over IOB2 tags: a weight per (feature bucket, tag), a weight per tag pair and
/// per first tag, decoded exactly with Viterbi. Tag pairs that IOB2 forbids are never produced.
/// </summary>
internal sealed class LinearChainModel
{
    public LinearChainModel(TagScheme scheme, int bucketBits, float[] weights, float[] transitions)
    {
        Scheme = scheme;
        BucketBits = bucketBits;
        Weights = weights;
        Transitions = transitions;
    }

    public TagScheme Scheme { get; }

    public int LabelCount => Scheme.Count;

    public int BucketBits { get; }

    /// <summary>Bucket b's weight for tag y is at b * LabelCount + y.</summary>
    public float[] Weights { get; }

    /// <summary>Row y' (0..L-1) holds the weights of y' followed by y; row L holds those of y opening a sentence.</summary>
    public float[] Transitions { get; }

    /// <summary>The best tag sequence, in this model's own scheme.</summary>
    public int[] Decode(SentenceFeatures sentence) => Decode(Scheme, sentence, Weights, Transitions);

    public static int[] Decode(TagScheme scheme, SentenceFeatures sentence, float[] weights, float[] transitions)
    {
        var L = scheme.Count;
        var n = sentence.Length;
        var tags = new int[n];
        if (n == 0) return tags;
        var score = new float[n * L];
        var back = new int[n * L];
        Emissions(sentence, weights, L, score);
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

    /// <summary>Writes each token's summed feature weights per tag into <paramref name="emissions"/> (token t at t * labels).</summary>
    private static unsafe void Emissions(SentenceFeatures sentence, float[] weights, int labels, Span<float> emissions)
    {
        var features = sentence.Features;
        var offsets = sentence.Offsets;
        fixed (float* table = weights)
        {
            for (var k = 0; k < Math.Min(PrefetchDistance, features.Length); k++) Prefetch(table, features[k], labels);
            for (var t = 0; t < sentence.Length; t++)
            {
                var emission = emissions.Slice(t * labels, labels);
                for (var k = offsets[t]; k < offsets[t + 1]; k++)
                {
                    if (k + PrefetchDistance < features.Length) Prefetch(table, features[k + PrefetchDistance], labels);
                    AddRow(emission, weights.AsSpan(features[k] * labels, labels));
                }
            }
        }
    }

    // A prefetch never faults, so an out-of-range bucket here is harmless; the read itself is bounds-checked.
    private static unsafe void Prefetch(float* table, int bucket, int labels)
    {
        if (!Sse.IsSupported) return;
        var row = table + (long)bucket * labels;
        Sse.Prefetch0(row);
        Sse.Prefetch0(row + labels - 1);
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

    public void Write(BinaryWriter writer)
    {
        writer.Write(BucketBits);
        writer.Write(LabelCount);
        foreach (var w in Transitions) writer.Write(w);
        // Half precision halves the file; perceptron weights lose nothing that changes a decision in practice.
        var rows = 1 << BucketBits;
        for (var b = 0; b < rows; b++)
        {
            var used = false;
            for (var y = 0; y < LabelCount; y++) used |= Weights[b * LabelCount + y] != 0;
            writer.Write(used);
            if (!used) continue;
            for (var y = 0; y < LabelCount; y++) writer.Write((Half)Weights[b * LabelCount + y]);
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
        var weights = new float[rows * LabelCount];
        for (var b = 0; b < rows; b++)
        {
            if (!reader.ReadBoolean())
            {
                // Writing the zero an empty row already holds maps its memory page now, while loading, rather than
                // with a page fault in the middle of tagging whichever article first hits that row.
                weights[b * LabelCount] = 0;
                continue;
            }

            for (var y = 0; y < LabelCount; y++) weights[b * LabelCount + y] = (float)reader.ReadHalf();
        }

        return new LinearChainModel(scheme, bits, weights, transitions);
    }
}
