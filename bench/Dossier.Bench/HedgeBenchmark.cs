using System.Globalization;
using Dossier.Claims;
using Dossier.Documents;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>Sentence-level uncertainty F1 and cue-level F1 of the hedge lexicon on the WikiWeasel test documents.</summary>
public sealed class HedgeBenchmark : IBenchmark
{
    public string Name => "hedges";
    public string Description => "hedge cues: WikiWeasel test split, sentence-level uncertainty F1 and cue-level F1";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var documents = HedgeCorpus.TryLoad(context);
        if (documents is null)
        {
            context.Out.WriteLine($"no WikiWeasel data under {HedgeCorpus.Folder(context)}");
            return Task.FromResult(1);
        }

        var test = documents.Where(d => d.Split == "test").SelectMany(d => d.Sentences).ToList();
        var learned = new HedgeLexicon(HedgeLexicon.ParseLines(File.ReadLines(Path.Combine(context.RepoRoot, "models", "hedges", "hedge-cues.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))));
        context.Out.WriteLine($"test: {test.Count:N0} sentences, {test.Count(s => s.Cues.Length > 0):N0} uncertain, {test.Sum(s => s.Cues.Length):N0} cues");
        Report(context.Out, "learned lexicon (models/hedges)", HedgeScorer.Score(learned, test));
        Report(context.Out, "shipped lexicon (learned + news hedges)", HedgeScorer.Score(HedgeLexicon.Default, test));
        return Task.FromResult(0);
    }

    private static void Report(TextWriter output, string name, HedgeScores scores) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: sentence P {scores.Sentence.Precision:F3} R {scores.Sentence.Recall:F3} F1 {scores.Sentence.F1:F3}; cue P {scores.Cue.Precision:F3} R {scores.Cue.Recall:F3} F1 {scores.Cue.F1:F3}"));
}

/// <summary>Learns the hedge lexicon from the WikiWeasel training documents and writes models/hedges/hedge-cues.tsv.</summary>
public sealed class HedgeTrainBenchmark : IBenchmark
{
    private static readonly double[] Thresholds = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7];
    private static readonly int[] MinimumCounts = [1, 2, 3, 5];
    private const int Folds = 5;

    public string Name => "hedges-train";
    public string Description => "learn the hedge cue lexicon from WikiWeasel train (5-fold CV inside train picks the thresholds)";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var documents = HedgeCorpus.TryLoad(context);
        if (documents is null)
        {
            context.Out.WriteLine($"no WikiWeasel data under {HedgeCorpus.Folder(context)}");
            return Task.FromResult(1);
        }

        var train = documents.Where(d => d.Split == "train").ToList();
        var best = (F1: -1.0, Threshold: 0.0, Minimum: 0);
        foreach (var minimum in MinimumCounts)
        {
            var foldLexicons = Enumerable.Range(0, Folds)
                .Select(fold => HedgeLexiconLearner.Learn(train.Where(d => HedgeCorpus.Fold(d.Id, Folds) != fold).SelectMany(d => d.Sentences), minimum))
                .ToList();
            foreach (var threshold in Thresholds)
            {
                var f1 = Enumerable.Range(0, Folds).Average(fold => HedgeScorer.Score(
                    new HedgeLexicon(foldLexicons[fold].Select(e => e.Cue), threshold),
                    [.. train.Where(d => HedgeCorpus.Fold(d.Id, Folds) == fold).SelectMany(d => d.Sentences)]).Sentence.F1);
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"min annotated {minimum}, min precision {threshold:F2}: CV sentence F1 {f1:F3}"));
                if (f1 > best.F1) best = (f1, threshold, minimum);
            }
        }

        var learned = HedgeLexiconLearner.Learn(train.SelectMany(d => d.Sentences), best.Minimum).Where(e => e.Cue.Precision >= best.Threshold).ToList();
        var path = Path.Combine(context.RepoRoot, "models", "hedges", "hedge-cues.tsv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine("# Hedge cues learned from WikiWeasel (Szeged Uncertainty Corpus, Wikipedia) train split; see README.md.");
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# min annotated {best.Minimum}, min precision {best.Threshold:F2} (chosen by 5-fold CV on train: sentence F1 {best.F1:F3})"));
            writer.WriteLine("# cue\tprecision\tannotated\toccurrences");
            foreach (var (cue, annotated, occurrences) in learned)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cue.Text}\t{cue.Precision:F4}\t{annotated}\t{occurrences}"));
            }
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chose min annotated {best.Minimum}, min precision {best.Threshold:F2} (CV F1 {best.F1:F3}); wrote {learned.Count} cues to models/hedges/hedge-cues.tsv"));
        return Task.FromResult(0);
    }
}

internal sealed record PrecisionRecall(int TruePositives, int Predicted, int Gold)
{
    public double Precision => Predicted == 0 ? 0 : TruePositives / (double)Predicted;
    public double Recall => Gold == 0 ? 0 : TruePositives / (double)Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

internal sealed record HedgeScores(PrecisionRecall Sentence, PrecisionRecall Cue);

internal static class HedgeScorer
{
    public static HedgeScores Score(HedgeLexicon lexicon, IReadOnlyList<HedgeTrainingSentence> sentences)
    {
        var tokenizer = new Tokenizer();
        int sentenceHit = 0, sentencePredicted = 0, sentenceGold = 0, cueHit = 0, cuePredicted = 0, cueGold = 0;
        foreach (var sentence in sentences)
        {
            var tokens = tokenizer.Tokenize(sentence.Text);
            var predicted = lexicon.Find(sentence.Text, tokens, 0, tokens.Length).Select(found => found.Span).ToHashSet();
            var gold = sentence.Cues.Select(cue => ToTokenSpan(tokens, cue)).Where(span => span is not null).Select(span => span!.Value).ToHashSet();
            if (predicted.Count > 0) sentencePredicted++;
            if (sentence.Cues.Length > 0) sentenceGold++;
            if (predicted.Count > 0 && sentence.Cues.Length > 0) sentenceHit++;
            cuePredicted += predicted.Count;
            cueGold += sentence.Cues.Length;
            cueHit += predicted.Count(gold.Contains);
        }

        return new HedgeScores(new PrecisionRecall(sentenceHit, sentencePredicted, sentenceGold), new PrecisionRecall(cueHit, cuePredicted, cueGold));
    }

    private static TextSpan? ToTokenSpan(IReadOnlyList<Token> tokens, TextSpan cue)
    {
        var inside = tokens.Where(t => t.Span.Overlaps(cue)).ToList();
        return inside.Count == 0 ? null : new TextSpan(inside[0].Span.Start, inside[^1].Span.End);
    }
}
