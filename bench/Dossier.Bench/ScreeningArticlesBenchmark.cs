using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dossier.Analysis;
using Dossier.Ingestion;
using Dossier.Screening;
using Dossier.Storage.Sqlite;

namespace Dossier.Bench;

/// <summary>
/// What screening costs per article in an analysis: the canonical organisations and people of the extraction pages,
/// screened against every staged list as `dossier analyze` screens them, in CPU time per article (the index is built
/// once and left out). A fingerprint of every hit (entity, list entry, score, explanation) shows whether a change to the
/// screener changed its results. `--passes N` sets the timed passes (default 3); `--untimed-passes N` screens the entities N
/// more times with the first screener, untimed, after a line that says so and a pause of three seconds: room for an
/// instruction-counting profiler to be switched on for screening alone (callgrind started with instrumentation off).
/// </summary>
public sealed class ScreeningArticlesBenchmark : IBenchmark
{
    private static int Count(string[] args, string option, int fallback)
    {
        var at = Array.IndexOf(args, option);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var count) && count >= 0 ? count : fallback;
    }

    public string Name => "screening-articles";
    public string Description => "screening CPU per article for the canonical entities of the extraction pages, with a fingerprint of the hits";

    public async Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var repetitions = Count(args, "--passes", 3);
        var untimedPasses = Count(args, "--untimed-passes", 0);
        var pagesFolder = context.SharedPath("bench", "extraction", "scrapinghub");
        var listsFolder = context.SharedPath("bench", "screening", "lists");
        if (!File.Exists(Path.Combine(pagesFolder, "ground-truth.json")) || !Directory.Exists(listsFolder))
        {
            output.WriteLine($"no benchmark data under {pagesFolder} or {listsFolder}");
            return 1;
        }

        var pages = ScrapinghubPages.Load(pagesFolder);
        var entries = await ScreeningBenchData.AllListsAsync(listsFolder, TextWriter.Null, cancellationToken);
        var screener = new WatchlistScreener(entries.Where(e => e.IsActive));
        var work = Directory.CreateTempSubdirectory("dossier-screening-articles-");
        try
        {
            var htmlFolder = Directory.CreateDirectory(Path.Combine(work.FullName, "pages")).FullName;
            foreach (var page in pages) await File.WriteAllBytesAsync(Path.Combine(htmlFolder, page.Id + ".html"), page.Html, cancellationToken);
            await using var store = await SqliteDossierStore.OpenAsync(Path.Combine(work.FullName, "store.db"), cancellationToken);
            var summary = await new AnalysisRunner(DossierPipeline.CreateDefault(), store, new InputReader())
                .RunAsync([htmlFolder], () => Stream.Null, new RunOptions { Parallelism = 1 }, new SilentObserver(), cancellationToken);
            var entities = await store.GetEntitiesAsync(summary.DocumentIds, cancellationToken);
            var screened = entities.Count(e => e.Label is Entities.EntityLabel.ORG or Entities.EntityLabel.PER);

            // The first pass compiles the code and fingerprints the results; the timed passes use fresh screeners over the
            // same index data, so that nothing one pass remembered makes the next cheaper.
            var fingerprint = Fingerprint(entities.Select(e => (e.Id, screener.ScreenEntity(e))));
            var (compared, turnedAway) = screener.Comparisons;
            if (untimedPasses > 0)
            {
                output.WriteLine($"screening the entities {untimedPasses} more times in 3 s");
                await output.FlushAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            }

            for (var pass = 0; pass < untimedPasses; pass++)
            {
                foreach (var entity in entities) screener.ScreenEntity(entity);
            }

            using var process = Process.GetCurrentProcess();
            var cpu = TimeSpan.Zero;
            var hits = 0;
            for (var repetition = 0; repetition < repetitions; repetition++)
            {
                var fresh = new WatchlistScreener(entries.Where(e => e.IsActive), screener.Comparer.Parameters, screener.Normalizer);
                // Building the index leaves garbage whose collection is no part of screening.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                process.Refresh();
                var before = process.TotalProcessorTime;
                hits = entities.Sum(entity => fresh.ScreenEntity(entity).Count);
                process.Refresh();
                cpu += process.TotalProcessorTime - before;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"screening {summary.Added} articles: {entities.Count} canonical entities ({screened} organisations and people), {hits} hits; CPU per article {cpu.TotalMilliseconds / Math.Max(1, repetitions) / Math.Max(1, summary.Added):0.00} ms (mean of {repetitions} passes); hits fingerprint {fingerprint}; name comparisons made in full {compared}, turned away by their ceiling {turnedAway}"));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Fingerprint(IEnumerable<(long Entity, IReadOnlyList<ScreeningCandidate> Candidates)> results)
    {
        var text = new StringBuilder();
        foreach (var (entity, candidates) in results.OrderBy(r => r.Entity))
        {
            foreach (var candidate in candidates)
            {
                text.Append(CultureInfo.InvariantCulture, $"{entity}\t{candidate.Entry.List}\t{candidate.Entry.Id}\t{candidate.Score:R}\t{candidate.Explain()}\n");
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private sealed class SilentObserver : IRunObserver;
}
