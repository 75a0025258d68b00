namespace Dossier.Linking.Stance;

/// <summary>The FNC-1 official weighted score (relative to the gold labels' own score), macro-F1 and per-class F1.</summary>
public sealed record FncScore(double Relative, double Raw, double Max, double MacroF1, IReadOnlyList<double> ClassF1, int[,] Confusion)
{
    public static FncScore Of(IReadOnlyList<StanceLabel> gold, IReadOnlyList<StanceLabel> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        if (gold.Count != predicted.Count) throw new ArgumentException("One prediction per gold label.", nameof(predicted));
        double raw = 0, max = 0;
        var confusion = new int[4, 4];
        for (var i = 0; i < gold.Count; i++)
        {
            var g = gold[i];
            var p = predicted[i];
            confusion[(int)g, (int)p]++;
            max += g == StanceLabel.Unrelated ? 0.25 : 1.0;
            if (g == StanceLabel.Unrelated && p == StanceLabel.Unrelated) raw += 0.25;
            if (g != StanceLabel.Unrelated && p != StanceLabel.Unrelated)
            {
                raw += 0.25;
                if (g == p) raw += 0.75;
            }
        }

        var f1 = new double[4];
        for (var c = 0; c < 4; c++)
        {
            var truePositive = confusion[c, c];
            var predictedCount = 0;
            var goldCount = 0;
            for (var k = 0; k < 4; k++)
            {
                predictedCount += confusion[k, c];
                goldCount += confusion[c, k];
            }

            var precision = predictedCount == 0 ? 0 : (double)truePositive / predictedCount;
            var recall = goldCount == 0 ? 0 : (double)truePositive / goldCount;
            f1[c] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        return new FncScore(max == 0 ? 0 : raw / max, raw, max, f1.Average(), f1, confusion);
    }
}
