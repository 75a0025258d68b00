using System.Globalization;
using System.Text;

namespace Dossier.Screening.Importing;

/// <summary>What one input file gave: its lists, or why nothing was read from it.</summary>
public sealed record ListFileResult(string Path, ListFormat Format, IReadOnlyList<WatchlistVersion> Versions, string? Problem = null);

/// <summary>
/// Reads sanctions and export-control lists in their published formats, recognised by content. A folder is read
/// recursively; OFAC alias, address and remarks files are read together with the primary file beside them.
/// </summary>
public sealed class WatchlistImporter
{
    /// <summary>Larger files are refused: the largest published list is far below this.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    public async Task<IReadOnlyList<ListFileResult>> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var results = new List<ListFileResult>();
        foreach (var path in paths)
        {
            var files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
                : [path];
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = await ReadFileAsync(file, cancellationToken);
                if (Directory.Exists(path) && result.Format is ListFormat.Unknown or ListFormat.OfacLegacyPart) continue;
                results.Add(result);
            }
        }

        return results;
    }

    public async Task<ListFileResult> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return new ListFileResult(path, ListFormat.Unknown, [], "no such file");
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes) return new ListFileResult(path, ListFormat.Unknown, [], $"larger than {MaxFileBytes:N0} bytes");
        var fallbackDate = info.LastWriteTimeUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ListFormat format = ListFormat.Unknown;
        try
        {
            format = ListFormatSniffer.Detect(await ListFormatSniffer.ReadHeadAsync(path, cancellationToken));
            var versions = await ReadAsync(path, format, fallbackDate, cancellationToken);
            return format switch
            {
                ListFormat.Unknown => new ListFileResult(path, format, [], "not a list format this importer knows"),
                ListFormat.OfacLegacyPart => new ListFileResult(path, format, [], "an OFAC alias/address/remarks file: import the primary file (sdn.csv, cons_prim.csv) beside it"),
                _ when versions.Sum(v => v.Entries.Count) == 0 => new ListFileResult(path, format, versions, "no entries found"),
                _ => new ListFileResult(path, format, versions),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or System.Xml.XmlException or DecoderFallbackException)
        {
            return new ListFileResult(path, format, [], exception.Message);
        }
    }

    private static async Task<IReadOnlyList<WatchlistVersion>> ReadAsync(string path, ListFormat format, string fallbackDate, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case ListFormat.OfacLegacyPrimary:
                return await OfacLegacyReader.ReadAsync(path, fallbackDate, cancellationToken);
            case ListFormat.UnSecurityCouncilXml:
            {
                await using var stream = File.OpenRead(path);
                return await UnScXmlReader.ReadAsync(stream, fallbackDate, cancellationToken);
            }
            case ListFormat.ExtractedListJson:
            {
                await using var stream = File.OpenRead(path);
                return await JsonListReaders.ReadExtractedAsync(stream, fallbackDate, cancellationToken);
            }
            case ListFormat.ConsolidatedScreeningListJson:
            {
                await using var stream = File.OpenRead(path);
                return await JsonListReaders.ReadConsolidatedScreeningListAsync(stream, fallbackDate, cancellationToken);
            }
            case ListFormat.FollowTheMoneyEntities or ListFormat.FollowTheMoneyDelta:
            {
                using var reader = new StreamReader(path, Encoding.UTF8);
                var stem = Path.GetFileName(path).Split('.')[0];
                return await JsonListReaders.ReadFollowTheMoneyAsync(reader, "OpenSanctions: " + stem, format == ListFormat.FollowTheMoneyDelta, fallbackDate, cancellationToken);
            }
        }

        using var text = new StreamReader(path, Encoding.UTF8);
        return format switch
        {
            ListFormat.SimpleCsv => CsvListReaders.ReadSimple(text, Path.GetFileNameWithoutExtension(path), fallbackDate).ToList(),
            ListFormat.CounterSanctionsCsv => CsvListReaders.ReadCounterSanctions(text, fallbackDate).ToList(),
            ListFormat.DeniedPersonsText => CsvListReaders.ReadDeniedPersons(text, fallbackDate).ToList(),
            ListFormat.FccCoveredListTable => CsvListReaders.ReadFccTable(text, fallbackDate).ToList(),
            ListFormat.ConsolidatedScreeningListCsv => CsvListReaders.ReadConsolidatedScreeningList(text, fallbackDate).ToList(),
            _ => [],
        };
    }
}
