using System.Diagnostics;
using System.Globalization;
using Dossier.Linking.Stance;

namespace Dossier.Bench;

/// <summary>
/// Trains the stance model on the FNC-1 training split, scores the hold-out split after every epoch, keeps the best
/// epoch and writes the model to models/stance. Deterministic: one thread, fixed seeds. Never reads the test set.
/// </summary>
public sealed class StanceTrainBenchmark : IBenchmark
{
    public string Name => "stance-train";
    public string Description => "train the stance model on FNC-1 train, pick the epoch on hold-out, write models/stance [vocab hidden epochs lr dropout seed]";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var folder = StanceData.Fnc(context);
        if (!File.Exists(Path.Combine(folder, "train_bodies.csv")))
        {
            context.Out.WriteLine($"no FNC-1 data under {folder}");
            return Task.FromResult(1);
        }

        string Arg(int i, string fallback) => args.Length > i ? args[i] : fallback;
        var vocabularySize = int.Parse(Arg(0, "5000"), CultureInfo.InvariantCulture);
        var options = new StanceTrainingOptions(
            Hidden: int.Parse(Arg(1, "100"), CultureInfo.InvariantCulture),
            Epochs: int.Parse(Arg(2, "60"), CultureInfo.InvariantCulture),
            LearningRate: float.Parse(Arg(3, "0.001"), CultureInfo.InvariantCulture),
            Dropout: float.Parse(Arg(4, "0.4"), CultureInfo.InvariantCulture),
            Seed: int.Parse(Arg(5, "1"), CultureInfo.InvariantCulture));
        var output = Arg(6, Path.Combine(context.RepoRoot, "models", "stance"));
        var watch = Stopwatch.StartNew();
        var (train, holdOut) = StanceData.ReadTraining(folder);
        var trainBodyIds = train.Pairs.Select(p => p.BodyId).ToHashSet(StringComparer.Ordinal);
        var texts = train.Pairs.Select(p => p.Headline).Distinct(StringComparer.Ordinal)
            .Concat(trainBodyIds.Order(StringComparer.Ordinal).Select(id => train.Bodies[id]));
        var featurizer = new StanceFeaturizer(StanceVocabulary.Build(texts, vocabularySize));
        var bodies = new Dictionary<string, StanceBody>(StringComparer.Ordinal);
        var inputs = new List<SparseVector>(train.Pairs.Count);
        var labels = new List<int>(train.Pairs.Count);
        foreach (var pair in train.Pairs)
        {
            if (!bodies.TryGetValue(pair.BodyId, out var body)) bodies[pair.BodyId] = body = featurizer.ReadBody(train.Bodies[pair.BodyId]);
            inputs.Add(featurizer.Featurize(pair.Headline, body));
            labels.Add((int)pair.Stance!.Value);
        }

        var holdOutInputs = new List<SparseVector>(holdOut.Pairs.Count);
        foreach (var pair in holdOut.Pairs)
        {
            if (!bodies.TryGetValue(pair.BodyId, out var body)) bodies[pair.BodyId] = body = featurizer.ReadBody(holdOut.Bodies[pair.BodyId]);
            holdOutInputs.Add(featurizer.Featurize(pair.Headline, body));
        }

        var holdOutGold = holdOut.Pairs.Select(p => p.Stance!.Value).ToList();
        context.Out.WriteLine(FormattableString.Invariant(
            $"train {inputs.Count} pairs, hold-out {holdOutInputs.Count} pairs, vocabulary {featurizer.Vocabulary.Count}, dimension {featurizer.Dimension}; features in {watch.Elapsed.TotalSeconds:0.0} s; {options}"));

        StanceNetwork? best = null;
        var bestScore = double.NegativeInfinity;
        var bestEpoch = 0;
        StanceTrainer.Train(inputs, labels, featurizer.Dimension, options, (epoch, network) =>
        {
            var predicted = holdOutInputs.Select(x => (StanceLabel)StanceClassifier.ArgMax(network.Predict(x))).ToList();
            var score = FncScore.Of(holdOutGold, predicted);
            // The FNC score decides; macro-F1 breaks ties, since it weighs the rare disagree class.
            var objective = score.Relative + 0.01 * score.MacroF1;
            if (objective > bestScore)
            {
                (bestScore, bestEpoch, best) = (objective, epoch, StanceTrainer.Copy(network));
            }

            if (epoch % 5 == 0 || epoch == 1)
            {
                context.Out.WriteLine(FormattableString.Invariant(
                    $"epoch {epoch,3}: hold-out FNC {score.Relative * 100:0.00} macro-F1 {score.MacroF1:0.0000} ({watch.Elapsed.TotalSeconds:0} s)"));
            }
        }, cancellationToken);

        var classifier = new StanceClassifier(featurizer, best!);
        classifier.Save(output);
        StanceData.Print(context, $"best epoch {bestEpoch}, hold-out", FncScore.Of(holdOutGold, StanceData.Predict(classifier, holdOut)));
        context.Out.WriteLine($"model written to {Path.GetRelativePath(context.RepoRoot, output)} in {watch.Elapsed.TotalSeconds:0} s");
        return Task.FromResult(0);
    }
}
