using System.Diagnostics;
using System.Globalization;
using Dossier.Linking;
using Dossier.Serialization;
using Dossier.Storage;

namespace Dossier.Bench;

/// <summary>
/// What adding a run of articles to a large store costs in linking: a SQLite store of `--store` articles is built (with
/// `dossier analyze --format json`, so that its stories and claim links are up to date), then the same `--add` new
/// articles are analysed into two copies of it, once with the text summary (analysis only: nothing is relinked) and once
/// with `--format json` (analysis, then relinking, then the run's stories and links printed). Each line gives the run's
/// wall-clock seconds and the process's peak resident memory; the difference between the two runs is what relinking and
/// the JSON cost. `--cli DLL` measures another build of the dossier command on the same articles; `--check` then compares
/// the store's links with those of linking every stored document at once.
/// </summary>
public sealed class RelinkingBenchmark : IBenchmark
{
    public string Name => "relinking";
    public string Description => "seconds and peak RSS of analysing --add N (600) new pages into a store of --store N (6000), with and without relinking (--format json; --cli DLL, --check)";

    public async Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var (storeSize, added, cli) = (6000, 600, Path.Combine(AppContext.BaseDirectory, "dossier.dll"));
        var check = args.Contains("--check");
        args = [.. args.Where(a => a != "--check")];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--store": storeSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--add": added = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--cli": cli = Path.GetFullPath(args[i + 1]); break;
                default: throw new ArgumentException($"unknown option {args[i]} (use --store N, --add N, --cli DLL)");
            }
        }

        var folder = context.SharedPath("bench", "extraction", "scrapinghub");
        if (!Directory.Exists(Path.Combine(folder, "html")))
        {
            output.WriteLine($"no benchmark pages under {folder}");
            return 1;
        }

        var pages = ScrapinghubPages.Load(folder).Select(page => page.Html).ToList();
        var work = Directory.CreateTempSubdirectory("dossier-relinking-");
        try
        {
            output.WriteLine($"pages: {pages.Count} real news pages (Scrapinghub), repeated with a varying comment; dossier: {cli}; {Environment.ProcessorCount} cores");
            var store = Path.Combine(work.FullName, "store.db");
            var initial = Path.Combine(work.FullName, "initial");
            ThroughputBenchmark.WriteCorpus(initial, pages, storeSize, "initial");
            var json = Path.Combine(work.FullName, "run.json");
            var built = await RunAsync(cli, cancellationToken, "analyze", initial, "--db", store, "--format", "json", "-o", json);
            Directory.Delete(initial, recursive: true);
            File.Delete(json);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store of {storeSize} articles built in {built.Seconds:0.0} s (peak RSS {built.PeakRssMegabytes:0} MB)"));

            var run = Path.Combine(work.FullName, "run");
            ThroughputBenchmark.WriteCorpus(run, pages, added, "added");
            output.WriteLine();
            output.WriteLine($"{"run",-48}  {"seconds",8}  {"peak RSS MB",12}");
            foreach (var (label, format) in new[] { ("analyze (text: no relinking)", "text"), ("analyze --format json (relinks)", "json") })
            {
                var copy = Path.Combine(work.FullName, $"{format}.db");
                File.Copy(store, copy);
                if (File.Exists(store + "-wal")) File.Copy(store + "-wal", copy + "-wal");
                var result = await RunAsync(cli, cancellationToken, "analyze", run, "--db", copy, "--format", format, "-o", json);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{added + " into " + storeSize + ": " + label,-48}  {result.Seconds,8:0.0}  {result.PeakRssMegabytes,12:0}"));
                File.Delete(json);
                if (check && format == "json") await CheckAsync(copy, output, cancellationToken);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        return 0;
    }

    /// <summary>Whether the store's links, linked run by run, are those of linking every stored document at once in stored order.</summary>
    private static async Task CheckAsync(string store, TextWriter output, CancellationToken cancellationToken)
    {
        await using var links = await DossierStores.OpenLinkStoreAsync(store, cancellationToken);
        var (_, expected) = StoreLinking.Compute(await links.GetLinkableDocumentsAsync(cancellationToken), cancellationToken);
        var stored = await links.GetClaimLinksAsync(cancellationToken);
        static string Key(ClaimLinkJson l) => $"{l.From.Document}/{l.From.Claim} {l.To.Document}/{l.To.Claim}";
        var same = expected.Select(DossierJsonMapper.ToJson).OrderBy(Key, StringComparer.Ordinal).SequenceEqual(stored.OrderBy(Key, StringComparer.Ordinal));
        output.WriteLine($"check: the {stored.Count:N0} stored links {(same ? "equal" : "DIFFER from")} the {expected.Count:N0} of linking every stored document at once in stored order");
    }

    private static async Task<(double Seconds, double PeakRssMegabytes)> RunAsync(string cli, CancellationToken cancellationToken, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        using var process = new WatchedProcess(cli, null, args);
        await process.WaitAsync(cancellationToken);
        return (clock.Elapsed.TotalSeconds, process.PeakRssMegabytes);
    }
}
