using System.Collections.Frozen;
using System.Globalization;

namespace Dossier.Claims;

/// <summary>Logistic regression over <see cref="CheckworthyFeatures"/>: the probability that a sentence is a factual claim worth checking.</summary>
public sealed class CheckworthyModel
{
    private readonly FrozenDictionary<string, double> _weights;

    public CheckworthyModel(IReadOnlyDictionary<string, double> weights, double bias, double contextWeight = 0)
    {
        _weights = weights.ToFrozenDictionary(StringComparer.Ordinal);
        Bias = bias;
        ContextWeight = contextWeight;
    }

    public double Bias { get; }

    /// <summary>How much a sentence's neighbours lift it when sentences are scored in sequence (a claim rarely comes alone).</summary>
    public double ContextWeight { get; }
    public int FeatureCount => _weights.Count;

    /// <summary>The model of models/checkworthy, shipped inside the assembly.</summary>
    public static CheckworthyModel Default => LazyDefault.Value;

    private static readonly Lazy<CheckworthyModel> LazyDefault = new(() => Parse(EmbeddedData.ReadLines("Claims.Data.checkworthy-model.tsv")));

    public double Score(string sentence, CheckworthyContext context = default)
    {
        // Weights are summed over the model's known features and scaled by 1/sqrt(count), as in training, so that a
        // long sentence does not score high merely for having many words.
        double sum = 0;
        var known = 0;
        foreach (var feature in CheckworthyFeatures.Extract(sentence, context))
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
        return Smooth(own, ContextWeight);
    }

    public static double[] Smooth(IReadOnlyList<double> own, double contextWeight)
    {
        var result = new double[own.Count];
        for (var i = 0; i < own.Count; i++)
        {
            var neighbour = Math.Max(i > 0 ? own[i - 1] : 0, i + 1 < own.Count ? own[i + 1] : 0);
            result[i] = (own[i] + contextWeight * neighbour) / (1 + contextWeight);
        }

        return result;
    }

    /// <summary>Reads "feature TAB weight" lines; "&lt;bias&gt;" is the intercept and "&lt;context&gt;" the neighbour weight.</summary>
    public static CheckworthyModel Parse(IEnumerable<string> lines)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        double bias = 0.0, context = 0.0;
        foreach (var line in lines)
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !double.TryParse(line.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)) continue;
            var name = line[..tab];
            if (name == "<bias>") bias = weight;
            else if (name == "<context>") context = weight;
            else weights[name] = weight;
        }

        return new CheckworthyModel(weights, bias, context);
    }

    public IEnumerable<string> ToLines()
    {
        yield return "<bias>\t" + Bias.ToString("R", CultureInfo.InvariantCulture);
        yield return "<context>\t" + ContextWeight.ToString("R", CultureInfo.InvariantCulture);
        foreach (var (name, weight) in _weights.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return name + "\t" + weight.ToString("G6", CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>A labelled sentence for training; Weight lets a smaller, closer-to-task corpus count for more.</summary>
public sealed record CheckworthyExample(string Text, bool CheckWorthy, double Weight = 1.0, CheckworthyContext Context = default);

/// <summary>Trains <see cref="CheckworthyModel"/> by AdaGrad with L2 regularisation; deterministic for a given seed.</summary>
public static class CheckworthyTrainer
{
    public static CheckworthyModel Train(IReadOnlyList<CheckworthyExample> examples, int minimumFeatureCount = 2, double l2 = 1e-5, int epochs = 8, double learningRate = 0.2, int seed = 17)
    {
        var featureCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var extracted = new List<string[]>(examples.Count);
        foreach (var example in examples)
        {
            var features = CheckworthyFeatures.Extract(example.Text, example.Context).ToArray();
            extracted.Add(features);
            foreach (var feature in features) featureCounts[feature] = featureCounts.GetValueOrDefault(feature) + 1;
        }

        var index = featureCounts.Where(pair => pair.Value >= minimumFeatureCount).Select(pair => pair.Key).Order(StringComparer.Ordinal)
            .Select((name, i) => (name, i)).ToDictionary(pair => pair.name, pair => pair.i, StringComparer.Ordinal);
        var rows = extracted.Select(features => features.Where(index.ContainsKey).Select(f => index[f]).ToArray()).ToArray();
        var weights = new double[index.Count];
        var squared = new double[index.Count];
        double bias = 0, biasSquared = 0;
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(seed);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var row = rows[i];
                var scale = row.Length == 0 ? 1.0 : 1.0 / Math.Sqrt(row.Length);
                var sum = bias;
                foreach (var f in row) sum += weights[f] * scale;
                var probability = 1.0 / (1.0 + Math.Exp(-sum));
                var error = (probability - (examples[i].CheckWorthy ? 1.0 : 0.0)) * examples[i].Weight;
                foreach (var f in row)
                {
                    var gradient = error * scale + l2 * weights[f];
                    squared[f] += gradient * gradient;
                    weights[f] -= learningRate * gradient / (Math.Sqrt(squared[f]) + 1e-8);
                }

                biasSquared += error * error;
                bias -= learningRate * error / (Math.Sqrt(biasSquared) + 1e-8);
            }
        }

        return new CheckworthyModel(index.ToDictionary(pair => pair.Key, pair => weights[pair.Value], StringComparer.Ordinal), bias);
    }

    public static CheckworthyModel WithContextWeight(CheckworthyModel model, double contextWeight)
    {
        var lines = model.ToLines().Where(l => !l.StartsWith("<context>", StringComparison.Ordinal)).Append("<context>\t" + contextWeight.ToString("R", CultureInfo.InvariantCulture));
        return CheckworthyModel.Parse(lines);
    }
}
