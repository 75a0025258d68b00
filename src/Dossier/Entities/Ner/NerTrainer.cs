using Dossier.Text.Sequence;

namespace Dossier.Entities.Ner;

public sealed record NerTrainingOptions
{
    /// <summary>log2 of the number of feature buckets.</summary>
    public int BucketBits { get; init; } = 20;
    public int Epochs { get; init; } = 12;
    public int Seed { get; init; } = 1;

    /// <summary>Folds for the first pass's held-out tags on the training data, which the second pass learns from.</summary>
    public int Folds { get; init; } = 4;
    public bool SecondPass { get; init; } = true;

    /// <summary>
    /// Perceptrons trained per pass with different visiting orders (seeds) whose weights are averaged into one
    /// model: less variance from the order, at no cost when tagging.
    /// </summary>
    public int Mixtures { get; init; } = 1;

    /// <summary>Tag spans with BILOU inside the model (else IOB2). On the dev split it scored no better (93.43 against 93.58 F1), so IOB2 is the default.</summary>
    public bool Bilou { get; init; }

    /// <summary>
    /// Features (buckets) seen in fewer training tokens than this never get a weight: a feature seen once can only
    /// memorise its one example.
    /// </summary>
    public int MinFeatureCount { get; init; } = 1;

    /// <summary>Which learner fits the weights; either gives a linear-chain model of the same form.</summary>
    public NerLearner Learner { get; init; } = NerLearner.Perceptron;

    /// <summary>For the perceptron: the chance that each feature is left out of one visit to a sentence (0: none is).</summary>
    public double FeatureDropout { get; init; }

    /// <summary>The second pass's feature dropout, when it differs from the first pass's.</summary>
    public double? SecondPassFeatureDropout { get; init; }

    /// <summary>
    /// For the perceptron: the chance that a token's features read from its own word (see
    /// <see cref="WordIdentityFeatures"/>) are left out of one visit all together, on both passes (0: never).
    /// </summary>
    public double WordDropout { get; init; }

    /// <summary>For the perceptron: the chance that a word's pretrained vector is left out of one visit (0: never).</summary>
    public double VectorDropout { get; init; }

    /// <summary>Word dropout leaves out the own-word features of capitalised words only (names), not of every word.</summary>
    public bool WordDropoutCapitalisedOnly { get; init; }

    /// <summary>For the CRF: the variance of the Gaussian prior on each weight (smaller regularises more).</summary>
    public double CrfVariance { get; init; } = 10;

    /// <summary>For the CRF: the first epoch's step size; 0 picks it on a sample of the training sentences.</summary>
    public double CrfLearningRate { get; init; }

    /// <summary>The optional feature groups to train with.</summary>
    public NerFeatureSet FeatureSet { get; init; }
    public string Description { get; init; } = "";
}

/// <summary>How the weights of each pass are learnt.</summary>
public enum NerLearner
{
    /// <summary>The averaged structured perceptron (Collins 2002).</summary>
    Perceptron,

    /// <summary>A linear-chain CRF: L2-regularised log-likelihood by stochastic gradient descent.</summary>
    Crf,
}

/// <summary>
/// Trains the tagger with the averaged structured perceptron (<see cref="StructuredPerceptron"/>) or a CRF
/// (<see cref="LinearChainCrf"/>). The second pass is trained on the
/// first pass's tags for documents it did not see (cross-validation over documents), so that it learns how far
/// to trust them on new text rather than on text the first pass has memorised. Deterministic for a given seed.
/// </summary>
public static class NerTrainer
{
    /// <param name="wordVectors">The pretrained vectors read when the options' feature set has <see cref="NerFeatureSet.DenseWordVectors"/>.</param>
    public static NerModel Train(
        IReadOnlyList<ConllDocument> documents, Gazetteer gazetteer, WordClusters clusters, NerTrainingOptions options, Action<string>? log = null,
        WordVectorTable? wordVectors = null)
    {
        if (options.Learner == NerLearner.Crf && (options.FeatureSet & NerFeatureSet.DenseWordVectors) != 0)
        {
            throw new ArgumentException("The CRF learner does not learn dense word vector weights; use the perceptron.", nameof(options));
        }

        if (wordVectors is not null && (options.FeatureSet & NerFeatureSet.CapitalisedVectorStandIn) != 0)
        {
            wordVectors = wordVectors.WithCapitalisedStandIn(documents.SelectMany(document => document.Sentences).SelectMany(sentence => sentence.Tokens)
                .Select(NerText.Normalize).Where(word => word.Length > 0 && char.IsUpper(word[0])));
        }

        var scheme = options.Bilou ? TagScheme.Bilou : TagScheme.Iob2;
        var extractor = new NerFeatureExtractor(gazetteer, clusters, options.BucketBits, scheme, options.FeatureSet, wordVectors);
        var gold = documents.Select(document => document.Sentences.Select(sentence => scheme.FromIob2(sentence.Tags!)).ToArray()).ToArray();
        var prepared = documents.Select(document => extractor.Prepare(Tokens(document))).ToArray();
        var features = prepared.Select(document => extractor.Extract(document, null)).ToArray();
        var ownWord = options.WordDropout > 0 ? prepared.Select((document, d) => WordIdentityFeatures.Find(extractor, document, features[d], options.WordDropoutCapitalisedOnly)).ToArray() : null;
        log?.Invoke($"features extracted for {documents.Count} documents");
        var first = TrainChain(Examples(gold, features, ownWord, _ => true), scheme, options, "first pass", log);
        if (!options.SecondPass) return new NerModel(gazetteer, clusters, first, null, options.Description, options.FeatureSet, wordVectors: wordVectors);

        var heldOutTags = new int[documents.Count][][];
        for (var fold = 0; fold < options.Folds; fold++)
        {
            var inFold = fold;
            // The held-out tags come from the full-precision weights, as they did when the shipped model was trained:
            // half precision flips near ties, and the second pass learns from these tags, so the retrain would drift.
            var (weights, transitions) = TrainMixedWeights(Examples(gold, features, ownWord, d => d % options.Folds != inFold), scheme, options, $"fold {fold + 1}/{options.Folds}", log);
            for (var d = fold; d < documents.Count; d += options.Folds)
            {
                heldOutTags[d] = features[d].Select(sentence => LinearChainModel.Decode(scheme, sentence, weights, transitions)).ToArray();
            }
        }

        var secondFeatures = prepared.Select((document, d) => extractor.Extract(document, heldOutTags[d], features[d])).ToArray();
        var secondOwnWord = ownWord?.Select((own, d) => WordIdentityFeatures.Extend(own, features[d], secondFeatures[d])).ToArray();
        var second = TrainChain(
            Examples(gold, secondFeatures, secondOwnWord, _ => true), scheme,
            options with { Seed = options.Seed + 1, FeatureDropout = options.SecondPassFeatureDropout ?? options.FeatureDropout }, "second pass", log);
        return new NerModel(gazetteer, clusters, first, second, options.Description, options.FeatureSet, wordVectors: wordVectors);
    }

    public static ConllScore Evaluate(NerTagger tagger, IReadOnlyList<ConllDocument> documents)
    {
        var score = new ConllScore();
        foreach (var document in documents)
        {
            var tags = tagger.Tag(Tokens(document));
            for (var s = 0; s < tags.Length; s++) score.Add(document.Sentences[s].Tags!, tags[s]);
        }

        return score;
    }

    public static IReadOnlyList<IReadOnlyList<string>> Tokens(ConllDocument document) =>
        document.Sentences.Select(sentence => sentence.Tokens).ToArray();

    /// <summary>The training sentences of the included documents, and per sentence which features read the token's own word (when found).</summary>
    private sealed record TrainingSet(List<(SentenceFeatures Features, int[] Gold)> Sentences, List<bool[]>? OwnWord);

    private static TrainingSet Examples(int[][][] gold, SentenceFeatures[][] features, bool[][][]? ownWord, Func<int, bool> include)
    {
        var examples = new List<(SentenceFeatures, int[])>();
        var own = ownWord is null ? null : new List<bool[]>();
        for (var d = 0; d < gold.Length; d++)
        {
            if (!include(d)) continue;
            for (var s = 0; s < features[d].Length; s++)
            {
                examples.Add((features[d][s], gold[d][s]));
                own?.Add(ownWord![d][s]);
            }
        }

        return new TrainingSet(examples, own);
    }

    private static LinearChainModel TrainChain(TrainingSet data, TagScheme scheme, NerTrainingOptions options, string name, Action<string>? log)
    {
        var (weights, transitions) = TrainMixedWeights(data, scheme, options, name, log);
        return new LinearChainModel(scheme, options.BucketBits, weights, transitions);
    }

    private static (float[] Weights, float[] Transitions) TrainMixedWeights(
        TrainingSet data, TagScheme scheme, NerTrainingOptions options, string name, Action<string>? log)
    {
        var learnable = Learnable(data.Sentences, options);
        var (weights, transitions) = TrainWeights(data, scheme, options, options.Seed, name, log, learnable);
        for (var k = 1; k < options.Mixtures; k++)
        {
            var other = TrainWeights(data, scheme, options, options.Seed + 1000 * k, $"{name} ({k + 1}/{options.Mixtures})", log, learnable);
            for (var i = 0; i < weights.Length; i++) weights[i] += other.Weights[i];
            for (var i = 0; i < transitions.Length; i++) transitions[i] += other.Transitions[i];
        }

        // A sum scores tags as the mean does; dividing keeps the weights in the range half precision stores well.
        if (options.Mixtures > 1)
        {
            for (var i = 0; i < weights.Length; i++) weights[i] /= options.Mixtures;
            for (var i = 0; i < transitions.Length; i++) transitions[i] /= options.Mixtures;
        }

        return (weights, transitions);
    }

    private static (float[] Weights, float[] Transitions) TrainWeights(
        TrainingSet data, TagScheme scheme, NerTrainingOptions options, int seed, string name, Action<string>? log, bool[]? learnable) =>
        options.Learner switch
        {
            NerLearner.Crf => LinearChainCrf.TrainWeights(
                data.Sentences, scheme, options.BucketBits, new CrfOptions(options.Epochs, options.CrfVariance, options.CrfLearningRate), seed, name, log, learnable),
            _ => StructuredPerceptron.TrainWeights(
                data.Sentences, scheme, options.BucketBits, options.Epochs, seed, name, log, learnable, options.FeatureDropout, data.OwnWord, options.WordDropout, options.VectorDropout),
        };

    // Which buckets may be learnt: those seen in at least MinFeatureCount training tokens (all when it is 1).
    private static bool[]? Learnable(List<(SentenceFeatures Features, int[] Gold)> data, NerTrainingOptions options)
    {
        if (options.MinFeatureCount <= 1) return null;
        var counts = new int[1 << options.BucketBits];
        foreach (var (features, _) in data)
        {
            foreach (var bucket in features.Features) counts[bucket]++;
        }

        return counts.Select(count => count >= options.MinFeatureCount).ToArray();
    }
}
