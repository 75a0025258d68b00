using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dossier.Extraction;
using Dossier.Ingestion;

namespace Dossier.Bench;

/// <summary>
/// Article-body quality on the Scrapinghub benchmark (dev and held-out halves, split by a hash of the page id), the metric
/// checked against the anchor scores, and pages per second of one core beside readability-lxml and Mozilla Readability.
/// </summary>
public sealed class ExtractionBenchmark : IBenchmark
{
    public string Name => "extraction";
    public string Description => "article extraction F1/P/R/accuracy on Scrapinghub (dev and held-out halves) and speed vs readability peers";

    public async Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var folder = context.SharedPath("bench", "extraction", "scrapinghub");
        if (!File.Exists(Path.Combine(folder, "ground-truth.json")))
        {
            output.WriteLine($"no benchmark data under {folder}");
            return 1;
        }

        var options = BenchOptions.Parse(args);
        var pages = ScrapinghubPages.Load(folder);
        output.WriteLine($"pages: {pages.Count} (dev {pages.Count(p => p.Half == Half.Dev)}, held-out {pages.Count(p => p.Half == Half.HeldOut)})");

        if (!options.SkipMetricCheck && !CheckMetric(folder, pages, output)) return 1;

        if (options.Explain is { } explain)
        {
            Explain(output, pages.First(p => p.Id.StartsWith(explain, StringComparison.Ordinal)));
            return 0;
        }

        var extractor = new ArticleExtractor();
        var predictions = pages.ToDictionary(page => page.Id, page => BodyText(extractor, page, cancellationToken));
        var counts = pages.ToDictionary(page => page.Id, page => ExtractionMetric.ComparePage(page.Truth, predictions[page.Id]));
        foreach (var half in options.DevOnly ? [Half.Dev] : new[] { Half.Dev, Half.HeldOut })
        {
            var scores = ExtractionMetric.Aggregate(pages.Where(p => p.Half == half).Select(p => counts[p.Id]).ToList());
            output.WriteLine($"dossier {HalfName(half),-9} {scores}");
        }

        if (!options.DevOnly) output.WriteLine($"dossier {"all",-9} {ExtractionMetric.Aggregate(counts.Values)}");
        foreach (var page in pages.Where(p => counts[p.Id].PredictionEmpty && (!options.DevOnly || p.Half == Half.Dev)))
        {
            var failure = extractor.Extract(RawInput.FromBytes(page.Id, page.Html, InputFormat.Html, new ArticleHints(Url: page.Url)), cancellationToken).Failure;
            output.WriteLine($"  empty: {page.Id[..12]} ({HalfName(page.Half)}): {failure ?? "no body paragraphs"}");
        }

        if (options.Worst > 0) PrintWorst(output, pages.Where(p => p.Half == Half.Dev), counts, options.Worst);
        if (options.DumpFolder is { } dump) Dump(dump, pages, predictions);
        if (options.SkipSpeed) return 0;

        var ours = TimeOurs(extractor, pages, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"speed dossier: {ours.PagesPerCpuSecond:0.0} pages/s of CPU ({ours.PagesPerWallSecond:0.0} pages/s wall, one thread, best of {ours.Passes} passes after a warm-up pass)"));
        if (options.SkipPeers) return 0;

        var peers = new PeerRunner(context.RepoRoot, folder, output);
        foreach (var peer in new[] { PeerRunner.ReadabilityLxml, PeerRunner.MozillaReadability })
        {
            var result = await peer(peers, pages, cancellationToken);
            if (result is null) continue;
            var peerCounts = pages.Select(p => ExtractionMetric.ComparePage(p.Truth, result.Texts.GetValueOrDefault(p.Id))).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"speed {result.Name}: {result.PagesPerCpuSecond:0.0} pages/s of CPU ({result.Pages} pages, {result.Failures} failed); quality {ExtractionMetric.Aggregate(peerCounts)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio dossier / {result.Name}: {ours.PagesPerCpuSecond / result.PagesPerCpuSecond:0.0}x"));
        }

        return 0;
    }

    internal static string BodyText(ArticleExtractor extractor, BenchPage page, CancellationToken cancellationToken) =>
        BodyText(extractor, InputOf(page), cancellationToken);

    /// <summary>The page as the input reader hands it on (its id is the hash of its bytes, taken while reading).</summary>
    internal static RawInput InputOf(BenchPage page) => RawInput.FromBytes(page.Id, page.Html, InputFormat.Html, new ArticleHints(Url: page.Url));

    internal static string BodyText(ArticleExtractor extractor, RawInput input, CancellationToken cancellationToken)
    {
        var result = extractor.Extract(input, cancellationToken);
        if (result.Document is not { } document) return "";
        var paragraphs = document.Get(Documents.Layers.Paragraphs);
        // The headline is the title paragraph; the benchmark's truth is the body alone.
        return string.Join('\n', paragraphs.Where(p => p.Kind != ParagraphKind.Title).Select(p => document.TextOf(p.Span)));
    }

    private static bool CheckMetric(string folder, IReadOnlyList<BenchPage> pages, TextWriter output)
    {
        using var scores = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "anchor-scores.json")));
        var worst = 0.0;
        var systems = 0;
        foreach (var system in scores.RootElement.GetProperty("systems").EnumerateObject())
        {
            var file = Path.Combine(folder, "anchor-outputs", system.Name + ".json.gz");
            if (!File.Exists(file)) continue;
            var texts = AnchorOutputs.Read(file);
            var aggregate = ExtractionMetric.Aggregate(pages.Select(p => ExtractionMetric.ComparePage(p.Truth, texts.GetValueOrDefault(p.Id))).ToList());
            foreach (var (name, value) in new[] { ("f1", aggregate.F1), ("precision", aggregate.Precision), ("recall", aggregate.Recall), ("accuracy", aggregate.Accuracy) })
            {
                worst = Math.Max(worst, Math.Abs(system.Value.GetProperty(name).GetDouble() - value));
            }

            systems++;
        }

        var agrees = worst < 1e-9;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"metric check: {systems} anchor systems re-scored, largest difference from anchor-scores.json {worst:0.###e+0} ({(agrees ? "agrees" : "DISAGREES")})"));
        return agrees;
    }

    private static (double PagesPerCpuSecond, double PagesPerWallSecond, int Passes) TimeOurs(
        ArticleExtractor extractor, IReadOnlyList<BenchPage> pages, CancellationToken cancellationToken)
    {
        const int passes = 3;
        var bestCpu = double.MaxValue;
        var bestWall = double.MaxValue;
        // Reading (and hashing) the input is not extraction: the peers too are timed from the page text on.
        var inputs = pages.Select(InputOf).ToList();
        // One untimed pass first: the just-in-time compiler's work belongs to start-up, not to the pages per second.
        foreach (var input in inputs) BodyText(extractor, input, cancellationToken);
        var process = Process.GetCurrentProcess();
        for (var pass = 0; pass < passes; pass++)
        {
            GC.Collect();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            foreach (var input in inputs) BodyText(extractor, input, cancellationToken);
            watch.Stop();
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
            bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds);
        }

        return (pages.Count / bestCpu, pages.Count / bestWall, passes);
    }

    private static void PrintWorst(TextWriter output, IEnumerable<BenchPage> pages, Dictionary<string, PageCounts> counts, int count)
    {
        output.WriteLine($"worst {count} dev pages:");
        foreach (var page in pages.OrderBy(p => F1Of(counts[p.Id])).Take(count))
        {
            var c = counts[page.Id];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {page.Id[..12]}  F1 {F1Of(c):0.000}  P {c.Precision ?? 0:0.000}  R {c.Recall ?? 0:0.000}  {page.Url}"));
        }
    }

    private static double F1Of(PageCounts c)
    {
        var p = c.Precision ?? 0;
        var r = c.Recall ?? 0;
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }

    private static void Dump(string folder, IEnumerable<BenchPage> pages, Dictionary<string, string> predictions)
    {
        Directory.CreateDirectory(folder);
        foreach (var page in pages)
        {
            File.WriteAllText(Path.Combine(folder, page.Id[..12] + ".pred.txt"), predictions[page.Id]);
            File.WriteAllText(Path.Combine(folder, page.Id[..12] + ".true.txt"), page.Truth);
        }
    }

    /// <summary>Every block of one page with its scores, for looking into a dev page.</summary>
    private static void Explain(TextWriter output, BenchPage page)
    {
        var html = new HtmlExtractor(new ChromeLines());
        var blocks = html.Blocks(Encoding.UTF8.GetString(page.Html));
        var kept = html.Selector.Select(blocks).ToHashSet();
        foreach (var block in blocks)
        {
            var text = block.Text.Length > 70 ? block.Text[..70] : block.Text;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(kept.Contains(block) ? "+" : " ")} {block.Index,4} {block.Tag,-6} {(block.InContainer ? "C" : " ")} local {block.LocalScore,6:0.00} final {block.FinalScore,6:0.00}  {text}"));
        }
    }

    private static string HalfName(Half half) => half == Half.Dev ? "dev" : "held-out";

    /// <param name="DevOnly">Scores the dev half alone, so that development runs never look at the held-out half.</param>
    private sealed record BenchOptions(bool SkipSpeed, bool SkipPeers, bool SkipMetricCheck, int Worst, string? DumpFolder, string? Explain, bool DevOnly)
    {
        public static BenchOptions Parse(string[] args)
        {
            int worst = 0;
            string? dump = null;
            string? explain = null;
            for (var i = 0; i < args.Length - 1; i++)
            {
                if (args[i] == "--worst") worst = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                if (args[i] == "--dump") dump = args[i + 1];
                if (args[i] == "--explain") explain = args[i + 1];
            }

            return new BenchOptions(args.Contains("--no-speed"), args.Contains("--no-peers"), args.Contains("--no-metric-check"), worst, dump, explain, args.Contains("--dev-only"));
        }
    }
}

public enum Half
{
    Dev,
    HeldOut,
}

public sealed record BenchPage(string Id, string Url, string Truth, byte[] Html, Half Half);

public static class ScrapinghubPages
{
    public static IReadOnlyList<BenchPage> Load(string folder)
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "ground-truth.json")));
        var pages = new List<BenchPage>();
        foreach (var entry in truth.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var body = entry.Value.TryGetProperty("articleBody", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "";
            var url = entry.Value.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
            var html = Gunzip(File.ReadAllBytes(Path.Combine(folder, "html", entry.Name + ".html.gz")));
            pages.Add(new BenchPage(entry.Name, url, body, html, HalfOf(entry.Name)));
        }

        return pages;
    }

    /// <summary>A fixed split: the low bit of the first byte of SHA-256 over the page id.</summary>
    public static Half HalfOf(string id) => (SHA256.HashData(Encoding.UTF8.GetBytes(id))[0] & 1) == 0 ? Half.Dev : Half.HeldOut;

    public static byte[] Gunzip(byte[] packed)
    {
        using var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>Reads an anchor system's predictions, in either the legacy or the wrapped {"version","output"} shape.</summary>
public static class AnchorOutputs
{
    public static Dictionary<string, string> Read(string path)
    {
        using var json = JsonDocument.Parse(ScrapinghubPages.Gunzip(File.ReadAllBytes(path)));
        var root = json.RootElement;
        var names = root.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (names.SetEquals(["version", "output"])) root = root.GetProperty("output");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in root.EnumerateObject())
        {
            texts[page.Name] = page.Value.ValueKind == JsonValueKind.Object && page.Value.TryGetProperty("articleBody", out var body) && body.ValueKind == JsonValueKind.String
                ? body.GetString()!
                : "";
        }

        return texts;
    }
}
