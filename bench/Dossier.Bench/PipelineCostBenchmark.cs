using System.Diagnostics;
using System.Globalization;
using Dossier.Analysis;
using Dossier.Ingestion;
using Dossier.Linking;
using Dossier.Pipeline;
using Dossier.Screening;
using Dossier.Storage;
using Dossier.Storage.Sqlite;

namespace Dossier.Bench;

/// <summary>
/// What one article costs end to end (HTML file → extraction, every stage, stored in SQLite, its entities screened
/// against every staged list, stories and claim links recomputed), beside readability-lxml's extraction alone on the
/// same pages, in one run. CPU seconds of each side's own work: start-up, reading the benchmark files and building
/// the screening index once are left out of both.
/// </summary>
public sealed class PipelineCostBenchmark : IBenchmark
{
    public string Name => "pipeline-cost";
    public string Description => "CPU per article of Dossier's whole analysis (HTML to stored, screened, linked) vs readability-lxml's extraction alone";

    /// <summary>`--warm-up N`: how many untimed passes come first (default 6); a long `dossier analyze` run has analysed
    /// thousands of articles, so more passes show where its steady state lies.</summary>
    private static int WarmUpPasses(string[] args)
    {
        var at = Array.IndexOf(args, "--warm-up");
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var passes) && passes >= 0 ? passes : 6;
    }

    public async Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var pagesFolder = context.SharedPath("bench", "extraction", "scrapinghub");
        if (!File.Exists(Path.Combine(pagesFolder, "ground-truth.json")))
        {
            output.WriteLine($"no benchmark data under {pagesFolder}");
            return 1;
        }

        var pages = ScrapinghubPages.Load(pagesFolder);
        var work = Directory.CreateTempSubdirectory("dossier-pipeline-cost-");
        try
        {
            // Two halves of the pages, each measured by a pipeline that warmed up on the other half only: a long `dossier
            // analyze` builds one pipeline and keeps it (regex automata, compiled code, caches warm as it goes), so the
            // steady state is a pipeline that has seen many articles, but never the ones it is measured on.
            var halves = new[] { pages.Where((_, i) => i % 2 == 0).ToList(), pages.Where((_, i) => i % 2 == 1).ToList() };
            var folders = new string[halves.Length];
            for (var h = 0; h < halves.Length; h++)
            {
                folders[h] = Directory.CreateDirectory(Path.Combine(work.FullName, $"pages-{h}")).FullName;
                foreach (var page in halves[h]) await File.WriteAllBytesAsync(Path.Combine(folders[h], page.Id + ".html"), page.Html, cancellationToken);
            }

            output.WriteLine($"pages: {pages.Count} ({pages.Sum(p => (long)p.Html.Length) / 1_048_576.0:0.0} MiB of HTML), measured in two halves of {halves[0].Count} and {halves[1].Count}");

            var listsFolder = context.SharedPath("bench", "screening", "lists");
            var entries = Directory.Exists(listsFolder) ? await ScreeningBenchData.AllListsAsync(listsFolder, TextWriter.Null, cancellationToken) : [];
            var screener = new WatchlistScreener(entries);
            output.WriteLine($"screening against {entries.Count:N0} list entries");

            // Untimed passes come first, so that compiling the code is not counted as work per article: with tiered
            // compilation a method is recompiled optimised only after many calls, in the background, and a first pass still
            // leaves thousands of methods to compile in the next one. Measured on a quiet machine, the measured pass still
            // spent 2.4 ms per article compiling after two passes and 0.7 ms after six, so six passes over the other half is
            // the default. What compiling remains is printed (--jit names the methods): code a measured page reaches first
            // (markup the other half lacks) and steps run once per pass (opening the store, screening, linking), which in
            // `dossier analyze` run once per run. The bench imports the dossier command's runtime settings
            // (src/Dossier.Cli/RuntimeSettings.props, where the choice is explained); builds are not ReadyToRun.
            var warmUpPasses = WarmUpPasses(args);
            output.WriteLine($"warm-up: {warmUpPasses} passes over the other half before each half is measured, by the same pipeline");
            using var jit = args.Contains("--jit") ? new PipelineCostJit() : null;
            using var allocations = args.Contains("--allocations") ? new PipelineCostAllocations() : null;
            var threads = new PipelineCostThreads();
            DossierCost? ours = null;
            var stages = new List<IReadOnlyList<PipelineCostStages.StageCost>>();
            for (var h = 0; h < halves.Length; h++)
            {
                var other = folders[1 - h];
                var pipeline = await WarmedUpAsync(other, warmUpPasses, work.FullName, $"{h}", screener, cancellationToken);
                jit?.Record(true);
                allocations?.Record(true);
                var cost = await TimeDossierAsync(pipeline, folders[h], Path.Combine(work.FullName, $"store-{h}.db"), screener, cancellationToken, threads);
                jit?.Record(false);
                allocations?.Record(false);
                ours = ours is null ? cost : ours.Add(cost);

                var stagePipeline = await WarmedUpAsync(other, warmUpPasses, work.FullName, $"stages-{h}", screener, cancellationToken);
                stages.Add(await PipelineCostStages.MeasureAsync(stagePipeline, halves[h], Path.Combine(work.FullName, $"stages-{h}.db"), cancellationToken));
            }

            var perArticle = new Func<double, double>(seconds => seconds * 1000 / pages.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dossier: {ours!.Stored} stored, {ours.Failed} failed; CPU per article: analysis and storage {perArticle(ours.Analysis):0.00} ms, screening {perArticle(ours.Screening):0.00} ms, linking {perArticle(ours.Linking):0.00} ms, total {perArticle(ours.Total):0.00} ms ({ours.WallSeconds:0.0} s wall, one analysis thread; allocated per article: analysis {ours.Allocated / (double)Math.Max(1, ours.Stored) / 1_048_576.0:0.00} MiB, screening {ours.ScreeningAllocated / (double)Math.Max(1, ours.Stored) / 1024.0:0} KiB, linking {ours.LinkingAllocated / (double)Math.Max(1, ours.Stored) / 1024.0:0} KiB; GC pauses {ours.GcPauseMilliseconds / Math.Max(1, ours.Stored):0.00} ms, compiling {perArticle(ours.CompilingSeconds):0.00} ms)"));
            threads.Print(output, pages.Count);
            PipelineCostStages.Print(output, PipelineCostStages.Combine(stages, halves.Select(half => half.Count).ToList()));
            jit?.Print(output, 40);
            allocations?.Print(output, pages.Count, 40);

            // For quick rounds while profiling: Dossier's side alone.
            if (args.Contains("--no-peer")) return 0;
            var peer = await PeerRunner.ReadabilityLxml(new PeerRunner(context.RepoRoot, pagesFolder, output), pages, cancellationToken);
            if (peer is null) return 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"readability-lxml extraction alone: CPU per article {perArticle(peer.CpuSeconds):0.00} ms ({peer.Failures} failed)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio readability-lxml extraction / dossier whole analysis: {peer.CpuSeconds / ours.Total:0.00}x (above 1: the whole analysis costs less)"));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed record DossierCost(
        int Stored, int Failed, double Analysis, double Screening, double Linking, double WallSeconds, long Allocated, long ScreeningAllocated,
        long LinkingAllocated, double GcPauseMilliseconds, double CompilingSeconds)
    {
        public double Total => Analysis + Screening + Linking;

        public DossierCost Add(DossierCost other) => new(
            Stored + other.Stored, Failed + other.Failed, Analysis + other.Analysis, Screening + other.Screening, Linking + other.Linking,
            WallSeconds + other.WallSeconds, Allocated + other.Allocated, ScreeningAllocated + other.ScreeningAllocated,
            LinkingAllocated + other.LinkingAllocated, GcPauseMilliseconds + other.GcPauseMilliseconds, CompilingSeconds + other.CompilingSeconds);
    }

    /// <summary>A new pipeline that has analysed the pages of <paramref name="folder"/> <paramref name="passes"/> times, untimed.</summary>
    private static async Task<AnalysisPipeline> WarmedUpAsync(
        string folder, int passes, string work, string name, WatchlistScreener screener, CancellationToken cancellationToken)
    {
        var pipeline = DossierPipeline.CreateDefault();
        for (var pass = 0; pass < passes; pass++)
        {
            await TimeDossierAsync(pipeline, folder, Path.Combine(work, $"warm-up-{name}-{pass}.db"), screener, cancellationToken);
        }

        return pipeline;
    }

    private static async Task<DossierCost> TimeDossierAsync(
        AnalysisPipeline pipeline, string htmlFolder, string databasePath, WatchlistScreener screener, CancellationToken cancellationToken,
        PipelineCostThreads? threads = null)
    {
        var process = Process.GetCurrentProcess();
        double Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalSeconds;
        }

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var compilingBefore = System.Runtime.JitInfo.GetCompilationTime();
        var wall = Stopwatch.StartNew();
        threads?.Start();
        var start = Cpu();
        await using var store = await SqliteDossierStore.OpenAsync(databasePath, cancellationToken);
        var runner = new AnalysisRunner(pipeline, store, new InputReader());
        var summary = await runner.RunAsync([htmlFolder], () => Stream.Null, new RunOptions { Parallelism = 1 }, new SilentObserver(), cancellationToken);
        var analysed = Cpu();
        threads?.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;

        var entities = await store.GetEntitiesAsync(summary.DocumentIds, cancellationToken);
        await EntityScreening.ScreenAsync(screener, store, entities, cancellationToken);
        var screened = Cpu();
        var screeningAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore - allocated;

        await using (var links = await SqliteLinkStore.OpenAsync(databasePath, cancellationToken))
        {
            await StoreLinking.LinkNewAsync(links, cancellationToken);
        }

        var linked = Cpu();
        var linkingAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore - allocated - screeningAllocated;
        var compiling = System.Runtime.JitInfo.GetCompilationTime() - compilingBefore;
        return new DossierCost(summary.Added, summary.Failed, analysed - start, screened - analysed, linked - screened, wall.Elapsed.TotalSeconds,
            allocated, screeningAllocated, linkingAllocated, paused.TotalMilliseconds, compiling.TotalSeconds);
    }

    private sealed class SilentObserver : IRunObserver;
}
