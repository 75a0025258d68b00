using System.Diagnostics;
using System.Globalization;
using Dossier.Linking;

namespace Dossier.Bench;

/// <summary>
/// Story clustering precision and recall (pairwise) on a rewrite test set built from Reuters-21578. The similarity
/// threshold is chosen on the dev articles (files 000–010) and the test articles (files 011–021) are scored once.
/// </summary>
public sealed class LinkingStoriesBenchmark : IBenchmark
{
    public string Name => "stories";
    public string Description => "story clustering (MinHash/LSH) precision/recall on a Reuters rewrite set: tuned on dev files, scored on test files";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var folder = LinkingCorpus.Folder(context);
        if (!Directory.Exists(folder))
        {
            context.Out.WriteLine($"no Reuters-21578 text under {folder}");
            return Task.FromResult(1);
        }

        var perSplit = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var articles = LinkingCorpus.Read(folder, minWords: 60);
        var dev = articles.Where(a => string.CompareOrdinal(a.File, "reut2-011") < 0).Take(perSplit).ToList();
        var test = articles.Where(a => string.CompareOrdinal(a.File, "reut2-011") >= 0).Take(perSplit).ToList();
        var devItems = LinkingRewrites.Build(dev, seed: 11);
        var testItems = LinkingRewrites.Build(test, seed: 23);
        context.Out.WriteLine($"dev: {dev.Count} stories, {devItems.Count} articles; test: {test.Count} stories, {testItems.Count} articles");

        if (args.Contains("--errors"))
        {
            var byId = devItems.ToDictionary(i => i.Id);
            var shown = 0;
            foreach (var story in new StoryClusterer().Cluster(devItems.Select(i => new StoryInput(i.Id, i.Text)).ToList()))
            {
                if (story.DocumentIds.Select(id => byId[id].StoryId).Distinct().Count() < 2 || shown++ > 6) continue;
                foreach (var id in story.DocumentIds) context.Out.WriteLine($"  {id}: {byId[id].Text[..Math.Min(300, byId[id].Text.Length)].ReplaceLineEndings(" ")}");
                context.Out.WriteLine("---");
            }
        }

        var best = (Threshold: 0.0, F1: -1.0);
        foreach (var threshold in new[] { 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7 })
        {
            var score = Score(devItems, new StoryClusteringOptions { Threshold = threshold });
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dev  threshold {threshold:0.00}: precision {score.Precision:0.0000} recall {score.Recall:0.0000} F1 {score.F1:0.0000}"));
            if (score.F1 > best.F1) best = (threshold, score.F1);
        }

        var watch = Stopwatch.StartNew();
        var final = Score(testItems, new StoryClusteringOptions { Threshold = best.Threshold });
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test threshold {best.Threshold:0.00} (chosen on dev): precision {final.Precision:0.0000} recall {final.Recall:0.0000} F1 {final.F1:0.0000} ({final.Predicted} stories predicted, {final.Gold} true; {watch.Elapsed.TotalSeconds:0.00} s)"));
        return Task.FromResult(0);
    }

    private static (double Precision, double Recall, double F1, int Predicted, int Gold) Score(List<LinkingRewrites.Item> items, StoryClusteringOptions options)
    {
        var clusterer = new StoryClusterer(options);
        var stories = clusterer.Cluster(items.Select(i => new StoryInput(i.Id, i.Text)).ToList());
        var gold = items.ToDictionary(i => i.Id, i => i.StoryId);
        long predictedPairs = 0, goldPairs = 0, both = 0;
        foreach (var story in stories)
        {
            predictedPairs += Pairs(story.DocumentIds.Count);
            foreach (var group in story.DocumentIds.GroupBy(id => gold[id])) both += Pairs(group.Count());
        }

        foreach (var group in items.GroupBy(i => i.StoryId)) goldPairs += Pairs(group.Count());
        var precision = predictedPairs == 0 ? 1 : (double)both / predictedPairs;
        var recall = goldPairs == 0 ? 1 : (double)both / goldPairs;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1, stories.Count, items.Select(i => i.StoryId).Distinct().Count());
    }

    private static long Pairs(int n) => (long)n * (n - 1) / 2;
}
