using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Dossier.Bench;

/// <summary>
/// What types a measured pass allocates (<c>pipeline-cost --allocations</c>), from the runtime's allocation samples: the
/// runtime reports the type of the object that crosses each 100 KB of allocation, so each type's share of the samples is
/// its share of the bytes, and the garbage collector's cost per article can be traced to the objects that make it.
/// </summary>
internal sealed class PipelineCostAllocations : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTick = 10;
    private const double BytesPerSample = 100 * 1024;

    private readonly ConcurrentDictionary<string, int> _window = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _samples = new(StringComparer.Ordinal);

    /// <summary>On: a measured pass begins. Off: it ended, and what was sampled meanwhile is added to the totals.</summary>
    public void Record(bool on)
    {
        if (on)
        {
            _window.Clear();
            return;
        }

        foreach (var (type, count) in _window) _samples[type] = _samples.GetValueOrDefault(type) + count;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTick || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names) return;
        var at = names.IndexOf("TypeName");
        var type = at >= 0 ? Convert.ToString(payload[at], CultureInfo.InvariantCulture) ?? "?" : "?";
        var large = names.IndexOf("AllocationKind") is var kind and >= 0 && Convert.ToInt32(payload[kind], CultureInfo.InvariantCulture) == 1;
        _window.AddOrUpdate(large ? type + " (large-object heap)" : type, 1, (_, count) => count + 1);
    }

    public void Print(TextWriter output, int articles, int top)
    {
        var total = _samples.Values.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  allocation samples while measured: {total} of 100 KB each, about {total * BytesPerSample / 1024 / Math.Max(1, articles):0} KiB per article; by type:"));
        foreach (var (type, count) in _samples.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(top))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {count,6}  {count * BytesPerSample / 1024 / Math.Max(1, articles),7:0} KiB/article  {type}"));
        }
    }
}
