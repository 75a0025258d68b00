using System.Globalization;

namespace Dossier.Bench;

/// <summary>
/// The process's CPU time by thread name while a pass analyses and stores (Linux, from the kernel's per-thread
/// scheduler clock): the analysing threads beside the runtime's own (tiered compilation, background GC, timers), so that
/// CPU above the sum of the stages can be traced to the thread that spends it. A thread that starts and ends within the
/// pass is not seen; the runtime's threads and the thread pool's live far longer than a pass.
/// </summary>
internal sealed class PipelineCostThreads
{
    private readonly Dictionary<string, double> _seconds = new(StringComparer.Ordinal);
    private Dictionary<int, (string Name, long Nanoseconds)> _start = [];

    public void Start() => _start = Snapshot();

    public void Stop()
    {
        foreach (var (id, (name, nanoseconds)) in Snapshot())
        {
            var before = _start.TryGetValue(id, out var started) ? started.Nanoseconds : 0;
            _seconds[name] = _seconds.GetValueOrDefault(name) + (nanoseconds - before) / 1e9;
        }
    }

    public void Print(TextWriter output, int articles)
    {
        if (_seconds.Count == 0) return;
        var threads = _seconds.Where(pair => pair.Value > 0).OrderByDescending(pair => pair.Value)
            .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value * 1000 / articles:0.00}"));
        output.WriteLine($"  CPU ms per article by thread while analysing and storing: {string.Join(", ", threads)}");
    }

    /// <summary>Each live thread's name and CPU nanoseconds so far; empty where /proc has no per-thread scheduler clock.</summary>
    private static Dictionary<int, (string Name, long Nanoseconds)> Snapshot()
    {
        var threads = new Dictionary<int, (string, long)>();
        if (!Directory.Exists("/proc/self/task")) return threads;
        foreach (var folder in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var id = int.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture);
                var name = File.ReadAllText(Path.Combine(folder, "comm")).Trim();
                var nanoseconds = long.Parse(File.ReadAllText(Path.Combine(folder, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                threads[id] = (name, nanoseconds);
            }
            catch (IOException)
            {
                // The thread ended while it was read: its time is left out, as that of a thread that ended within the pass.
            }
        }

        return threads;
    }
}
