using Dossier.Linking.Stance;

namespace Dossier.Bench;

/// <summary>
/// Emergent (claim vs article headline: for / against / observing) with the stance model's features and network
/// trained on Emergent's own training set: the epoch is chosen on cross-validation folds 1–3 of the training set
/// (grouped by claim), then the model is retrained on the whole training set and scored once on the test set.
/// </summary>
public sealed class StanceEmergentBenchmark : IBenchmark
{
    private static readonly string[] Labels = ["for", "against", "observing"];

    public string Name => "stance-emergent";
    public string Description => "Emergent: stance network trained on Emergent train, epoch chosen on folds 1-3, accuracy and macro-F1 on test";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var folder = StanceData.Emergent(context);
        var trainPath = Path.Combine(folder, "url-versions-2015-06-14-clean-train.csv");
        if (!File.Exists(trainPath))
        {
            context.Out.WriteLine($"no Emergent data under {folder}");
            return Task.FromResult(1);
        }

        var train = Read(trainPath);
        var test = Read(Path.Combine(folder, "url-versions-2015-06-14-clean-test.csv"));
        var devArticles = Enumerable.Range(1, 3)
            .SelectMany(fold => Read(Path.Combine(folder, "folds", $"url-versions-2015-06-14-clean-test-fold-{fold}.csv")))
            .Select(row => row.ArticleId)
            .ToHashSet(StringComparer.Ordinal);
        var fit = train.Where(r => !devArticles.Contains(r.ArticleId)).ToList();
        var dev = train.Where(r => devArticles.Contains(r.ArticleId)).ToList();
        var options = new StanceTrainingOptions(Hidden: 50, Epochs: 60, BatchSize: 50, LearningRate: 0.001f, Dropout: 0.4f);

        var best = (Epoch: 0, Accuracy: -1.0);
        var devFeaturizer = Featurizer(fit);
        var devInputs = dev.Select(r => devFeaturizer.Featurize(r.Claim, devFeaturizer.ReadBody(r.Headline))).ToList();
        StanceTrainer.Train(fit.Select(r => devFeaturizer.Featurize(r.Claim, devFeaturizer.ReadBody(r.Headline))).ToList(),
            fit.Select(r => r.Label).ToList(), devFeaturizer.Dimension, options, (epoch, network) =>
            {
                var accuracy = Accuracy(network, devInputs, dev.Select(r => r.Label).ToList()).Accuracy;
                if (accuracy > best.Accuracy) best = (epoch, accuracy);
            }, cancellationToken);
        context.Out.WriteLine(FormattableString.Invariant(
            $"Emergent dev (folds 1-3 of train, {dev.Count} rows; trained on {fit.Count}): best epoch {best.Epoch}, accuracy {best.Accuracy:0.0000}"));

        var featurizer = Featurizer(train);
        var final = StanceTrainer.Train(train.Select(r => featurizer.Featurize(r.Claim, featurizer.ReadBody(r.Headline))).ToList(),
            train.Select(r => r.Label).ToList(), featurizer.Dimension, options with { Epochs = best.Epoch }, null, cancellationToken);
        var (testAccuracy, f1) = Accuracy(final, test.Select(r => featurizer.Featurize(r.Claim, featurizer.ReadBody(r.Headline))).ToList(), test.Select(r => r.Label).ToList());
        context.Out.WriteLine(FormattableString.Invariant(
            $"Emergent test ({test.Count} rows): accuracy {testAccuracy:0.0000}; macro-F1 {f1.Average():0.0000}; F1 for {f1[0]:0.000} against {f1[1]:0.000} observing {f1[2]:0.000}"));
        return Task.FromResult(0);
    }

    private sealed record Row(string Claim, string Headline, int Label, string ArticleId);

    private static StanceFeaturizer Featurizer(List<Row> rows) =>
        new(StanceVocabulary.Build(rows.Select(r => r.Claim).Distinct(StringComparer.Ordinal).Concat(rows.Select(r => r.Headline)), 3000));

    private static (double Accuracy, double[] F1) Accuracy(StanceNetwork network, List<SparseVector> inputs, List<int> labels)
    {
        var confusion = new int[3, 3];
        for (var i = 0; i < inputs.Count; i++) confusion[labels[i], StanceClassifier.ArgMax(network.Predict(inputs[i]).AsSpan(0, 3))]++;
        var correct = Enumerable.Range(0, 3).Sum(c => confusion[c, c]);
        var f1 = Enumerable.Range(0, 3).Select(c =>
        {
            var predicted = Enumerable.Range(0, 3).Sum(g => confusion[g, c]);
            var actual = Enumerable.Range(0, 3).Sum(p => confusion[c, p]);
            var precision = predicted == 0 ? 0 : (double)confusion[c, c] / predicted;
            var recall = actual == 0 ? 0 : (double)confusion[c, c] / actual;
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }).ToArray();
        return ((double)correct / inputs.Count, f1);
    }

    private static List<Row> Read(string path)
    {
        using var reader = new StreamReader(path);
        var records = Csv.Read(reader).ToList();
        var header = records[0];
        int Column(string name) => Array.IndexOf(header, name);
        var (claim, headline, stance, article) = (Column("claimHeadline"), Column("articleHeadline"), Column("articleHeadlineStance"), Column("articleId"));
        return records.Skip(1)
            .Where(r => r.Length == header.Length && Array.IndexOf(Labels, r[stance]) >= 0)
            .Select(r => new Row(r[claim], r[headline], Array.IndexOf(Labels, r[stance]), r[article]))
            .ToList();
    }
}
