using System.Text;

namespace Dossier.Screening.Importing;

/// <summary>The published list formats the importer reads; recognised from the content, never from the file name.</summary>
public enum ListFormat
{
    Unknown,
    OfacLegacyPrimary,
    OfacLegacyPart,
    ConsolidatedScreeningListCsv,
    ConsolidatedScreeningListJson,
    UnSecurityCouncilXml,
    FollowTheMoneyEntities,
    FollowTheMoneyDelta,
    SimpleCsv,
    CounterSanctionsCsv,
    DeniedPersonsText,
    ExtractedListJson,
    FccCoveredListTable,
}

internal static class ListFormatSniffer
{
    public static ListFormat Detect(string head)
    {
        var text = head.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('<'))
        {
            return text.Contains("CONSOLIDATED_LIST", StringComparison.Ordinal) ? ListFormat.UnSecurityCouncilXml : ListFormat.Unknown;
        }

        if (text.StartsWith('{') || text.StartsWith('['))
        {
            var firstLine = text.Split('\n', 2)[0];
            if (firstLine.Contains("\"op\"", StringComparison.Ordinal) && firstLine.Contains("\"entity\"", StringComparison.Ordinal)) return ListFormat.FollowTheMoneyDelta;
            if (firstLine.Contains("\"schema\"", StringComparison.Ordinal) && firstLine.Contains("\"properties\"", StringComparison.Ordinal)) return ListFormat.FollowTheMoneyEntities;
            if (text.Contains("\"list_id\"", StringComparison.Ordinal) && text.Contains("\"entities\"", StringComparison.Ordinal)) return ListFormat.ExtractedListJson;
            if (text.Contains("\"alt_names\"", StringComparison.Ordinal) || text.Contains("\"results\"", StringComparison.Ordinal)) return ListFormat.ConsolidatedScreeningListJson;
            return ListFormat.Unknown;
        }

        var header = FirstRow(text, text.Split('\n', 2)[0].Contains('\t') ? '\t' : ',');
        if (header.Length == 0) return ListFormat.Unknown;
        var names = new HashSet<string>(header.Select(h => h.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        if (names.Contains("name") && names.Contains("street_address")) return ListFormat.DeniedPersonsText;
        if (names.Contains("alt_names") && names.Contains("source") && names.Contains("name")) return ListFormat.ConsolidatedScreeningListCsv;
        if (names.Contains("chinese name") && names.Contains("type") && names.Contains("name")) return ListFormat.CounterSanctionsCsv;
        if (names.Contains("covered_equipment_or_services")) return ListFormat.FccCoveredListTable;
        if (names.Contains("name") && (names.Contains("list") || names.Contains("aliases"))) return ListFormat.SimpleCsv;
        if (int.TryParse(header[0].Trim(), out _))
        {
            if (header.Length >= 12) return ListFormat.OfacLegacyPrimary;
            if (header.Length is >= 2 and <= 6) return ListFormat.OfacLegacyPart;
        }

        return ListFormat.Unknown;
    }

    private static string[] FirstRow(string text, char delimiter)
    {
        using var reader = new StringReader(text.Length > 8192 ? text[..8192] : text);
        return CsvTable.Read(reader, delimiter).FirstOrDefault() ?? [];
    }

    public static async Task<string> ReadHeadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var buffer = new byte[8192];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
