using System.IO.Compression;
using Dossier.Screening;
using Dossier.Screening.Importing;
using Dossier.Screening.Matching;

namespace Dossier.Bench;

/// <summary>A labelled pair of parties from one of the matching sets; Train is a fixed hash split of its id.</summary>
internal sealed record LabelledPair(string Set, string Id, PairSide Left, PairSide Right, bool Label, string Group)
{
    public bool Train => Stable(Set + ":" + Id) % 2 == 0;

    private static uint Stable(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}

/// <summary>Reads the shared screening benchmark files (lists and labelled matching sets).</summary>
internal static class ScreeningBenchData
{
    public static IEnumerable<IReadOnlyDictionary<string, string>> Csv(string path)
    {
        using var stream = File.OpenRead(path);
        using var decompressed = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(decompressed);
        foreach (var row in CsvTable.ReadWithHeader(reader)) yield return row;
    }

    public static EntryKind Kind(string schema) => schema switch
    {
        "Person" => EntryKind.Person,
        "Company" or "Organization" or "PublicBody" => EntryKind.Organization,
        "Vessel" or "Airplane" => EntryKind.Vessel,
        "person" => EntryKind.Person,
        _ => EntryKind.Unknown,
    };

    public static List<LabelledPair> Nomenklatura(string folder) =>
        Csv(Path.Combine(folder, "nomenklatura_pairs.csv")).Select(row =>
        {
            var kind = Kind(row.Get("schema"));
            var attributes = PartyAttributes.None with { Kind = kind };
            return new LabelledPair("nomenklatura", row.Get("pair_id"), new PairSide([row.Get("name1")], attributes), new PairSide([row.Get("name2")], attributes),
                row.Get("label") == "1", row.Get("case_group"));
        }).ToList();

    public static List<LabelledPair> OpenSanctionsPairs(string folder, bool useIdentifiers) =>
        Csv(Path.Combine(folder, "opensanctions_pairs_1000.csv")).Where(row => row.Get("name_matchable") == "1").Select(row =>
            new LabelledPair("opensanctions_pairs", row.Get("pair_id"), Side(row, "left", useIdentifiers), Side(row, "right", useIdentifiers), row.Get("label") == "1",
                row.Get("left_schema") == row.Get("right_schema") ? row.Get("left_schema") : "mixed")).ToList();

    private static PairSide Side(IReadOnlyDictionary<string, string> row, string side, bool useIdentifiers)
    {
        static List<string> Split(string value) => value.Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var countries = Split(row.Get(side + "_countries")).Select(CountryCodes.Normalize).Where(c => c is not null).Select(c => c!).ToList();
        var attributes = new PartyAttributes(Kind(row.Get(side + "_schema")), countries, Split(row.Get(side + "_birth_dates")), useIdentifiers ? Split(row.Get(side + "_ids")) : []);
        return new PairSide(Split(row.Get(side + "_names")), attributes);
    }

    public static async Task<List<WatchlistEntry>> AllListsAsync(string listsFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var results = await new WatchlistImporter().ReadAsync([listsFolder], cancellationToken);
        var entries = new List<WatchlistEntry>();
        foreach (var result in results)
        {
            if (result.Problem is not null) output.WriteLine($"  {Path.GetRelativePath(listsFolder, result.Path)}: {result.Format}: {result.Problem}");
            foreach (var version in result.Versions)
            {
                output.WriteLine($"  {Path.GetRelativePath(listsFolder, result.Path)}: {result.Format}: {version.List} ({version.VersionDate}): {version.Entries.Count:N0} entries");
                entries.AddRange(version.Entries);
            }
        }

        // The same list read from two publications (a CSV and a JSON of one list) gives the same entry ids once.
        return entries.GroupBy(e => (e.List, e.Id)).Select(g => g.Last()).ToList();
    }
}
