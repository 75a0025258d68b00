using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Pipeline;
using Dossier.Storage.Sqlite;

namespace Dossier.Bench;

/// <summary>
/// Where one article's analysis goes, stage by stage: the CPU time of the analysing thread (so that other work on a
/// shared machine does not inflate it) and the bytes it allocates, for extraction, every pipeline stage and storage.
/// </summary>
internal static class PipelineCostStages
{
    public sealed record StageCost(string Stage, double CpuMilliseconds, double WallMilliseconds, double AllocatedKiB, double CompilingMilliseconds);

    public static async Task<IReadOnlyList<StageCost>> MeasureAsync(
        AnalysisPipeline pipeline, IReadOnlyList<BenchPage> pages, string databasePath, CancellationToken cancellationToken)
    {
        await using var store = await SqliteDossierStore.OpenAsync(databasePath, cancellationToken);
        var names = new[] { "extraction" }.Concat(pipeline.Stages.Select(stage => stage.GetType().Name.Replace("Stage", "", StringComparison.Ordinal))).Append("storage").ToArray();
        var cpu = new double[names.Length];
        var wall = new double[names.Length];
        var allocated = new long[names.Length];
        var compiling = new double[names.Length];
        var meter = new Meter(cpu, wall, allocated, compiling);
        var unstored = new List<Document>();
        async Task StoreAsync()
        {
            meter.Start();
            await store.AddDocumentsAsync(unstored, cancellationToken);
            meter.Stop(names.Length - 1);
            unstored.Clear();
        }

        foreach (var page in pages)
        {
            meter.Start();
            var extraction = pipeline.Extractor.Extract(RawInput.FromBytes(page.Id, page.Html, InputFormat.Html, new ArticleHints(Url: page.Url)), cancellationToken);
            meter.Stop(0);
            if (extraction.Document is not { } document) continue;
            for (var i = 0; i < pipeline.Stages.Count; i++)
            {
                meter.Start();
                document = pipeline.Stages[i].Process(document, cancellationToken);
                meter.Stop(i + 1);
            }

            // Stored in batches as `dossier analyze` stores them. Storage runs synchronously under its async surface (SQLite
            // has no asynchronous I/O), so it stays on this thread.
            unstored.Add(document);
            if (unstored.Count == new RunOptions().BatchSize) await StoreAsync();
        }

        await StoreAsync();

        return names.Select((name, i) => new StageCost(name, cpu[i] * 1000 / pages.Count, wall[i] * 1000 / pages.Count, allocated[i] / 1024.0 / pages.Count, compiling[i] * 1000 / pages.Count)).ToList();
    }

    /// <summary>Per-article costs over several measured sets of pages, weighted by how many pages each had.</summary>
    public static IReadOnlyList<StageCost> Combine(IReadOnlyList<IReadOnlyList<StageCost>> parts, IReadOnlyList<int> pageCounts)
    {
        var total = (double)pageCounts.Sum();
        return parts[0].Select((first, i) => new StageCost(
            first.Stage,
            parts.Select((part, p) => part[i].CpuMilliseconds * pageCounts[p]).Sum() / total,
            parts.Select((part, p) => part[i].WallMilliseconds * pageCounts[p]).Sum() / total,
            parts.Select((part, p) => part[i].AllocatedKiB * pageCounts[p]).Sum() / total,
            parts.Select((part, p) => part[i].CompilingMilliseconds * pageCounts[p]).Sum() / total)).ToList();
    }

    public static void Print(TextWriter output, IReadOnlyList<StageCost> costs)
    {
        output.WriteLine("  by stage, per article (one thread):");
        output.WriteLine($"  {"stage",-20} {"CPU ms",8} {"wall ms",8} {"alloc KiB",10} {"JIT ms",8}");
        var sum = new StageCost("sum", costs.Sum(c => c.CpuMilliseconds), costs.Sum(c => c.WallMilliseconds), costs.Sum(c => c.AllocatedKiB), costs.Sum(c => c.CompilingMilliseconds));
        foreach (var cost in costs.Append(sum))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {cost.Stage,-20} {cost.CpuMilliseconds,8:0.00} {cost.WallMilliseconds,8:0.00} {cost.AllocatedKiB,10:0} {cost.CompilingMilliseconds,8:0.00}"));
        }
    }

    /// <summary>Accumulates the calling thread's CPU seconds, wall seconds, allocated bytes and compiling seconds between Start and Stop.</summary>
    private sealed class Meter(double[] cpu, double[] wall, long[] allocated, double[] compiling)
    {
        private TimeSpan _compilingStart;
        private double _cpuStart;
        private long _wallStart;
        private long _allocatedStart;

        public void Start()
        {
            _compilingStart = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
            _allocatedStart = GC.GetAllocatedBytesForCurrentThread();
            _wallStart = Stopwatch.GetTimestamp();
            _cpuStart = ThreadCpuSeconds();
        }

        public void Stop(int slot)
        {
            cpu[slot] += ThreadCpuSeconds() - _cpuStart;
            wall[slot] += Stopwatch.GetElapsedTime(_wallStart).TotalSeconds;
            allocated[slot] += GC.GetAllocatedBytesForCurrentThread() - _allocatedStart;
            compiling[slot] += (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - _compilingStart).TotalSeconds;
        }
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    /// <summary>This thread's CPU time; on systems without the Linux clock, the process's (then other threads count too).</summary>
    internal static double ThreadCpuSeconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out var time) == 0) return time.Seconds + time.Nanoseconds / 1e9;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
