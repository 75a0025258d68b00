using System.Collections.Immutable;
using System.Text.Json;

namespace Dossier.Screening.Importing;

/// <summary>JSON-shaped lists: FollowTheMoney entities and deltas (JSON lines), extracted list JSON, and the CSL JSON.</summary>
internal static class JsonListReaders
{
    private static readonly HashSet<string> MatchableSchemata = new(StringComparer.Ordinal)
    {
        "Person", "Company", "Organization", "LegalEntity", "Vessel", "Airplane", "PublicBody", "Security",
    };

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowTrailingCommas = true };

    /// <summary>FtM entities, one JSON object a line. Deltas ({"op": "ADD"|"MOD"|"DEL", "entity": …}) mark DEL as removed.</summary>
    public static async Task<IReadOnlyList<WatchlistVersion>> ReadFollowTheMoneyAsync(
        TextReader reader, string list, bool delta, string fallbackDate, CancellationToken cancellationToken)
    {
        var entries = new List<WatchlistEntry>();
        string? newest = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length < 2 || line.Length > (16 << 20)) continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line, Options);
            }
            catch (JsonException)
            {
                continue;
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) continue;
                var removed = false;
                if (delta)
                {
                    removed = string.Equals(String(root, "op"), "DEL", StringComparison.OrdinalIgnoreCase);
                    if (!root.TryGetProperty("entity", out var inner) || inner.ValueKind != JsonValueKind.Object) continue;
                    root = inner;
                }

                if (FromFollowTheMoney(root, list, removed, fallbackDate) is not { } entry) continue;
                entries.Add(entry);
                var changed = String(root, "last_change") ?? String(root, "last_seen");
                if (changed is { Length: >= 10 } && (newest is null || string.CompareOrdinal(changed[..10], newest) > 0)) newest = changed[..10];
            }
        }

        return [new WatchlistVersion(list, delta ? "ftm-delta" : "ftm-entities", newest ?? fallbackDate, entries)];
    }

    private static WatchlistEntry? FromFollowTheMoney(JsonElement entity, string list, bool removed, string fallbackDate)
    {
        var id = String(entity, "id");
        var schema = String(entity, "schema") ?? "";
        if (id is null || !MatchableSchemata.Contains(schema)) return null;
        if (!entity.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object) return null;
        var names = Values(properties, "name").ToList();
        var name = names.FirstOrDefault() ?? String(entity, "caption");
        if (name is null) return null;
        var aliases = names.Skip(1).Concat(Values(properties, "alias")).Concat(Values(properties, "previousName")).Concat(Values(properties, "weakAlias"));
        var countries = new[] { "country", "nationality", "citizenship", "jurisdiction", "mainCountry" }.SelectMany(p => Values(properties, p));
        var births = Values(properties, "birthDate").Concat(Values(properties, "incorporationDate")).Select(ImportText.IsoDate);
        var datasets = entity.TryGetProperty("datasets", out var ds) && ds.ValueKind == JsonValueKind.Array
            ? string.Join(", ", ds.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()))
            : null;
        var firstSeen = String(entity, "first_seen");
        return new WatchlistEntry(
            id,
            list,
            name,
            ImportText.Distinct(aliases, name),
            schema switch
            {
                "Person" => EntryKind.Person,
                "Vessel" or "Airplane" => EntryKind.Vessel,
                "LegalEntity" => EntryKind.Unknown,
                _ => EntryKind.Organization,
            },
            ImportText.Countries(countries),
            ImportText.Distinct(births),
            string.IsNullOrEmpty(datasets) ? null : datasets,
            firstSeen is { Length: >= 10 } ? firstSeen[..10] : null,
            removed ? fallbackDate : null);
    }

    /// <summary>{list_id, extracted, entities:[{name, aliases, country, effective_date, federal_register, …}]}.</summary>
    public static async Task<IReadOnlyList<WatchlistVersion>> ReadExtractedAsync(Stream stream, string fallbackDate, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(stream, Options, cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return [];
        var list = ListNames.ForExtractedListId(String(root, "list_id") ?? "unnamed list");
        var version = ImportText.IsoDate(String(root, "extracted")) ?? fallbackDate;
        var entries = new List<WatchlistEntry>();
        if (root.TryGetProperty("entities", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || String(item, "name") is not { Length: > 0 } rawName) continue;
                var (name, acronyms) = ImportText.SplitParenthesised(rawName);
                var date = ImportText.IsoDate(String(item, "effective_date"));
                entries.Add(new WatchlistEntry(
                    ImportText.ListedEntryId(list, name, date),
                    list,
                    name,
                    ImportText.Distinct(Values(item, "aliases").Concat(acronyms), name),
                    EntryKind.Unknown,
                    ImportText.Countries([String(item, "country")]),
                    [],
                    String(item, "federal_register"),
                    date));
            }
        }

        return CsvListReaders.Versions(entries, "extracted-list-json", version).Select(v => v with { VersionDate = version }).ToList();
    }

    /// <summary>The trade.gov CSL JSON: {results:[…]} or a bare array, with the CSV's field names and arrays for multi-values.</summary>
    public static async Task<IReadOnlyList<WatchlistVersion>> ReadConsolidatedScreeningListAsync(Stream stream, string fallbackDate, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(stream, Options, cancellationToken);
        var root = document.RootElement;
        var results = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array ? r
            : default;
        if (results.ValueKind != JsonValueKind.Array) return [];
        var entries = new List<WatchlistEntry>();
        foreach (var item in results.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || String(item, "name") is not { Length: > 0 } name || String(item, "source") is not { } source) continue;
            var id = String(item, "id") ?? String(item, "_id") ?? String(item, "entity_number") ?? ImportText.Slug(source + " " + name);
            var addressCountries = item.TryGetProperty("addresses", out var addresses) && addresses.ValueKind == JsonValueKind.Array
                ? addresses.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.Object ? String(a, "country") : null)
                : [];
            entries.Add(new WatchlistEntry(
                "csl:" + id,
                ListNames.ForCslSource(source),
                name,
                ImportText.Distinct(Values(item, "alt_names"), name),
                ImportText.Kind(String(item, "type")),
                ImportText.Countries(Values(item, "citizenships").Concat(Values(item, "nationalities")).Concat(addressCountries)),
                ImportText.Distinct(Values(item, "dates_of_birth").Select(ImportText.IsoDate)),
                Values(item, "programs").FirstOrDefault(),
                ImportText.IsoDate(String(item, "start_date")),
                ImportText.IsoDate(String(item, "end_date")),
                String(item, "source_list_url")));
        }

        return CsvListReaders.Versions(entries, "us-csl-json", fallbackDate).ToList();
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A property that may be a string, an array of strings, or a "; "-joined string.</summary>
    private static IEnumerable<string> Values(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value)) return [];
        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Where(v => v.Length > 0).ToList(),
            JsonValueKind.String => ImportText.SplitValues(value.GetString(), "; ").ToList(),
            _ => [],
        };
    }
}
