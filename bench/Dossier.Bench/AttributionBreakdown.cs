using System.Globalization;

namespace Dossier.Bench;

/// <summary>
/// Where the relation loss lies: every gold relation (source and content) is counted as found (some prediction
/// overlaps both its source and its content), wrong source (a prediction overlaps its content, none also its source)
/// or content missed, grouped by attribution type and by cue word. Overlap here is not one to one, so "found" can
/// exceed the one-to-one partial recall slightly; the figures point at the work, they do not replace the scores.
/// </summary>
internal sealed class AttributionBreakdown
{
    private readonly Dictionary<string, int[]> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _byCue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _missReasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _missLayouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _examples = new(StringComparer.Ordinal);
    private int _falseWrongSource;

    /// <summary>How many lost relations to print for each reason.</summary>
    public int ExamplesPerReason { get; init; }
    private int _falseNoContent;

    private const int Found = 0, WrongSource = 1, ContentMissed = 2;

    public void AddGold(string type, string cue, bool sourceAndContent, bool contentOnly)
    {
        var outcome = sourceAndContent ? Found : contentOnly ? WrongSource : ContentMissed;
        Count(_byType, type, outcome);
        Count(_byCue, cue, outcome);
    }

    /// <summary>A lost gold relation: why (what the prediction at its cue got wrong) and the order of its source, cue and content.</summary>
    public void AddMiss(string reason, string layout, string example)
    {
        if (!_examples.TryGetValue(reason, out var examples)) _examples[reason] = examples = [];
        if (examples.Count < ExamplesPerReason) examples.Add(example);
        _missReasons[reason] = _missReasons.GetValueOrDefault(reason) + 1;
        _missLayouts[reason + ", " + layout] = _missLayouts.GetValueOrDefault(reason + ", " + layout) + 1;
    }

    /// <summary>A predicted relation matching no gold relation: its content overlaps a gold content or none.</summary>
    private int _fragments;
    private int _merged;

    /// <summary>Relations lost to one-to-one pairing alone: fragments of a gold relation already paired, gold relations folded into a paired prediction.</summary>
    public void AddPairingLosses(int fragments, int merged)
    {
        _fragments += fragments;
        _merged += merged;
    }

    public void AddFalse(bool contentOverlapsGold)
    {
        if (contentOverlapsGold) _falseWrongSource++;
        else _falseNoContent++;
    }

    public void Print(TextWriter output, int topCues)
    {
        output.WriteLine("loss by gold attribution type      gold    found  wrong-source  content-missed");
        foreach (var (type, counts) in _byType.OrderByDescending(p => p.Value.Sum()).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            Line(output, type, counts);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"unmatched predictions: {_falseWrongSource} over a gold content with another source, {_falseNoContent} over no gold content, {_fragments} fragments of a gold relation paired with another prediction; {_merged} gold relations unpaired though a prediction paired elsewhere matches them"));
        output.WriteLine("lost relations by what the prediction at the gold cue got wrong (layout: S source, C cue, T content, in text order)");
        foreach (var (reason, count) in _missReasons.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {reason,-30} {count,7}"));
        }

        foreach (var (layout, count) in _missLayouts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(12))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {layout,-34} {count,7}"));
        }

        foreach (var (reason, examples) in _examples.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var example in examples) output.WriteLine($"  {reason}: {example}");
        }

        output.WriteLine($"loss by cue word (top {topCues} by relations lost)");
        foreach (var (cue, counts) in _byCue.OrderByDescending(p => p.Value[WrongSource] + p.Value[ContentMissed]).ThenBy(p => p.Key, StringComparer.Ordinal).Take(topCues))
        {
            Line(output, cue, counts);
        }
    }

    private static void Line(TextWriter output, string label, int[] counts)
    {
        var gold = counts.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-30} {gold,7} {counts[Found],8} {counts[WrongSource],13} {counts[ContentMissed],15}   found {(double)counts[Found] / gold:P0}"));
    }

    private static void Count(Dictionary<string, int[]> table, string key, int outcome)
    {
        if (!table.TryGetValue(key, out var counts)) table[key] = counts = new int[3];
        counts[outcome]++;
    }
}
