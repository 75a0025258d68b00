using System.Globalization;
using System.Text;
using Dossier.Quotes;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>
/// Trains the quote stage's cue model (<see cref="CueModel"/>) on PolNeAR train: an averaged perceptron that tells,
/// for every word token, whether it heads an annotated cue (the cue's first word after auxiliaries and adverbs such
/// as "has", "also"). Deterministic: articles in ordinal order, tokens in text order, no sampling.
/// Writes models/quotes/cue-model.tsv. Usage: attribution-cue-model [--epochs N] [OUTPUT], or attribution-cue-model --eval SPLIT to score the shipped model's cue heads
/// </summary>
public sealed class AttributionCueModelTraining : IBenchmark
{
    /// <summary>Features seen fewer times than this in train are dropped: their weights would only memorise.</summary>
    internal const int MinFeatureCount = 3;

    public string Name => "attribution-cue-model";
    public string Description => "train the quote stage's cue model (averaged perceptron) on PolNeAR train into models/quotes/cue-model.tsv";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var evalIndex = Array.IndexOf(args, "--eval");
        var split = evalIndex >= 0 && evalIndex + 1 < args.Length ? args[evalIndex + 1] : "train";
        if (AttributionCorpus.SplitFolder(context, split) is not { } folder) return Task.FromResult(1);

        if (evalIndex >= 0) return Task.FromResult(Evaluate(context.Out, folder, cancellationToken));

        var epochsIndex = Array.IndexOf(args, "--epochs");
        var epochs = epochsIndex >= 0 && epochsIndex + 1 < args.Length ? int.Parse(args[epochsIndex + 1], CultureInfo.InvariantCulture) : 5;
        var output = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--epochs")).FirstOrDefault()
                     ?? Path.Combine(context.RepoRoot, "models", "quotes", "cue-model.tsv");

        var tokenizer = new Tokenizer();
        var examples = new PerceptronExamples();
        var articles = 0;
        foreach (var article in AttributionCorpus.Read(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            articles++;
            var tokens = tokenizer.Tokenize(article.Text);
            var words = new TokenWords(article.Text, tokens);
            var heads = CueHeads(article, words);

            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].Kind != TokenKind.Word) continue;
                examples.Add(CueModel.Features(words, i), heads.Contains(i));
            }
        }

        var written = examples.TrainAndWrite(output, string.Create(CultureInfo.InvariantCulture,
            $"averaged perceptron, PolNeAR train ({articles} articles, {examples.Count} word tokens, {examples.Positives} cue heads), {epochs} epochs, features seen >= {MinFeatureCount} times"), epochs);
        context.Out.WriteLine($"{articles} articles, {examples.Count} tokens, {examples.Positives} cue heads; {written} weights written to {output}");
        return Task.FromResult(0);
    }

    /// <summary>The token heading each gold cue: its first word that is not an auxiliary or adverb ("has also said" → said).</summary>
    private static HashSet<int> CueHeads(AttributionArticle article, TokenWords words)
    {
        var lexicon = QuoteLexicon.Default;
        var tokens = words.Tokens;
        var heads = new HashSet<int>();
        foreach (var cue in article.Attributions.Select(a => a.Cue).OfType<BratSpan>())
        {
            var (start, end) = cue.Fragments[0];
            var t = words.IndexAtOrAfter(start);
            while (t < tokens.Length && tokens[t].Span.Start < end &&
                   (tokens[t].Kind != TokenKind.Word || lexicon.SkipBeforeCue.Contains(words.Lower(t)) || words.IsAdverb(t))) t++;
            if (t < tokens.Length && tokens[t].Span.Start < end) heads.Add(t);
        }

        return heads;
    }

    /// <summary>Cue-head precision and recall of the shipped model on a split, at a few thresholds, and the most missed heads.</summary>
    private static int Evaluate(TextWriter output, string folder, CancellationToken cancellationToken)
    {
        var model = CueModel.Default;
        var tokenizer = new Tokenizer();
        double[] thresholds = [-2, -1, -0.5, 0, 0.5, 1, 2];
        var truePositives = new int[thresholds.Length];
        var predicted = new int[thresholds.Length];
        var gold = 0;
        var missed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var article in AttributionCorpus.Read(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tokens = tokenizer.Tokenize(article.Text);
            var words = new TokenWords(article.Text, tokens);
            var heads = CueHeads(article, words);
            gold += heads.Count;
            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].Kind != TokenKind.Word) continue;
                var score = model.Score(words, i);
                for (var k = 0; k < thresholds.Length; k++)
                {
                    if (score <= thresholds[k]) continue;
                    predicted[k]++;
                    if (heads.Contains(i)) truePositives[k]++;
                }

                if (heads.Contains(i) && score <= 0) missed[words.Lower(i)] = missed.GetValueOrDefault(words.Lower(i)) + 1;
            }
        }

        output.WriteLine($"{model.FeatureCount} weights; {gold} gold cue heads");
        for (var k = 0; k < thresholds.Length; k++)
        {
            double p = predicted[k] == 0 ? 0 : (double)truePositives[k] / predicted[k], r = gold == 0 ? 0 : (double)truePositives[k] / gold;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threshold {thresholds[k],5:F1}: P {p:F3} R {r:F3} F1 {(p + r == 0 ? 0 : 2 * p * r / (p + r)):F3} ({predicted[k]} predicted)"));
        }

        output.WriteLine("most missed at 0: " + string.Join(", ", missed.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Take(30).Select(m => $"{m.Key} {m.Value}")));
        return 0;
    }

    /// <summary>Binary averaged perceptron (lazy averaging: each weight keeps the sum of its updates weighted by their time).</summary>
    internal static float[] Train(List<int[]> rows, List<bool> labels, List<int> featureCounts, int epochs)
    {
        var weights = new double[featureCounts.Count];
        var timed = new double[featureCounts.Count];
        var time = 1L;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            for (var r = 0; r < rows.Count; r++, time++)
            {
                var row = rows[r];
                double score = 0;
                foreach (var id in row)
                {
                    if (featureCounts[id] >= MinFeatureCount) score += weights[id];
                }

                var gold = labels[r] ? 1 : -1;
                if (gold * score > 0) continue;
                foreach (var id in row)
                {
                    if (featureCounts[id] < MinFeatureCount) continue;
                    weights[id] += gold;
                    timed[id] += gold * time;
                }
            }
        }

        var averaged = new float[weights.Length];
        for (var id = 0; id < weights.Length; id++) averaged[id] = (float)(weights[id] - timed[id] / time);
        return averaged;
    }
}
