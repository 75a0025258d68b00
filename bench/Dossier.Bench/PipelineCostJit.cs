using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Dossier.Bench;

/// <summary>
/// Which methods the runtime compiles while a pass is measured (<c>pipeline-cost --jit</c>), from the runtime's own JIT
/// events, so that compiling counted as work per article can be traced to the code that causes it.
/// </summary>
internal sealed class PipelineCostJit : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private const int MethodLoadVerbose = 143;
    private const int MethodJittingStarted = 145;

    // Every event is counted, measured or not, and a measured pass takes what its window gathered: a listener that only
    // counted while measuring ran its own code for the first time there, and its own compiling was listed as the pipeline's.
    private readonly ConcurrentDictionary<string, int> _window = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _windowMilliseconds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, DateTime> _started = new();
    private readonly Dictionary<string, int> _compiled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _milliseconds = new(StringComparer.Ordinal);

    /// <summary>On: a measured pass begins. Off: it ended, and what was compiled meanwhile is added to the totals.</summary>
    public void Record(bool on)
    {
        if (on)
        {
            _window.Clear();
            _windowMilliseconds.Clear();
            return;
        }

        foreach (var (method, count) in _window) _compiled[method] = _compiled.GetValueOrDefault(method) + count;
        foreach (var (method, milliseconds) in _windowMilliseconds) _milliseconds[method] = _milliseconds.GetValueOrDefault(method) + milliseconds;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is not { } payload || eventData.PayloadNames is not { } names) return;
        if (eventData.EventId == MethodJittingStarted)
        {
            _started[eventData.OSThreadId] = eventData.TimeStamp;
            return;
        }

        if (eventData.EventId != MethodLoadVerbose) return;
        string Field(string name) => names.IndexOf(name) is var i and >= 0 ? Convert.ToString(payload[i], CultureInfo.InvariantCulture) ?? "" : "";
        var key = $"{Field("MethodNamespace")}::{Field("MethodName")}";
        _window.AddOrUpdate(key, 1, (_, count) => count + 1);
        if (_started.TryRemove(eventData.OSThreadId, out var started))
        {
            var milliseconds = (eventData.TimeStamp - started).TotalMilliseconds;
            _windowMilliseconds.AddOrUpdate(key, milliseconds, (_, total) => total + milliseconds);
        }
    }

    public void Print(TextWriter output, int top)
    {
        output.WriteLine($"  methods compiled while measured: {_compiled.Values.Sum()} compilations of {_compiled.Count} methods; most often:");
        foreach (var (method, count) in _compiled.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(top))
        {
            output.WriteLine($"  {count,6}  {method}");
        }

        // Wall time between each compile's start and end events: a compile the scheduler set aside reads long, so on a busy
        // machine the sum and the order are rough.
        output.WriteLine($"  compiling time {_milliseconds.Values.Sum():0} ms in all (wall time per compile); longest:");
        foreach (var (method, milliseconds) in _milliseconds.OrderByDescending(pair => pair.Value).Take(top))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {milliseconds,8:0.0} ms  {method}"));
        }

        var byNamespace = _compiled.GroupBy(pair => pair.Key.Split("::")[0].Split('.').Take(3).Aggregate((a, b) => a + "." + b))
            .Select(group => (group.Key, Count: group.Sum(pair => pair.Value))).OrderByDescending(g => g.Count).Take(top);
        output.WriteLine("  by type:");
        foreach (var (name, count) in byNamespace) output.WriteLine($"  {count,6}  {name}");
    }
}
