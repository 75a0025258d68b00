using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Dossier.Screening.Importing;

/// <summary>
/// OFAC's legacy CSV: a primary file (sdn.csv, cons_prim.csv) and, beside it, the alias, address and remarks-overflow
/// files that share its entity numbers. No header; "-0-" means empty.
/// </summary>
internal static partial class OfacLegacyReader
{
    public static async Task<IReadOnlyList<WatchlistVersion>> ReadAsync(string primaryPath, string fallbackDate, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(primaryPath);
        var isConsolidated = fileName.Contains("cons", StringComparison.OrdinalIgnoreCase) || fileName.Contains("prim", StringComparison.OrdinalIgnoreCase);
        var list = isConsolidated ? "OFAC Consolidated (non-SDN)" : "OFAC SDN";
        var prefix = isConsolidated ? "ofac-cons-" : "ofac-sdn-";
        var folder = Path.GetDirectoryName(Path.GetFullPath(primaryPath)) ?? ".";
        var stem = fileName.Replace("sdn.csv", "", StringComparison.OrdinalIgnoreCase).Replace("prim.csv", "", StringComparison.OrdinalIgnoreCase);

        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var countries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var remarks = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        await ReadPartAsync(Path.Combine(folder, stem + "alt.csv"), row => Add(aliases, row[0], Field(row, 3)), cancellationToken);
        await ReadPartAsync(Path.Combine(folder, stem + "add.csv"), row => Add(countries, row[0], Field(row, 4)), cancellationToken);
        foreach (var commentsName in new[] { stem + "comments.csv", stem + "sdn_comments.csv" })
        {
            await ReadPartAsync(Path.Combine(folder, commentsName), row =>
            {
                if (Field(row, 1) is { } text) (remarks.TryGetValue(row[0], out var b) ? b : remarks[row[0]] = new StringBuilder()).Append(' ').Append(text);
            }, cancellationToken);
        }

        var entries = new List<WatchlistEntry>();
        using var reader = new StreamReader(primaryPath, Encoding.UTF8);
        foreach (var row in CsvTable.Read(reader))
        {
            if (row.Length < 4 || !int.TryParse(row[0].Trim(), out _)) continue;
            var number = row[0].Trim();
            var name = Field(row, 1);
            if (name is null) continue;
            var remark = (Field(row, 11) ?? "") + (remarks.TryGetValue(number, out var more) ? more.ToString() : "");
            var nationalities = NationalityRegex().Matches(remark).Select(m => m.Groups[1].Value);
            entries.Add(new WatchlistEntry(
                prefix + number,
                list,
                name,
                ImportText.Distinct(aliases.GetValueOrDefault(number) ?? [], name),
                Field(row, 2) is { } type ? ImportText.Kind(type) : EntryKind.Organization,
                ImportText.Countries((countries.GetValueOrDefault(number) ?? []).Concat(nationalities)),
                ImportText.Distinct(BirthDateRegex().Matches(remark).Select(m => ImportText.IsoDate(m.Groups[1].Value))),
                Field(row, 3)?.Replace("] [", "; ", StringComparison.Ordinal).Trim('[', ']'),
                ImportText.IsoDate(ListingDateRegex().Match(remark) is { Success: true } listed ? listed.Groups[1].Value : null),
                Source: null));
        }

        return [new WatchlistVersion(list, "ofac-legacy-csv", fallbackDate, entries)];
    }

    private static async Task ReadPartAsync(string path, Action<string[]> onRow, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return;
        cancellationToken.ThrowIfCancellationRequested();
        using var reader = new StreamReader(path, Encoding.UTF8);
        foreach (var row in CsvTable.Read(reader))
        {
            if (row.Length >= 2 && int.TryParse(row[0].Trim(), out _)) onRow(row);
        }

        await Task.CompletedTask;
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string? value)
    {
        if (value is null) return;
        var k = key.Trim();
        (map.TryGetValue(k, out var values) ? values : map[k] = []).Add(value);
    }

    private static string? Field(string[] row, int index) =>
        index < row.Length && row[index].Trim() is { Length: > 0 } value && value != "-0-" ? value : null;

    [GeneratedRegex(@"DOB (?:circa )?(\d{1,2} [A-Z][a-z]{2} \d{4}|[A-Z][a-z]{2} \d{4}|\d{4})")]
    private static partial Regex BirthDateRegex();

    [GeneratedRegex(@"Listing Date \([^)]*\) (\d{1,2} [A-Z][a-z]{2} \d{4})")]
    private static partial Regex ListingDateRegex();

    [GeneratedRegex(@"(?:nationality|Nationality|citizen) ([A-Z][A-Za-z ]{2,30}?)[;.]")]
    private static partial Regex NationalityRegex();
}
