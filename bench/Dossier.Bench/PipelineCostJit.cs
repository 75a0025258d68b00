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

    private readonly ConcurrentDictionary<string, int> _compiled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _milliseconds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, DateTime> _started = new();
    private volatile bool _recording;

    public void Record(bool on) => _recording = on;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names) return;
        if (eventData.EventId == MethodJittingStarted)
        {
            _started[eventData.OSThreadId] = eventData.TimeStamp;
            return;
        }

        if (eventData.EventId != MethodLoadVerbose) return;
        string Field(string name) => names.IndexOf(name) is var i and >= 0 ? Convert.ToString(payload[i], CultureInfo.InvariantCulture) ?? "" : "";
        var key = $"{Field("MethodNamespace")}::{Field("MethodName")}";
        _compiled.AddOrUpdate(key, 1, (_, count) => count + 1);
        if (_started.TryRemove(eventData.OSThreadId, out var started))
        {
            var milliseconds = (eventData.TimeStamp - started).TotalMilliseconds;
            _milliseconds.AddOrUpdate(key, milliseconds, (_, total) => total + milliseconds);
        }
    }

    public void Print(TextWriter output, int top)
    {
        output.WriteLine($"  methods compiled while measured: {_compiled.Values.Sum()} compilations of {_compiled.Count} methods; most often:");
        foreach (var (method, count) in _compiled.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(top))
        {
            output.WriteLine($"  {count,6}  {method}");
        }

        output.WriteLine($"  compiling time {_milliseconds.Values.Sum():0} ms in all; longest:");
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
