using System.Diagnostics;
using System.Globalization;
using Dossier.Screening;
using Dossier.Screening.Importing;
using Dossier.Screening.Matching;

namespace Dossier.Bench;

/// <summary>
/// Watchlist screening: P/R/F1 and a precision-recall curve on the labelled name pairs (train and held-out halves),
/// recall@1 on yente's listed people and false hits on synthetic negatives against all staged lists, the watchman
/// cross-script pairs, and queries per second on one core. "screening fit" fits the matcher on the training halves only.
/// </summary>
public sealed class ScreeningBenchmark : IBenchmark
{
    public string Name => "screening";
    public string Description => "watchlist screening: pair F1 (train/held-out), yente recall@1 and false hits, cross-script, queries/s; 'screening fit' fits on train halves; --train-only hides held-out figures, --train-errors lists training errors";

    /// <summary>Print the training-split errors (never the held-out ones) to guide work on the matcher.</summary>
    private static bool ShowTrainErrors { get; set; }

    /// <summary>Print the training halves only, so that work on the matcher cannot be steered by held-out numbers.</summary>
    private static bool TrainOnly { get; set; }

    public async Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var root = context.SharedPath("bench", "screening");
        if (!Directory.Exists(root))
        {
            output.WriteLine($"no screening data under {root}");
            return 1;
        }

        var fit = args.Contains("fit");
        ShowTrainErrors = args.Contains("--train-errors");
        TrainOnly = args.Contains("--train-only");
        var fullNegatives = args.Contains("--full-negatives");
        output.WriteLine("Importing the staged lists:");
        var watch = Stopwatch.StartNew();
        var entries = await ScreeningBenchData.AllListsAsync(Path.Combine(root, "lists"), output, cancellationToken);
        var active = entries.Where(e => e.IsActive).ToList();
        output.WriteLine($"imported {entries.Count:N0} entries ({active.Count:N0} active) in {watch.Elapsed.TotalSeconds:0.0} s");
        watch.Restart();
        var screener = new WatchlistScreener(active);
        output.WriteLine($"index: {screener.NameCount:N0} names, built in {watch.Elapsed.TotalSeconds:0.0} s");

        var matching = Path.Combine(root, "matching");
        var nomenklatura = ScreeningBenchData.Nomenklatura(Path.Combine(matching, "nomenklatura"));
        var osPairs = ScreeningBenchData.OpenSanctionsPairs(Path.Combine(matching, "opensanctions_pairs"), useIdentifiers: true);
        var osPairsNamesOnly = ScreeningBenchData.OpenSanctionsPairs(Path.Combine(matching, "opensanctions_pairs"), useIdentifiers: false);

        var parameters = MatchingParameters.Default;
        if (fit)
        {
            parameters = Fit(screener, [.. nomenklatura.Where(p => p.Train), .. osPairs.Where(p => p.Train)], output);
            output.WriteLine("fitted parameters (Screening/Data/matching-parameters.tsv):");
            foreach (var (name, value) in parameters.Values()) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{value:0.###}"));
        }

        var comparer = new NameComparer(parameters, screener.Weights, new NicknameTable());
        var scorer = new PairScorer(comparer, screener.Normalizer);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Labelled pairs at threshold {parameters.Threshold:0.00} (train = fitted on, held-out = never used to fit):"));
        ReportPairs("nomenklatura (826; baseline logic-v2 F1 0.790)", nomenklatura, scorer, parameters.Threshold, output, byGroup: true);
        ReportPairs("OpenSanctions Pairs, name-matchable (620; names, countries, dates, ids)", osPairs, scorer, parameters.Threshold, output, byGroup: false);
        ReportPairs("OpenSanctions Pairs, name-matchable, without ids", osPairsNamesOnly, scorer, parameters.Threshold, output, byGroup: false);

        var fitted = new WatchlistScreener(active, parameters, screener.Normalizer);
        Yente(fitted, Path.Combine(matching, "yente"), fullNegatives, output);
        YenteQueries(Path.Combine(root, "lists", "opensanctions_ftm"), Path.Combine(matching, "yente"), parameters, output, cancellationToken);
        Watchman(scorer, fitted, Path.Combine(matching, "watchman"), parameters.Threshold, output);
        Speed(fitted, Path.Combine(matching, "yente"), output);
        return 0;
    }

    private static void ReportPairs(string title, List<LabelledPair> pairs, PairScorer scorer, double threshold, TextWriter output, bool byGroup)
    {
        var scored = pairs.Select(p => (Pair: p, Score: scorer.Score(p.Left, p.Right))).ToList();
        output.WriteLine($"- {title}");
        foreach (var (part, subset) in new[] { ("train", scored.Where(s => s.Pair.Train).ToList()), ("held-out", scored.Where(s => !s.Pair.Train).ToList()), ("all", scored) })
        {
            if (TrainOnly && part != "train") continue;
            output.WriteLine("    " + part.PadRight(9) + Metrics(subset.Select(s => (s.Score, s.Pair.Label)), threshold));
        }

        if (ShowTrainErrors)
        {
            foreach (var (pair, score) in scored.Where(s => s.Pair.Train && (s.Score >= threshold) != s.Pair.Label).Take(80))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      train error {(pair.Label ? "FN" : "FP")} {score:0.00} {pair.Group}: {string.Join(" | ", pair.Left.Names.Take(2))}  <>  {string.Join(" | ", pair.Right.Names.Take(2))}"));
            }
        }

        if (TrainOnly) return;
        if (byGroup)
        {
            foreach (var group in scored.Where(s => !s.Pair.Train).GroupBy(s => s.Pair.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine("      held-out " + group.Key.PadRight(16) + Metrics(group.Select(s => (s.Score, s.Pair.Label)), threshold));
            }
        }

        output.WriteLine("    precision-recall curve (held-out): " + string.Join("  ", Enumerable.Range(8, 11).Select(i => i * 0.05).Select(t =>
        {
            var (p, r, _) = Prf(scored.Where(s => !s.Pair.Train).Select(s => (s.Score, s.Pair.Label)), t);
            return string.Create(CultureInfo.InvariantCulture, $"{t:0.00}:P{p:0.00}/R{r:0.00}");
        })));
    }

    private static string Metrics(IEnumerable<(double Score, bool Label)> scored, double threshold)
    {
        var list = scored.ToList();
        var (p, r, f) = Prf(list, threshold);
        return string.Create(CultureInfo.InvariantCulture, $"n={list.Count,4}  P {p:0.000}  R {r:0.000}  F1 {f:0.000}");
    }

    private static (double P, double R, double F1) Prf(IEnumerable<(double Score, bool Label)> scored, double threshold)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (score, label) in scored)
        {
            var predicted = score >= threshold;
            if (predicted && label) tp++;
            else if (predicted) fp++;
            else if (label) fn++;
        }

        var p = tp + fp == 0 ? 1 : tp / (double)(tp + fp);
        var r = tp + fn == 0 ? 1 : tp / (double)(tp + fn);
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }

    /// <summary>Coordinate ascent over a few weights, each tried on a small grid, with the threshold re-chosen every time; training pairs only.</summary>
    private static MatchingParameters Fit(WatchlistScreener screener, List<LabelledPair> train, TextWriter output)
    {
        var grid = new Dictionary<string, double[]>
        {
            ["GenericWeight"] = [0.1, 0.2, 0.3, 0.5, 0.7],
            ["InitialWeight"] = [0.1, 0.3, 0.5],
            ["FuzzyMinimum"] = [0.6, 0.67, 0.72, 0.78, 0.84, 0.9],
            ["FuzzyExponent"] = [1, 2, 3, 5],
            ["OneEditSimilarity"] = [0, 0.85, 0.9, 0.95],
            ["NicknameSimilarity"] = [0.7, 0.9, 1],
            ["InitialSimilarity"] = [0.5, 0.8, 1],
            ["CoverageBlend"] = [0, 0.25, 0.5, 0.75, 1],
            ["TypeMismatchFactor"] = [0.3, 0.5, 0.7, 1],
            ["CountryMatchBonus"] = [0, 0.03, 0.06, 0.1],
            ["CountryMismatchPenalty"] = [0, 0.05, 0.1, 0.2, 0.3],
            ["BirthDateMatchBonus"] = [0, 0.05, 0.1, 0.2],
            ["BirthYearMismatchPenalty"] = [0.1, 0.2, 0.35, 0.5],
            ["IdentifierMatchBonus"] = [0, 0.1, 0.2, 0.3, 0.5],
            ["NumberMismatchFactor"] = [0.3, 0.5, 0.7, 1],
            ["GenericRemainderFloor"] = [0, 0.85, 0.9],
            ["ContainmentWeight"] = [0, 0.2, 0.4, 0.6, 0.8],
            ["ConflictPenalty"] = [0, 0.1, 0.2, 0.4, 0.6, 0.8, 1],
            ["PartConflictFactor"] = [0.5, 0.7, 0.85, 1],
            ["SisterCompanyFactor"] = [0.6, 0.75, 0.85, 0.9, 1],
        };
        var current = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in MatchingParameters.Default.Values()) current[name] = value;
        var (bestObjective, bestThreshold) = Evaluate(screener, train, current);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit: start objective {bestObjective:0.0000} at {bestThreshold:0.00}"));
        for (var round = 0; round < 2; round++)
        {
            foreach (var (name, values) in grid)
            {
                foreach (var value in values)
                {
                    var trial = new Dictionary<string, double>(current, StringComparer.Ordinal) { [name] = value };
                    var (objective, threshold) = Evaluate(screener, train, trial);
                    if (objective <= bestObjective + 1e-9) continue;
                    bestObjective = objective;
                    bestThreshold = threshold;
                    current = trial;
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit: round {round + 1} objective {bestObjective:0.0000} at {bestThreshold:0.00}"));
        }

        current["Threshold"] = bestThreshold;
        return MatchingParameters.With(MatchingParameters.Default, current);
    }

    /// <summary>The mean of the per-set F1 on the training pairs at the best shared threshold.</summary>
    private static (double Objective, double Threshold) Evaluate(WatchlistScreener screener, List<LabelledPair> train, Dictionary<string, double> values)
    {
        var parameters = MatchingParameters.With(MatchingParameters.Default, values);
        var scorer = new PairScorer(new NameComparer(parameters, screener.Weights, new NicknameTable()), screener.Normalizer);
        var scored = train.Select(p => (p.Set, Score: scorer.Score(p.Left, p.Right), p.Label)).ToList();
        var sets = scored.GroupBy(s => s.Set).ToList();
        var best = (Objective: -1.0, Threshold: 0.7);
        for (var t = 0.40; t <= 0.951; t += 0.01)
        {
            var threshold = t;
            var objective = sets.Average(set => Prf(set.Select(s => (s.Score, s.Label)), threshold).F1);
            if (objective > best.Objective) best = (objective, Math.Round(threshold, 2));
        }

        return best;
    }

    private static void Yente(WatchlistScreener screener, string folder, bool fullNegatives, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("yente fixtures against all staged lists (a hit = a candidate at or above the threshold):");
        var untreated = ScreeningBenchData.Csv(Path.Combine(folder, "positives_un_untreated.csv")).ToList();
        var treated = ScreeningBenchData.Csv(Path.Combine(folder, "positives_un_treated.csv")).ToList();
        foreach (var (title, rows) in new[] { ("UN listed people, as listed", untreated), ("UN listed people, treated (typos, reordering, dates +-1)", treated) })
        {
            int correct = 0, total = 0;
            for (var i = 0; i < rows.Count && i < untreated.Count; i++)
            {
                total++;
                var expected = Key(screener, untreated[i].Get("full_name"));
                var top = screener.Screen(Query(rows[i]), limit: 1, explain: false).FirstOrDefault();
                if (top is not null && top.Entry.Names.Any(n => Key(screener, n) == expected)) correct++;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {title}: recall@1 {correct / (double)total:0.000} ({correct}/{total})"));
        }

        var negativeFiles = fullNegatives ? new[] { "negatives_global_50000.csv.gz", "negatives_us_50000.csv.gz" } : ["negatives_global_1000.csv", "negatives_us_1000.csv"];
        foreach (var file in negativeFiles)
        {
            var rows = ScreeningBenchData.Csv(Path.Combine(folder, file)).ToList();
            var examples = new List<string>();
            var hits = 0;
            foreach (var row in rows)
            {
                var top = screener.Screen(Query(row), limit: 1, explain: false).FirstOrDefault();
                if (top is null) continue;
                hits++;
                if (examples.Count < 3) examples.Add(string.Create(CultureInfo.InvariantCulture, $"'{row.Get("full_name")}' -> '{top.MatchedName}' {top.Score:0.00}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- synthetic negatives {file}: false hits on {hits / (double)rows.Count:0.000} ({hits}/{rows.Count}){(examples.Count > 0 ? "; e.g. " + string.Join("; ", examples) : "")}"));
        }
    }

    private static ScreeningQuery Query(IReadOnlyDictionary<string, string> row) =>
        new(row.Get("full_name"), EntryKind.Person, row.Get("nationality") is { Length: > 0 } n ? [n] : null, row.Get("date_of_birth") is { Length: >= 4 } d ? d : null);

    private static string Key(WatchlistScreener screener, string name) =>
        string.Join(' ', screener.Normalizer.Normalize(name, true).Tokens.Select(t => t.Text).Order(StringComparer.Ordinal));

    private static void YenteQueries(string ftmFolder, string yenteFolder, MatchingParameters parameters, TextWriter output, CancellationToken cancellationToken)
    {
        var result = new Screening.Importing.WatchlistImporter().ReadFileAsync(Path.Combine(ftmFolder, "yente_fixture_zala.ftm.jsonl"), cancellationToken).GetAwaiter().GetResult();
        var screener = new WatchlistScreener(result.Versions.SelectMany(v => v.Entries), parameters);
        output.WriteLine($"- yente test queries against the zala fixture ({screener.EntryCount} matchable entities); settings our matcher has no switch for are marked n/a:");
        foreach (var row in ScreeningBenchData.Csv(Path.Combine(yenteFolder, "yente_test_queries.csv")))
        {
            var settings = row.Get("settings");
            var applicable = !settings.Contains("FUZZY=false", StringComparison.Ordinal) && !settings.Contains("exclude_entity_ids", StringComparison.Ordinal);
            var names = row.Get("query_names").Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var query = new ScreeningQuery(names[0], row.Get("schema") == "Person" ? EntryKind.Person : EntryKind.Unknown,
                row.Get("country") is { Length: > 0 } c ? [c] : null, row.Get("birth_date") is { Length: > 0 } b ? b : null, names.Skip(1).ToList());
            var threshold = settings.Contains("threshold=0.2", StringComparison.Ordinal) ? 0.2 : parameters.Threshold;
            var candidates = screener.Screen(query, limit: 3, minimumScore: threshold, explain: false);
            var top = candidates.FirstOrDefault();
            var expectation = row.Get("expectation");
            var pass = expectation.StartsWith("top1", StringComparison.Ordinal) ? top?.Entry.Id == row.Get("expected_id")
                : expectation.StartsWith("nonempty", StringComparison.Ordinal) ? candidates.Any(x => x.Entry.Id == row.Get("expected_id"))
                : top is null;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {row.Get("query_id")} {expectation,-12} {(applicable ? pass ? "pass" : "FAIL" : "n/a ")}  top: {(top is null ? "none" : $"{top.Entry.Id} {top.Score:0.00}")}"));
        }
    }

    private static void Watchman(PairScorer scorer, WatchlistScreener screener, string folder, double threshold, TextWriter output)
    {
        output.WriteLine();
        var lines = File.ReadLines(Path.Combine(folder, "cross_script_pairs.csv")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(',')).Where(p => p.Length >= 2).ToList();
        var scores = lines.Select(p => (Query: p[0], Expected: p[1], Score: scorer.Score(new PairSide([p[0]], PartyAttributes.None), new PairSide([p[1]], PartyAttributes.None)))).ToList();
        var above = scores.Count(s => s.Score >= threshold);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"watchman cross-script pairs: {above}/{scores.Count} at or above the threshold, mean score {scores.Average(s => s.Score):0.000}; below: {string.Join("; ", scores.Where(s => s.Score < threshold).Select(s => $"{s.Query}/{s.Expected} {s.Score:0.00}"))}"));

        var variants = ScreeningBenchData.Csv(Path.Combine(folder, "accuracy_index_variants.csv")).ToList();
        var index = variants.GroupBy(r => r.Get("entry_id")).Select(g => new WatchlistEntry(g.Key, "watchman", g.First().Get("canonical_name"), [], EntryKind.Person, [], [], null, null)).ToList();
        var small = new WatchlistScreener(index, screener.Comparer.Parameters, screener.Normalizer);
        var queries = variants.Where(r => r.Get("variant").Length > 0).ToList();
        var atOne = queries.Count(r => small.Screen(new ScreeningQuery(r.Get("variant")), limit: 1, minimumScore: 0, explain: false).FirstOrDefault()?.Entry.Id == r.Get("entry_id"));
        output.WriteLine($"watchman accuracy index: precision@1 {atOne}/{queries.Count}");
    }

    private static void Speed(WatchlistScreener screener, string folder, TextWriter output)
    {
        var names = ScreeningBenchData.Csv(Path.Combine(folder, "negatives_global_1000.csv")).Concat(ScreeningBenchData.Csv(Path.Combine(folder, "negatives_us_1000.csv")))
            .Concat(ScreeningBenchData.Csv(Path.Combine(folder, "positives_un_treated.csv"))).Select(Query).ToList();
        foreach (var query in names.Take(200)) screener.Screen(query, explain: false);
        // Wall time counts waits for a shared machine's other work; the thread's own CPU time is what one core spends.
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var found = 0;
        foreach (var query in names) found += screener.Screen(query, explain: false).Count;
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"speed: {names.Count:N0} person queries against {screener.EntryCount:N0} entries ({screener.NameCount:N0} names), one thread: {names.Count / seconds:N0} queries/s wall, {names.Count / cpuSeconds:N0} queries per CPU-second (process CPU time, GC included) ({found} hits)"));
    }
}
