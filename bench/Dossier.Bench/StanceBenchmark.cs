using System.Diagnostics;
using Dossier.Linking.Stance;

namespace Dossier.Bench;

/// <summary>
/// The stance model in models/stance on the FNC-1 hold-out split (used for tuning), the competition test set
/// (official weighted score, macro-F1, per-class F1) and the Emergent test set (accuracy, macro-F1).
/// </summary>
public sealed class StanceBenchmark : IBenchmark
{
    public string Name => "stance";
    public string Description => "stance model (models/stance): FNC-1 hold-out and competition test (weighted score, macro-F1), Emergent test accuracy";

    public async Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var folder = StanceData.Fnc(context);
        var modelDirectory = args.Length > 0 ? args[0] : Path.Combine(context.RepoRoot, "models", "stance");
        if (!File.Exists(Path.Combine(folder, "competition_test_stances.csv")) || !File.Exists(Path.Combine(modelDirectory, StanceClassifier.NetworkFile)))
        {
            context.Out.WriteLine($"need FNC-1 data under {folder} and a model in {modelDirectory}");
            return 1;
        }

        var classifier = await StanceClassifier.LoadAsync(modelDirectory, cancellationToken);
        var watch = Stopwatch.StartNew();
        var (_, holdOut) = StanceData.ReadTraining(folder);
        StanceData.Print(context, "FNC-1 hold-out (tuning split)", FncScore.Of(holdOut.Pairs.Select(p => p.Stance!.Value).ToList(), StanceData.Predict(classifier, holdOut)));
        var test = StanceData.ReadCompetitionTest(folder);
        var predicted = StanceData.Predict(classifier, test);
        var score = FncScore.Of(test.Pairs.Select(p => p.Stance!.Value).ToList(), predicted);
        StanceData.Print(context, "FNC-1 competition test", score);
        context.Out.WriteLine("confusion (rows gold, columns predicted: agree disagree discuss unrelated)");
        for (var g = 0; g < 4; g++) context.Out.WriteLine($"  {(StanceLabel)g,-10} {score.Confusion[g, 0],6} {score.Confusion[g, 1],6} {score.Confusion[g, 2],6} {score.Confusion[g, 3],6}");
        context.Out.WriteLine(FormattableString.Invariant($"test pairs: {test.Pairs.Count}; {test.Pairs.Count / watch.Elapsed.TotalSeconds:0} pairs/s overall"));

        var emergent = Path.Combine(StanceData.Emergent(context), "url-versions-2015-06-14-clean-test.csv");
        if (File.Exists(emergent)) Emergent(context, classifier, emergent);
        return 0;
    }

    /// <summary>
    /// Emergent pairs a claim with an article headline (for / against / observing). The FNC-1 model reads the claim as
    /// the headline and the article headline as the body; its related classes map to Emergent's, and the decision is
    /// taken among those three (Emergent has no unrelated pairs).
    /// </summary>
    private static void Emergent(BenchContext context, StanceClassifier classifier, string path)
    {
        using var reader = new StreamReader(path);
        var records = Csv.Read(reader).ToList();
        var header = records[0];
        int Column(string name) => Array.IndexOf(header, name);
        var (claim, headline, stance) = (Column("claimHeadline"), Column("articleHeadline"), Column("articleHeadlineStance"));
        var labels = new[] { "for", "against", "observing" };
        var confusion = new int[3, 3];
        var correct = 0;
        var total = 0;
        foreach (var record in records.Skip(1).Where(r => r.Length > Math.Max(claim, Math.Max(headline, stance))))
        {
            var gold = Array.IndexOf(labels, record[stance]);
            if (gold < 0) continue;
            var probabilities = classifier.Probabilities(record[claim], classifier.Featurizer.ReadBody(record[headline]));
            var guess = StanceClassifier.ArgMax(probabilities.AsSpan(0, 3));
            confusion[gold, guess]++;
            total++;
            if (guess == gold) correct++;
        }

        var f1 = Enumerable.Range(0, 3).Select(c =>
        {
            var predicted = Enumerable.Range(0, 3).Sum(g => confusion[g, c]);
            var actual = Enumerable.Range(0, 3).Sum(p => confusion[c, p]);
            var precision = predicted == 0 ? 0 : (double)confusion[c, c] / predicted;
            var recall = actual == 0 ? 0 : (double)confusion[c, c] / actual;
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }).ToList();
        context.Out.WriteLine(FormattableString.Invariant(
            $"Emergent test (FNC-1 model, no Emergent training): accuracy {(double)correct / total:0.0000} ({correct} of {total}); macro-F1 {f1.Average():0.0000}; F1 for {f1[0]:0.000} against {f1[1]:0.000} observing {f1[2]:0.000}"));
    }
}
