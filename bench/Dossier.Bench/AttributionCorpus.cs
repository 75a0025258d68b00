using System.Globalization;

namespace Dossier.Bench;

/// <summary>A role span of a brat annotation: one or more [start, end) character fragments.</summary>
public sealed record BratSpan(string Id, string Type, IReadOnlyList<(int Start, int End)> Fragments);

/// <summary>One gold attribution: its source (absent for no-source attributions), cue and content spans.</summary>
public sealed record GoldAttribution(BratSpan? Source, BratSpan? Cue, IReadOnlyList<BratSpan> Contents);

public sealed record AttributionArticle(string Name, string Text, IReadOnlyList<GoldAttribution> Attributions);

/// <summary>Reads PolNeAR: text/&lt;doc&gt;.txt with its one gold attributions/&lt;doc&gt;_&lt;annotator&gt;.ann per split.</summary>
public static class AttributionCorpus
{
    /// <summary>The folder of a PolNeAR split in the shared benchmark data; null (and a line saying so) when it is absent.</summary>
    public static string? SplitFolder(BenchContext context, string split)
    {
        var folder = context.SharedPath("bench", "attribution", "polnear", split);
        if (Directory.Exists(folder)) return folder;
        context.Out.WriteLine($"no PolNeAR {split} split at {folder}");
        return null;
    }

    public static IEnumerable<AttributionArticle> Read(string splitFolder)
    {
        var annotations = Path.Combine(splitFolder, "attributions");
        foreach (var annPath in Directory.EnumerateFiles(annotations, "*.ann").Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileNameWithoutExtension(annPath);
            var name = fileName[..fileName.LastIndexOf('_')];
            var textPath = Path.Combine(splitFolder, "text", name + ".txt");
            if (!File.Exists(textPath)) continue;
            var text = File.ReadAllText(textPath);
            yield return new AttributionArticle(name, text, Parse(File.ReadAllText(annPath), text.Length));
        }
    }

    /// <summary>Parses brat standoff; a line that does not start a record (T, E or # with a number and a tab) continues the one before.</summary>
    public static IReadOnlyList<GoldAttribution> Parse(string ann, int textLength)
    {
        var records = new List<string>();
        foreach (var line in ann.Split('\n'))
        {
            if (StartsRecord(line) || records.Count == 0) records.Add(line);
            else records[^1] += "\n" + line;
        }

        var spans = new Dictionary<string, BratSpan>(StringComparer.Ordinal);
        var events = new List<string[]>();
        foreach (var record in records)
        {
            var fields = record.Split('\t');
            if (fields.Length < 2) continue;
            if (record.StartsWith('T'))
            {
                var typeAndOffsets = fields[1];
                var space = typeAndOffsets.IndexOf(' ');
                if (space < 0) continue;
                var fragments = new List<(int, int)>();
                foreach (var fragment in typeAndOffsets[(space + 1)..].Split(';'))
                {
                    var parts = fragment.Trim().Split(' ');
                    if (parts.Length == 2 &&
                        int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) &&
                        int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end) &&
                        start <= end && end <= textLength)
                    {
                        fragments.Add((start, end));
                    }
                }

                if (fragments.Count > 0) spans[fields[0]] = new BratSpan(fields[0], typeAndOffsets[..space], fragments);
            }
            else if (record.StartsWith('E'))
            {
                events.Add(fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        var attributions = new List<GoldAttribution>();
        foreach (var arguments in events)
        {
            BratSpan? source = null, cue = null;
            var contents = new List<BratSpan>();
            foreach (var argument in arguments)
            {
                var colon = argument.IndexOf(':');
                if (colon < 0 || !spans.TryGetValue(argument[(colon + 1)..], out var span)) continue;
                var role = argument[..colon];
                if (role == "Source") source = span;
                else if (role == "Cue") cue = span;
                else if (role.StartsWith("Content", StringComparison.Ordinal)) contents.Add(span);
            }

            attributions.Add(new GoldAttribution(source, cue, contents));
        }

        return attributions;
    }

    private static bool StartsRecord(string line)
    {
        if (line.Length < 2 || line[0] is not ('T' or 'E' or '#')) return false;
        var i = 1;
        while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
        return i > 1 && i < line.Length && line[i] == '\t';
    }
}
