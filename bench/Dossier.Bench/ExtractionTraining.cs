using System.Globalization;
using Dossier.Extraction;
using Dossier.Extraction.Html;

namespace Dossier.Bench;

/// <summary>
/// Learns the block classifier's weights from the dev half of the Scrapinghub pages (never the held-out half) and writes
/// them to src/Dossier/Extraction/Data/block-classifier.tsv. Deterministic: full-batch gradient descent from zero weights.
/// </summary>
public sealed class ExtractionTraining : IBenchmark
{
    /// <summary>Chosen by the dev cross-validation F1 (before the near-class features: 1e-4 0.939, 1e-3 0.941, 1e-2 0.959,
    /// 3e-2 0.959, 1e-1 0.950; with them: 1e-2 0.956, 3e-2 0.963).</summary>
    private const double DefaultL2 = 3e-2;
    private const int Iterations = 600;
    private const double LearningRate = 0.5;

    public string Name => "extraction-train";
    public string Description => "learn the HTML block classifier from the dev half of Scrapinghub and write it into the extraction data";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var l2At = Array.IndexOf(args, "--l2");
        var l2 = l2At >= 0 && l2At + 1 < args.Length ? double.Parse(args[l2At + 1], CultureInfo.InvariantCulture) : DefaultL2;
        var folder = context.SharedPath("bench", "extraction", "scrapinghub");
        if (!File.Exists(Path.Combine(folder, "ground-truth.json")))
        {
            output.WriteLine($"no benchmark data under {folder}");
            return Task.FromResult(1);
        }

        var pages = ScrapinghubPages.Load(folder).Where(p => p.Half == Half.Dev).ToList();
        var keywords = RegionKeywords.Default;
        var localNames = BlockFeatures.LocalNames(keywords);
        var contextNames = BlockFeatures.ContextNames(keywords);
        var empty = new BlockClassifier(Untrained(localNames), Untrained(contextNames), 0);
        var chrome = new ChromeLines();
        var segmenter = new HtmlExtractor(keywords, empty, chrome);

        var pageBlocks = new List<(BenchPage Page, List<TextBlock> Blocks, double[] Labels, double[] Weights)>();
        foreach (var page in pages)
        {
            var html = System.Text.Encoding.UTF8.GetString(page.Html);
            var blocks = segmenter.Blocks(html);
            var (labels, weights) = Label(blocks, page.Truth);
            pageBlocks.Add((page, blocks, labels, weights));
        }

        output.WriteLine($"dev pages: {pages.Count}; blocks: {pageBlocks.Sum(p => p.Blocks.Count)}; content blocks: {pageBlocks.Sum(p => p.Labels.Count(l => l > 0.5))}");

        // Three folds over the dev pages estimate how the learned weights do on pages they were not learned from.
        const int folds = 3;
        var cross = new List<PageCounts>();
        for (var fold = 0; fold < folds; fold++)
        {
            var train = pageBlocks.Where((_, i) => i % folds != fold).ToList();
            var test = pageBlocks.Where((_, i) => i % folds == fold).ToList();
            var foldClassifier = Train(train, keywords, chrome, localNames, contextNames, l2).Classifier;
            cross.AddRange(Evaluate(foldClassifier, test, keywords, chrome));
        }

        output.WriteLine($"dev {folds}-fold cross-validation: {ExtractionMetric.Aggregate(cross)}");
        var (classifier, local, contextModel, best) = Train(pageBlocks, keywords, chrome, localNames, contextNames, l2);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threshold {best.Threshold:0.00}: dev (training) {best.Scores}"));
        var path = Path.Combine(context.RepoRoot, "src", "Dossier", "Extraction", "Data", "block-classifier.tsv");
        File.WriteAllLines(path, BlockClassifier.Format(classifier,
        [
            "HTML block classifier for article extraction: two logistic regressions (local, context) and a keep threshold.",
            "Learned from the dev half of the Scrapinghub article-extraction benchmark (MIT); see models/extraction/README.md.",
            "Retrain: dotnet run -c Release --project bench/Dossier.Bench -- extraction-train",
            string.Create(CultureInfo.InvariantCulture, $"L2 {l2}; dev 3-fold cross-validation {ExtractionMetric.Aggregate(cross)}; dev (training) {best.Scores}"),
            "Columns: stage, feature, mean, scale, weight (on the standardised feature).",
        ]));
        output.WriteLine($"wrote {Path.GetRelativePath(context.RepoRoot, path)}");
        foreach (var (stage, model) in new[] { ("local", local), ("context", contextModel) })
        {
            var top = model.Names.Select((n, i) => (n, w: model.Weights[i])).OrderByDescending(x => Math.Abs(x.w)).Take(10);
            output.WriteLine($"{stage} strongest: " + string.Join(", ", top.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.n} {x.w:+0.00;-0.00}"))));
        }

        return Task.FromResult(0);
    }

    private static (BlockClassifier Classifier, LogisticModel Local, LogisticModel Context, (double Threshold, ExtractionScores? Scores) Best) Train(
        List<(BenchPage Page, List<TextBlock> Blocks, double[] Labels, double[] Weights)> pageBlocks,
        RegionKeywords keywords, ChromeLines chrome, IReadOnlyList<string> localNames, IReadOnlyList<string> contextNames, double l2)
    {
        var localRows = new List<(double[] X, double Y, double W)>();
        var untrained = new ContentSelector(new BlockClassifier(Untrained(localNames), Untrained(contextNames), 0), keywords, chrome);
        foreach (var (_, blocks, labels, weights) in pageBlocks)
        {
            var features = untrained.LocalFeatures(blocks);
            for (var i = 0; i < blocks.Count; i++) localRows.Add((features[i], labels[i], weights[i]));
        }

        var local = Fit(localNames, localRows, l2);
        var selector = new ContentSelector(new BlockClassifier(local, Untrained(contextNames), 0), keywords, chrome);
        var contextRows = new List<(double[] X, double Y, double W)>();
        foreach (var (_, blocks, labels, weights) in pageBlocks)
        {
            var features = selector.Score(blocks);
            for (var i = 0; i < blocks.Count; i++) contextRows.Add((features[i], labels[i], weights[i]));
        }

        var contextModel = Fit(contextNames, contextRows, l2);

        // The threshold that maximises the benchmark's F1 on the training pages.
        var best = (Threshold: 0.0, Scores: (ExtractionScores?)null);
        for (var threshold = -3.0; threshold <= 3.0; threshold += 0.25)
        {
            var scores = ExtractionMetric.Aggregate(Evaluate(new BlockClassifier(local, contextModel, threshold), pageBlocks, keywords, chrome));
            if (best.Scores is null || scores.F1 > best.Scores.F1 + 1e-12) best = (threshold, scores);
        }

        return (new BlockClassifier(local, contextModel, best.Threshold), local, contextModel, best);
    }

    private static List<PageCounts> Evaluate(
        BlockClassifier classifier, List<(BenchPage Page, List<TextBlock> Blocks, double[] Labels, double[] Weights)> pageBlocks, RegionKeywords keywords,
        ChromeLines chrome)
    {
        var selector = new ContentSelector(classifier, keywords, chrome);
        return pageBlocks.Select(p => ExtractionMetric.ComparePage(p.Page.Truth, string.Join('\n', selector.Select(p.Blocks).Select(b => b.Text)))).ToList();
    }

    /// <summary>
    /// A block is content when most of its 4-token shingles (or, for a shorter block, its whole token run) occur in the
    /// page's truth. Each page's weights add up to one, in proportion to tokens, as the metric weighs pages equally.
    /// </summary>
    private static (double[] Labels, double[] Weights) Label(List<TextBlock> blocks, string truth)
    {
        var truthTokens = ExtractionMetric.Tokenize(truth);
        var truthShingles = ExtractionMetric.Shingles(truthTokens);
        var joinedTruth = " " + string.Join(' ', truthTokens) + " ";
        var labels = new double[blocks.Count];
        var weights = new double[blocks.Count];
        double total = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var tokens = ExtractionMetric.Tokenize(blocks[i].Text);
            if (tokens.Count >= 4)
            {
                var shingles = ExtractionMetric.Shingles(tokens);
                var found = shingles.Sum(s => Math.Min(s.Value, truthShingles.GetValueOrDefault(s.Key)));
                labels[i] = found * 2 >= tokens.Count - 3 ? 1 : 0;
            }
            else if (tokens.Count > 0)
            {
                labels[i] = joinedTruth.Contains(" " + string.Join(' ', tokens) + " ", StringComparison.Ordinal) ? 1 : 0;
            }

            weights[i] = tokens.Count + 1;
            total += weights[i];
        }

        for (var i = 0; i < weights.Length; i++) weights[i] /= total;
        return (labels, weights);
    }

    private static LogisticModel Untrained(IReadOnlyList<string> names) =>
        new(names, new double[names.Count], Enumerable.Repeat(1.0, names.Count).ToArray(), new double[names.Count], 0);

    private static LogisticModel Fit(IReadOnlyList<string> names, List<(double[] X, double Y, double W)> rows, double l2)
    {
        var n = names.Count;
        var means = new double[n];
        var scales = new double[n];
        var totalWeight = rows.Sum(r => r.W);
        for (var j = 0; j < n; j++)
        {
            var mean = rows.Sum(r => r.X[j]) / rows.Count;
            var variance = rows.Sum(r => (r.X[j] - mean) * (r.X[j] - mean)) / rows.Count;
            means[j] = mean;
            scales[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }

        var standardized = rows.Select(r => r.X.Select((x, j) => (x - means[j]) / scales[j]).ToArray()).ToList();
        var weights = new double[n];
        double bias = 0;
        var gradient = new double[n];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(gradient);
            double biasGradient = 0;
            for (var r = 0; r < rows.Count; r++)
            {
                var x = standardized[r];
                var z = bias;
                for (var j = 0; j < n; j++) z += weights[j] * x[j];
                var error = (LogisticModel.Sigmoid(z) - rows[r].Y) * rows[r].W / totalWeight;
                biasGradient += error;
                for (var j = 0; j < n; j++) gradient[j] += error * x[j];
            }

            bias -= LearningRate * biasGradient;
            for (var j = 0; j < n; j++) weights[j] -= LearningRate * (gradient[j] + l2 * weights[j]);
        }

        return new LogisticModel(names, means, scales, weights, bias);
    }
}
