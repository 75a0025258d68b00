using System.Globalization;

namespace Dossier.Extraction.Html;

/// <summary>A logistic regression over standardised features: weight · (x − mean) / scale + bias.</summary>
internal sealed record LogisticModel(IReadOnlyList<string> Names, double[] Means, double[] Scales, double[] Weights, double Bias)
{
    public double Logit(ReadOnlySpan<double> features) => AddTerms(Bias, features[..Weights.Length], 0);

    /// <summary>
    /// Adds to <paramref name="sum"/> the terms of <paramref name="features"/>, the model's features from position
    /// <paramref name="first"/> on. A logit summed in parts, in order, is the very number summed at once.
    /// </summary>
    public double AddTerms(double sum, ReadOnlySpan<double> features, int first)
    {
        for (var i = 0; i < features.Length; i++)
        {
            var at = first + i;
            sum += Weights[at] * (features[i] - Means[at]) / Scales[at];
        }

        return sum;
    }

    public static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));
}

/// <summary>
/// The two-stage block classifier: a local model, then a context model that keeps a block when its logit clears the
/// threshold. Weights are learned from labelled pages and stored as data (Extraction/Data/block-classifier.tsv).
/// </summary>
internal sealed class BlockClassifier(LogisticModel local, LogisticModel context, double threshold)
{
    public const string ResourceName = "Extraction.Data.block-classifier.tsv";

    public LogisticModel Local { get; } = local;
    public LogisticModel Context { get; } = context;

    /// <summary>The context model's logit a block must reach to be kept.</summary>
    public double Threshold { get; } = threshold;

    public static BlockClassifier LoadDefault(RegionKeywords keywords) => Parse(EmbeddedData.ReadLines(ResourceName), keywords);

    /// <summary>Lines of "stage feature mean scale weight", "stage bias value" and "threshold value".</summary>
    public static BlockClassifier Parse(IReadOnlyList<string> lines, RegionKeywords keywords)
    {
        var rows = new Dictionary<(string Stage, string Feature), (double Mean, double Scale, double Weight)>();
        var biases = new Dictionary<string, double>(StringComparer.Ordinal);
        double threshold = 0;
        foreach (var line in lines)
        {
            var parts = line.Split('\t');
            if (parts[0] == "threshold") threshold = Number(parts[1]);
            else if (parts.Length == 3 && parts[1] == "bias") biases[parts[0]] = Number(parts[2]);
            else if (parts.Length == 5) rows[(parts[0], parts[1])] = (Number(parts[2]), Number(parts[3]), Number(parts[4]));
        }

        return new BlockClassifier(
            Build("local", BlockFeatures.LocalNames(keywords)),
            Build("context", BlockFeatures.ContextNames(keywords)),
            threshold);

        LogisticModel Build(string stage, IReadOnlyList<string> names)
        {
            var means = new double[names.Count];
            var scales = new double[names.Count];
            var weights = new double[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                // A feature the model was not trained with weighs nothing.
                var (mean, scale, weight) = rows.TryGetValue((stage, names[i]), out var row) ? row : (0, 1, 0);
                (means[i], scales[i], weights[i]) = (mean, scale == 0 ? 1 : scale, weight);
            }

            return new LogisticModel(names, means, scales, weights, biases.GetValueOrDefault(stage));
        }
    }

    public static IEnumerable<string> Format(BlockClassifier classifier, IEnumerable<string> header)
    {
        foreach (var line in header) yield return "# " + line;
        yield return "threshold\t" + Text(classifier.Threshold);
        foreach (var (stage, model) in new[] { ("local", classifier.Local), ("context", classifier.Context) })
        {
            yield return $"{stage}\tbias\t{Text(model.Bias)}";
            for (var i = 0; i < model.Names.Count; i++)
            {
                yield return $"{stage}\t{model.Names[i]}\t{Text(model.Means[i])}\t{Text(model.Scales[i])}\t{Text(model.Weights[i])}";
            }
        }
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
