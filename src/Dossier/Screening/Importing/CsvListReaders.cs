using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Dossier.Screening.Importing;

/// <summary>The CSV-shaped lists: simple CSV, PRC counter-sanctions, BIS Denied Persons text, FCC Covered List table, CSL CSV.</summary>
internal static partial class CsvListReaders
{
    public static IEnumerable<WatchlistVersion> ReadSimple(TextReader reader, string defaultList, string fallbackDate)
    {
        var entries = new List<WatchlistEntry>();
        foreach (var row in CsvTable.ReadWithHeader(reader))
        {
            var rawName = row.Get("name");
            if (rawName.Length == 0) continue;
            var list = row.Get("list") is { Length: > 0 } named ? named : defaultList;
            var (name, acronyms) = ImportText.SplitParenthesised(rawName);
            var aliases = ImportText.SplitValues(row.Get("aliases")).Concat(acronyms).Concat(ImportText.SplitValues(row.Get("previous_name")));
            var date = ImportText.IsoDate(row.Get("date"));
            var kind = ImportText.Kind(row.Get("schema") is { Length: > 0 } schema ? schema : row.Get("type"));
            entries.Add(new WatchlistEntry(
                ImportText.ListedEntryId(list, name, date),
                list,
                name,
                ImportText.Distinct(aliases, name),
                kind,
                ImportText.Countries(ImportText.SplitValues(row.Get("country"))),
                ImportText.Distinct(ImportText.SplitValues(row.Get("birth_date")).Select(ImportText.IsoDate)),
                NullIfEmpty(row.Get("program")),
                date,
                ImportText.IsoDate(row.Get("end_date")),
                NullIfEmpty(row.Get("source"))));
        }

        return Versions(entries, "simple-csv", fallbackDate);
    }

    public static IEnumerable<WatchlistVersion> ReadCounterSanctions(TextReader reader, string fallbackDate)
    {
        const string list = "PRC counter-sanctions";
        var entries = new List<WatchlistEntry>();
        foreach (var row in CsvTable.ReadWithHeader(reader))
        {
            var name = row.Get("Name");
            if (name.Length == 0) continue;
            var date = ImportText.IsoDate(row.Get("Date"));
            var program = string.Join(", ", new[] { row.Get("Body"), row.Get("List") }.Where(v => v.Length > 0));
            entries.Add(new WatchlistEntry(
                ImportText.ListedEntryId(list, name, date),
                list,
                name,
                ImportText.Distinct(ImportText.SplitValues(row.Get("Alias")).Append(row.Get("Chinese name")), name),
                ImportText.Kind(row.Get("Type")),
                ImportText.Countries(ImportText.SplitValues(row.Get("Country"))),
                [],
                program.Length > 0 ? program : null,
                date,
                ImportText.IsoDate(row.Get("End date")),
                NullIfEmpty(row.Get("Source URL"))));
        }

        return Versions(entries, "prc-counter-sanctions-csv", fallbackDate);
    }

    /// <summary>The BIS dpl.txt: one row per party and address, so rows of one name merge into one entry.</summary>
    public static IEnumerable<WatchlistVersion> ReadDeniedPersons(TextReader reader, string fallbackDate)
    {
        const string list = "BIS Denied Persons List";
        var byName = new Dictionary<string, WatchlistEntry>(StringComparer.Ordinal);
        foreach (var row in CsvTable.ReadWithHeader(reader, '\t'))
        {
            var name = row.Get("Name").Trim();
            if (name.Length == 0) continue;
            var date = ImportText.IsoDate(row.Get("Effective_Date"));
            var id = ImportText.ListedEntryId(list, name, null);
            var countries = ImportText.Countries([row.Get("Country")]);
            if (byName.TryGetValue(id, out var existing))
            {
                byName[id] = existing with { Countries = existing.Countries.Union(countries).ToImmutableArray() };
                continue;
            }

            byName[id] = new WatchlistEntry(id, list, name, [], EntryKind.Unknown, countries, [], NullIfEmpty(row.Get("FR_Citation")), date);
        }

        return Versions(byName.Values.ToList(), "bis-dpl-text", fallbackDate);
    }

    /// <summary>The FCC table names companies inside prose ("equipment produced by Huawei Technologies Company, including …").</summary>
    public static IEnumerable<WatchlistVersion> ReadFccTable(TextReader reader, string fallbackDate)
    {
        const string list = "FCC Covered List";
        var entries = new List<WatchlistEntry>();
        foreach (var row in CsvTable.ReadWithHeader(reader))
        {
            var match = ProducedByRegex().Match(row.Get("covered_equipment_or_services"));
            if (!match.Success) continue;
            var name = match.Groups["name"].Value.Trim().TrimEnd(',');
            var date = ImportText.IsoDate(row.Get("date_of_inclusion_on_covered_list"));
            entries.Add(new WatchlistEntry(
                ImportText.ListedEntryId(list, name, date), list, name, [], EntryKind.Organization, [], [],
                "Secure and Trusted Communications Networks Act of 2019, Sec. 2; 47 CFR 1.50002", date));
        }

        return Versions(entries, "fcc-covered-list-table", fallbackDate);
    }

    public static IEnumerable<WatchlistVersion> ReadConsolidatedScreeningList(TextReader reader, string fallbackDate)
    {
        var entries = new List<WatchlistEntry>();
        foreach (var row in CsvTable.ReadWithHeader(reader))
        {
            var name = row.Get("name");
            var source = row.Get("source");
            if (name.Length == 0 || source.Length == 0 || row.Count < 8) continue;
            var id = row.Get("_id") is { Length: > 0 } rowId ? rowId : row.Get("entity_number");
            var addressCountries = ImportText.SplitValues(row.Get("addresses"), "; ").Select(a => a.Split(',').Last().Trim());
            entries.Add(new WatchlistEntry(
                "csl:" + (id.Length > 0 ? id : ImportText.Slug(source + " " + name)),
                ListNames.ForCslSource(source),
                name,
                ImportText.Distinct(ImportText.SplitValues(row.Get("alt_names"), "; "), name),
                ImportText.Kind(row.Get("type")),
                ImportText.Countries(ImportText.SplitValues(row.Get("citizenships"), "; ")
                    .Concat(ImportText.SplitValues(row.Get("nationalities"), "; ")).Concat(addressCountries)),
                ImportText.Distinct(ImportText.SplitValues(row.Get("dates_of_birth"), "; ").Select(ImportText.IsoDate)),
                NullIfEmpty(row.Get("programs")),
                ImportText.IsoDate(row.Get("start_date")),
                ImportText.IsoDate(row.Get("end_date")),
                NullIfEmpty(row.Get("source_list_url"))));
        }

        return Versions(entries, "us-csl-csv", fallbackDate);
    }

    /// <summary>One version per list named in the rows, dated by the newest date the rows carry.</summary>
    internal static IEnumerable<WatchlistVersion> Versions(IReadOnlyList<WatchlistEntry> entries, string format, string fallbackDate) =>
        entries.GroupBy(e => e.List, StringComparer.Ordinal)
            .Select(group =>
            {
                var unique = group.GroupBy(e => e.Id, StringComparer.Ordinal).Select(MergeDuplicates).ToList();
                var newest = ImportText.MaxDate(unique.SelectMany(e => new[] { e.ListedOn, e.EndDate }), fallbackDate);
                var version = string.CompareOrdinal(newest, fallbackDate) > 0 ? fallbackDate : newest;

                // An end date after the publication (a denial order's expiry) is not a removal yet.
                var entries = unique.Select(e => e.EndDate is not null && string.CompareOrdinal(e.EndDate, version) > 0 ? e with { EndDate = null } : e).ToList();
                return new WatchlistVersion(group.Key, format, version, entries);
            });

    private static WatchlistEntry MergeDuplicates(IGrouping<string, WatchlistEntry> same)
    {
        var first = same.First();
        if (!same.Skip(1).Any()) return first;
        return first with
        {
            Aliases = ImportText.Distinct(same.SelectMany(e => e.Aliases), first.Name),
            Countries = same.SelectMany(e => e.Countries).Distinct(StringComparer.Ordinal).ToImmutableArray(),
            BirthDates = same.SelectMany(e => e.BirthDates).Distinct(StringComparer.Ordinal).ToImmutableArray(),
        };
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex(@"(?:produced|provided) by (?<name>[A-Z][^,(]+?(?:,? (?:Inc|Ltd|Co)\.?)?)(?:,| and its| \(|\.|$)")]
    private static partial Regex ProducedByRegex();
}

/// <summary>The list names used for one list whatever format it came in, so that two publications of it version one list.</summary>
internal static class ListNames
{
    /// <summary>CSL rows keep their own list names: the CSL is a separate (and often older) publication of each source list.</summary>
    public static string ForCslSource(string source) => "US CSL: " + source.Split(" - ")[0].Trim();

    public static string ForExtractedListId(string listId) => listId.ToLowerInvariant() switch
    {
        "bis-dpl" => "BIS Denied Persons List",
        "bis-entity-list" => "BIS Entity List",
        "bis-meu" => "BIS Military End-User (MEU) List",
        _ => listId,
    };
}
