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
        Span<float> emission = stackalloc float[32];
        emission = emission[..L];
        for (var t = 0; t < n; t++)
        {
            emission.Clear();
            for (var k = sentence.Offsets[t]; k < sentence.Offsets[t + 1]; k++)
            {
                var row = weights.AsSpan(sentence.Features[k] * L, L);
                for (var y = 0; y < L; y++) emission[y] += row[y];
            }

            for (var y = 0; y < L; y++)
            {
                if (t == 0)
                {
                    score[y] = !scheme.CanStart(y) ? float.NegativeInfinity : emission[y] + transitions[L * L + y];
                    continue;
                }

                var best = float.NegativeInfinity;
                var arg = 0;
                for (var p = 0; p < L; p++)
                {
                    if (!scheme.Allowed(p, y)) continue;
                    var candidate = score[(t - 1) * L + p] + transitions[p * L + y];
                    if (candidate > best)
                    {
                        best = candidate;
                        arg = p;
                    }
                }

                score[t * L + y] = best + emission[y];
                back[t * L + y] = arg;
            }
        }

        var last = 0;
        for (var y = 1; y < L; y++)
        {
            if (scheme.CanEnd(y) && score[(n - 1) * L + y] > score[(n - 1) * L + last]) last = y;
        }

        tags[n - 1] = last;
        for (var t = n - 1; t > 0; t--) tags[t - 1] = back[t * L + tags[t]];
        return tags;
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

    public static LinearChainModel Read(BinaryReader reader)
    {
        var bits = reader.ReadInt32();
        var scheme = TagScheme.ForCount(reader.ReadInt32());
        var LabelCount = scheme.Count;
        var transitions = new float[(LabelCount + 1) * LabelCount];
        for (var i = 0; i < transitions.Length; i++) transitions[i] = reader.ReadSingle();
        var rows = 1 << bits;
        var weights = new float[rows * LabelCount];
        for (var b = 0; b < rows; b++)
        {
            if (!reader.ReadBoolean()) continue;
            for (var y = 0; y < LabelCount; y++) weights[b * LabelCount + y] = (float)reader.ReadHalf();
        }

        return new LinearChainModel(scheme, bits, weights, transitions);
    }
}
