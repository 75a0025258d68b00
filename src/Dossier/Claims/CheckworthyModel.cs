using System.Collections.Frozen;
using System.Globalization;

namespace Dossier.Claims;

/// <summary>Logistic regression over <see cref="CheckworthyFeatures"/>: the probability that a sentence is a factual claim worth checking.</summary>
public sealed class CheckworthyModel
{
    private readonly FrozenDictionary<string, double> _weights;

    public CheckworthyModel(
        IReadOnlyDictionary<string, double> weights,
        double bias,
        double contextWeight = 0,
        CheckworthyFeatureGroups groups = CheckworthyFeatureGroups.None,
        double questionerWeight = 1,
        CheckworthyClusters? clusters = null)
    {
        _weights = weights.ToFrozenDictionary(StringComparer.Ordinal);
        Bias = bias;
        ContextWeight = contextWeight;
        Groups = groups;
        QuestionerWeight = questionerWeight;
        Clusters = clusters;
    }

    /// <summary>The word classes of <see cref="CheckworthyFeatureGroups.Clusters"/>; null when the model does not use them.</summary>
    public CheckworthyClusters? Clusters { get; }

    /// <summary>What a transcript's questioner's (a moderator's) scores are multiplied by: they ask, fact-checkers check answers.</summary>
    public double QuestionerWeight { get; }

    /// <summary>The feature groups beyond the sentence itself that the model was trained with.</summary>
    public CheckworthyFeatureGroups Groups { get; }

    public double Bias { get; }

    /// <summary>How much a sentence's neighbours lift it when sentences are scored in sequence (a claim rarely comes alone).</summary>
    public double ContextWeight { get; }
    public int FeatureCount => _weights.Count;

    /// <summary>The model of models/checkworthy, shipped inside the assembly.</summary>
    public static CheckworthyModel Default => LazyDefault.Value;

    private static readonly Lazy<CheckworthyModel> LazyDefault = new(() =>
    {
        var lines = EmbeddedData.ReadLines("Claims.Data.checkworthy-model.tsv");
        var model = Parse(lines);
        return model.Groups.HasFlag(CheckworthyFeatureGroups.Clusters)
            ? Parse(lines, CheckworthyClusters.Parse(EmbeddedData.ReadLines("Claims.Data.checkworthy-clusters.tsv")))
            : model;
    });

    public double Score(string sentence, CheckworthyContext context = default)
    {
        // Weights are summed over the model's known features and scaled by 1/sqrt(count), as in training, so that a
        // long sentence does not score high merely for having many words.
        double sum = 0;
        var known = 0;
        foreach (var feature in CheckworthyFeatures.Extract(sentence, context, Groups, Clusters))
        {
            if (!_weights.TryGetValue(feature, out var weight)) continue;
            sum += weight;
            known++;
        }

        var logit = Bias + (known == 0 ? 0 : sum / Math.Sqrt(known));
        return 1.0 / (1.0 + Math.Exp(-logit));
    }

    /// <summary>
    /// Scores sentences in their order, with their speakers when known (a transcript): each score is blended with its
    /// neighbours' (weight <see cref="ContextWeight"/>), kept in 0–1.
    /// </summary>
    public double[] ScoreSequence(IReadOnlyList<string> sentences, IReadOnlyList<string?>? speakers = null)
    {
        var contexts = CheckworthyContext.Describe(sentences, speakers);
        var own = sentences.Select((sentence, i) => Score(sentence, contexts[i])).ToArray();
        return InSequence(own, contexts, ContextWeight, QuestionerWeight);
    }

    /// <summary>Sentence scores blended with their neighbours' and, in a transcript, the questioner's turned down.</summary>
    public static double[] InSequence(IReadOnlyList<double> own, IReadOnlyList<CheckworthyContext> contexts, double contextWeight, double questionerWeight)
    {
        var result = Smooth(own, contextWeight);
        for (var i = 0; i < result.Length; i++)
        {
            if (contexts[i].SpeakerRole == CheckworthyContext.QuestionerRole) result[i] *= questionerWeight;
        }

        return result;
    }

    private static double[] Smooth(IReadOnlyList<double> own, double contextWeight)
    {
        var result = new double[own.Count];
        for (var i = 0; i < own.Count; i++)
        {
            var neighbour = Math.Max(i > 0 ? own[i - 1] : 0, i + 1 < own.Count ? own[i + 1] : 0);
            result[i] = (own[i] + contextWeight * neighbour) / (1 + contextWeight);
        }

        return result;
    }

    /// <summary>Reads "feature TAB weight" lines; "&lt;bias&gt;" is the intercept, "&lt;context&gt;" the neighbour weight and
    /// "&lt;groups&gt;" the <see cref="CheckworthyFeatureGroups"/> as a number. A model of the
    /// <see cref="CheckworthyFeatureGroups.Clusters"/> group needs the word classes it was trained with.</summary>
    public static CheckworthyModel Parse(IEnumerable<string> lines, CheckworthyClusters? clusters = null)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        double bias = 0.0, context = 0.0, groups = 0.0, questioner = 1.0;
        foreach (var line in lines)
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !double.TryParse(line.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)) continue;
            var name = line[..tab];
            if (name == "<bias>") bias = weight;
            else if (name == "<context>") context = weight;
            else if (name == "<groups>") groups = weight;
            else if (name == "<questioner>") questioner = weight;
            else weights[name] = weight;
        }

        return new CheckworthyModel(weights, bias, context, (CheckworthyFeatureGroups)(int)groups & AllGroups, Math.Clamp(questioner, 0, 1), clusters);
    }

    private const CheckworthyFeatureGroups AllGroups =
        CheckworthyFeatureGroups.Neighbours | CheckworthyFeatureGroups.Turn | CheckworthyFeatureGroups.Position | CheckworthyFeatureGroups.Speaker
        | CheckworthyFeatureGroups.Clusters;

    /// <summary>The same weights scoring sequences with other neighbour and questioner weights.</summary>
    public CheckworthyModel InSequenceWith(double contextWeight, double questionerWeight) => new(_weights, Bias, contextWeight, Groups, questionerWeight, Clusters);

    public IEnumerable<string> ToLines()
    {
        yield return "<bias>\t" + Bias.ToString("R", CultureInfo.InvariantCulture);
        yield return "<context>\t" + ContextWeight.ToString("R", CultureInfo.InvariantCulture);
        yield return "<groups>\t" + ((int)Groups).ToString(CultureInfo.InvariantCulture);
        yield return "<questioner>\t" + QuestionerWeight.ToString("R", CultureInfo.InvariantCulture);
        foreach (var (name, weight) in _weights.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return name + "\t" + weight.ToString("G6", CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>A labelled sentence for training; Weight lets a smaller, closer-to-task corpus count for more. Sentences of one
/// Group (a debate) are also ranked against each other when training with a pairwise loss.</summary>
public sealed record CheckworthyExample(string Text, bool CheckWorthy, double Weight = 1.0, CheckworthyContext Context = default, string? Group = null);

/// <summary>How <see cref="CheckworthyTrainer"/> fits a model.</summary>
/// <param name="PairwiseWeight">Weight of the ranking loss (a check-worthy sentence above a sentence of its group that is
/// not) against the per-sentence logistic loss; 0 trains a plain logistic regression.</param>
/// <param name="Ensemble">How many models, each with its own shuffle seed, are averaged (their logits, so the average is
/// itself one linear model).</param>
public sealed record CheckworthyTrainingOptions(
    double L2 = 1e-5,
    int Epochs = 8,
    double LearningRate = 0.2,
    int MinimumFeatureCount = 2,
    double PairwiseWeight = 0,
    int PairsPerPositive = 4,
    int Ensemble = 1,
    int Seed = 17,
    CheckworthyFeatureGroups Groups = CheckworthyFeatureGroups.None,
    CheckworthyClusters? Clusters = null);

/// <summary>Trains <see cref="CheckworthyModel"/> by AdaGrad with L2 regularisation; deterministic for given options.</summary>
public static class CheckworthyTrainer
{
    public static CheckworthyModel Train(IReadOnlyList<CheckworthyExample> examples, CheckworthyTrainingOptions? options = null)
    {
        options ??= new CheckworthyTrainingOptions();
        var featureCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var extracted = new List<IReadOnlyList<string>>(examples.Count);
        foreach (var example in examples)
        {
            var features = CheckworthyFeatures.Extract(example.Text, example.Context, options.Groups, options.Clusters);
            extracted.Add(features);
            foreach (var feature in features) featureCounts[feature] = featureCounts.GetValueOrDefault(feature) + 1;
        }

        var index = featureCounts.Where(pair => pair.Value >= options.MinimumFeatureCount).Select(pair => pair.Key).Order(StringComparer.Ordinal)
            .Select((name, i) => (name, i)).ToDictionary(pair => pair.name, pair => pair.i, StringComparer.Ordinal);
        var rows = extracted.Select(features => features.Where(index.ContainsKey).Select(f => index[f]).ToArray()).ToArray();
        var negativesByGroup = examples.Select((example, i) => (example, i)).Where(x => x.example.Group is not null && !x.example.CheckWorthy)
            .GroupBy(x => x.example.Group!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);
        var weights = new double[index.Count];
        double bias = 0;
        var members = Math.Max(1, options.Ensemble);
        for (var member = 0; member < members; member++)
        {
            var (memberWeights, memberBias) = Fit(examples, rows, negativesByGroup, index.Count, options, options.Seed + member);
            for (var f = 0; f < weights.Length; f++) weights[f] += memberWeights[f] / members;
            bias += memberBias / members;
        }

        return new CheckworthyModel(index.ToDictionary(pair => pair.Key, pair => weights[pair.Value], StringComparer.Ordinal), bias, 0, options.Groups, 1, options.Clusters);
    }

    private static (double[] Weights, double Bias) Fit(
        IReadOnlyList<CheckworthyExample> examples, int[][] rows, Dictionary<string, int[]> negativesByGroup, int featureCount, CheckworthyTrainingOptions options, int seed)
    {
        var weights = new double[featureCount];
        var squared = new double[featureCount];
        double bias = 0, biasSquared = 0;
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(seed);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var row = rows[i];
                var probability = 1.0 / (1.0 + Math.Exp(-(bias + Sum(row))));
                var error = (probability - (examples[i].CheckWorthy ? 1.0 : 0.0)) * examples[i].Weight;
                Step(row, error * Scale(row));
                biasSquared += error * error;
                bias -= options.LearningRate * error / (Math.Sqrt(biasSquared) + 1e-8);
                if (options.PairwiseWeight <= 0 || !examples[i].CheckWorthy || examples[i].Group is not { } group || !negativesByGroup.TryGetValue(group, out var negatives)) continue;
                for (var pair = 0; pair < options.PairsPerPositive; pair++)
                {
                    // The logistic loss of the margin between this sentence and a random one of its debate that is not check-worthy.
                    var other = rows[negatives[random.Next(negatives.Length)]];
                    var margin = Sum(row) - Sum(other);
                    var pull = -options.PairwiseWeight * examples[i].Weight / (1.0 + Math.Exp(margin));
                    Step(row, pull * Scale(row));
                    Step(other, -pull * Scale(other));
                }
            }
        }

        return (weights, bias);

        double Sum(int[] row)
        {
            double sum = 0;
            foreach (var f in row) sum += weights[f];
            return sum * Scale(row);
        }

        void Step(int[] row, double gradientPerFeature)
        {
            foreach (var f in row)
            {
                var gradient = gradientPerFeature + options.L2 * weights[f];
                squared[f] += gradient * gradient;
                weights[f] -= options.LearningRate * gradient / (Math.Sqrt(squared[f]) + 1e-8);
            }
        }
    }

    private static double Scale(int[] row) => row.Length == 0 ? 1.0 : 1.0 / Math.Sqrt(row.Length);
}
