using Dossier.Entities.Ner;

namespace Dossier.Text.Sequence;

/// <summary>
/// The averaged structured perceptron (Collins 2002) for <see cref="LinearChainModel"/>: decode each sentence with
/// the current weights, move them towards the gold tags where the decoded ones differ, and average the weights over
/// all steps; buckets outside <c>learnable</c> (when given) keep weight zero. Shared by the entity tagger and the
/// attribution tagger. Deterministic for a given seed.
/// </summary>
internal static class StructuredPerceptron
{
    public static LinearChainModel Train(
        IReadOnlyList<(SentenceFeatures Features, int[] Gold)> data, TagScheme scheme, int bucketBits, int epochs, int seed, string name, Action<string>? log,
        bool[]? learnable = null)
    {
        var (weights, transitions) = TrainWeights(data, scheme, bucketBits, epochs, seed, name, log, learnable);
        return new LinearChainModel(scheme, bucketBits, weights, transitions);
    }

    /// <summary>
    /// The averaged weights at full precision (bucket b's weight for tag y at b * tags + y, then the dense blocks of the
    /// sentences' word vectors when they have them, as <see cref="LinearChainModel"/> reads them), for callers that
    /// combine several runs.
    /// </summary>
    /// <param name="featureDropout">
    /// The chance that each feature of a sentence is left out of one visit (decoded and updated without it), so that
    /// no weight can rely on a feature that co-occurs with it; 0 visits every sentence whole.
    /// </param>
    /// <param name="tokenGroups">
    /// Per sentence of <paramref name="data"/>, per feature: whether it belongs to the group that
    /// <paramref name="groupDropout"/> leaves out of a token all together.
    /// </param>
    /// <param name="groupDropout">The chance that a token's group of features is left out of one visit (0: never).</param>
    /// <param name="vectorDropout">
    /// The chance that a word's pretrained vector is left out of one visit, in every slot that reads it (0: never), so that
    /// the model learns to tag words the vectors do not know, as names newer than the vectors are.
    /// </param>
    public static (float[] Weights, float[] Transitions) TrainWeights(
        IReadOnlyList<(SentenceFeatures Features, int[] Gold)> data, TagScheme scheme, int bucketBits, int epochs, int seed, string name, Action<string>? log,
        bool[]? learnable = null, double featureDropout = 0, IReadOnlyList<bool[]>? tokenGroups = null, double groupDropout = 0, double vectorDropout = 0)
    {
        if (groupDropout > 0 && tokenGroups?.Count != data.Count) throw new ArgumentException("Group dropout needs the group of every sentence's features.", nameof(tokenGroups));
        var L = scheme.Count;
        var sparseSize = (1 << bucketBits) * L;
        var size = sparseSize + (data.Count > 0 && data[0].Features.Vectors is { } vectors ? vectors.WeightCount(L) : 0);
        var weights = new float[size];
        var sums = new float[size];
        var transitions = new float[(L + 1) * L];
        var transitionSums = new float[(L + 1) * L];
        var order = Enumerable.Range(0, data.Count).ToArray();
        var random = new Random(seed);
        // Its own generator, so that the visiting order does not depend on the dropout.
        var dropping = new Random(seed ^ 0x5EED);
        var groupDropping = new Random(seed ^ 0x6A0D);
        var vectorDropping = new Random(seed ^ 0x7EC7);
        var step = 1f;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            var mistakes = 0;
            foreach (var index in order)
            {
                var (features, gold) = data[index];
                if (groupDropout > 0) features = WithoutGroups(features, tokenGroups![index], groupDropout, groupDropping);
                if (featureDropout > 0) features = Thinned(features, featureDropout, dropping);
                if (vectorDropout > 0 && features.Vectors is { } visited) features = features with { Vectors = WithoutVectors(visited, vectorDropout, vectorDropping) };
                var predicted = LinearChainModel.Decode(scheme, features, weights, transitions);
                if (!predicted.AsSpan().SequenceEqual(gold))
                {
                    mistakes++;
                    for (var t = 0; t < gold.Length; t++)
                    {
                        var g = gold[t];
                        var p = predicted[t];
                        if (g != p)
                        {
                            for (var k = features.Offsets[t]; k < features.Offsets[t + 1]; k++)
                            {
                                if (learnable is not null && !learnable[features.Features[k]]) continue;
                                var row = features.Features[k] * L;
                                weights[row + g] += 1;
                                sums[row + g] += step;
                                weights[row + p] -= 1;
                                sums[row + p] -= step;
                            }

                            if (features.Vectors is { } tokenVectors) UpdateDense(tokenVectors, t, g, p, L, weights.AsSpan(sparseSize), sums.AsSpan(sparseSize), step);
                        }

                        var gPrev = t == 0 ? L : gold[t - 1];
                        var pPrev = t == 0 ? L : predicted[t - 1];
                        if (g != p || gPrev != pPrev)
                        {
                            transitions[gPrev * L + g] += 1;
                            transitionSums[gPrev * L + g] += step;
                            transitions[pPrev * L + p] -= 1;
                            transitionSums[pPrev * L + p] -= step;
                        }
                    }
                }

                step++;
            }

            log?.Invoke($"{name}: epoch {epoch + 1}/{epochs}, {mistakes} of {data.Count} sentences wrong");
        }

        // Averaging: the mean of the weights over all steps is w - sum(step * update) / steps.
        for (var i = 0; i < size; i++) weights[i] -= sums[i] / step;
        for (var i = 0; i < transitions.Length; i++) transitions[i] -= transitionSums[i] / step;
        return (weights, transitions);
    }

    // The dense blocks move as a bucket's row does, by the feature's value instead of by one: towards the gold tag, away
    // from the predicted one, for every slot that reads a vector.
    private static void UpdateDense(TokenVectors vectors, int t, int gold, int predicted, int labels, Span<float> weights, Span<float> sums, float step)
    {
        var dimensions = vectors.Table.Dimensions;
        for (var k = 0; k < vectors.Slots; k++)
        {
            var row = vectors.Rows[t * vectors.Slots + k];
            if (row < 0) continue;
            var x = vectors.Table.Vector(row);
            var toGold = (k * labels + gold) * dimensions;
            var fromPredicted = (k * labels + predicted) * dimensions;
            for (var d = 0; d < dimensions; d++)
            {
                weights[toGold + d] += x[d];
                sums[toGold + d] += step * x[d];
                weights[fromPredicted + d] -= x[d];
                sums[fromPredicted + d] -= step * x[d];
            }
        }
    }

    // Slot k of token t reads the word at t + (k % 3) - 1 (see TokenVectors), so a word left out is left out of all three;
    // where a slot read it, the slot reads the word's stand-in instead, if it has one, as an unknown word would.
    internal static TokenVectors WithoutVectors(TokenVectors vectors, double dropout, Random random)
    {
        var length = vectors.Rows.Length / vectors.Slots;
        var dropped = new bool[length];
        for (var t = 0; t < length; t++) dropped[t] = random.NextDouble() < dropout;
        var rows = (int[])vectors.Rows.Clone();
        for (var t = 0; t < length; t++)
        {
            for (var k = 0; k < vectors.Slots; k++)
            {
                var at = t + k % 3 - 1;
                if (at >= 0 && at < length && dropped[at] && rows[t * vectors.Slots + k] >= 0) rows[t * vectors.Slots + k] = vectors.LeftOutRows?[at] ?? -1;
            }
        }

        return vectors with { Rows = rows };
    }

    private static SentenceFeatures WithoutGroups(SentenceFeatures sentence, bool[] inGroup, double dropout, Random random)
    {
        var kept = new List<int>(sentence.Features.Length);
        var offsets = new int[sentence.Offsets.Length];
        for (var t = 0; t < sentence.Length; t++)
        {
            var drop = random.NextDouble() < dropout;
            for (var k = sentence.Offsets[t]; k < sentence.Offsets[t + 1]; k++)
            {
                if (!drop || !inGroup[k]) kept.Add(sentence.Features[k]);
            }

            offsets[t + 1] = kept.Count;
        }

        return new SentenceFeatures([.. kept], offsets) { Vectors = sentence.Vectors };
    }

    private static SentenceFeatures Thinned(SentenceFeatures sentence, double dropout, Random random)
    {
        var kept = new List<int>(sentence.Features.Length);
        var offsets = new int[sentence.Offsets.Length];
        for (var t = 0; t < sentence.Length; t++)
        {
            for (var k = sentence.Offsets[t]; k < sentence.Offsets[t + 1]; k++)
            {
                if (random.NextDouble() >= dropout) kept.Add(sentence.Features[k]);
            }

            offsets[t + 1] = kept.Count;
        }

        return new SentenceFeatures([.. kept], offsets) { Vectors = sentence.Vectors };
    }
}
