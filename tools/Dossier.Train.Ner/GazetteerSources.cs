using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Entities.Ner;

namespace Dossier.Train.Ner;

/// <summary>
/// Builds the gazetteer from the shared name lists, keeping each source list apart (a feature per list, as
/// Ratinov and Roth did), with entries split into tokens the way the tokenizer splits running text.
/// </summary>
internal static partial class GazetteerSources
{
    /// <param name="sanctions">The OFAC SDN list folder, whose entity and individual names become two lists more (after all others, so the others keep their features), or null.</param>
    public static Gazetteer Build(string resources, Action<string> log, string? sanctions = null)
    {
        var builder = new Gazetteer.Builder();
        var illinois = Path.Combine(resources, "illinois_gazetteers");
        foreach (var name in new[] { "WikiLocations", "WikiLocationsRedirects", "WikiOrganizations", "WikiOrganizationsRedirects" })
        {
            AddLines(builder, "ill-" + name, ReadLines(Path.Combine(illinois, name + ".lst.gz")));
        }

        // Sports results name clubs without their suffix ("Barnsley", not "Barnsley F.C.") and Wikipedia titles
        // carry a disambiguation ("Leeds Rhinos (rugby league)"): the short forms are a list of their own.
        AddLines(builder, "ill-WikiOrganizations-short", new[] { "WikiOrganizations", "WikiOrganizationsRedirects" }
            .SelectMany(name => ReadLines(Path.Combine(illinois, name + ".lst.gz")))
            .Select(ShortOrganisationName).OfType<string>());

        foreach (var name in new[] { "known_corporations", "known_country", "known_nationalities", "known_state", "known_place", "known_name", "known_names.big", "known_title" })
        {
            AddLines(builder, "ill-" + name, ReadLines(Path.Combine(illinois, name + ".lst")));
        }

        AddLines(builder, "ill-numbers", ReadLines(Path.Combine(illinois, "cardinalNumber.txt")).Concat(ReadLines(Path.Combine(illinois, "ordinalNumber.txt"))));
        AddLines(builder, "ill-currency", ReadLines(Path.Combine(illinois, "currencyFinal.txt")).Concat(ReadLines(Path.Combine(illinois, "measurments.txt"))));
        AddLines(builder, "ill-temporal", ReadLines(Path.Combine(illinois, "temporal_words.txt")));

        // ANNIE: one list per major type of lists.def (organization, location, person_first, ...).
        var annie = Path.Combine(resources, "annie_gazetteer");
        foreach (var definitions in new[] { Path.Combine(annie, "lists.def"), Path.Combine(annie, "government", "lists.def") })
        {
            if (!File.Exists(definitions)) continue;
            var folder = Path.GetDirectoryName(definitions)!;
            foreach (var line in ReadLines(definitions))
            {
                var parts = line.Split(':');
                if (parts.Length < 2) continue;
                var file = Path.Combine(folder, parts[0]);
                if (!File.Exists(file)) continue;
                var major = parts[1] switch
                {
                    "department" or "agency" => "organization",
                    "position" or "minister" => "title",
                    "constituency" or "operations" or "war" or "war_key" or "government" => "government-other",
                    "organization" when parts.Length > 2 && parts[2] == "company" => "company",
                    "location" when parts.Length > 2 && parts[2] == "country" => "country",
                    "location" when parts.Length > 2 && parts[2] == "city" => "city",
                    _ => parts[1],
                };
                if (major is "time" or "time_unit" or "time_modifier" or "timeofday" or "date_key" or "date_unit" or "year" or "sport" or "facility_key_ext" or "ident_key" or "stop" or "spur" or "greeting" or "say" or "phone_prefix" or "url_key" or "ident_key" or "spur_ident" or "number_fold" or "cdg" or "adbc") continue;
                AddLines(builder, "annie-" + major, ReadLines(file, Encoding.Latin1).Select(StripFeatures));
            }
        }

        // GeoNames: city names, their Latin-script alternates, and first-level divisions and countries.
        var geonames = Path.Combine(resources, "geonames");
        var cities = new List<string>();
        foreach (var line in ReadLines(Path.Combine(geonames, "cities15000.txt.gz")))
        {
            var columns = line.Split('\t');
            if (columns.Length < 4) continue;
            cities.Add(columns[1]);
            cities.Add(columns[2]);
            cities.AddRange(columns[3].Split(',').Where(IsLatin));
        }

        AddLines(builder, "geo-city", cities);
        AddLines(builder, "geo-admin", ReadLines(Path.Combine(geonames, "admin1CodesASCII.txt")).SelectMany(line => line.Split('\t').Skip(1).Take(2)));
        AddLines(builder, "geo-country", ReadLines(Path.Combine(geonames, "countryInfo.txt")).Where(line => !line.StartsWith('#'))
            .SelectMany(line => line.Split('\t') is { Length: > 5 } c ? new[] { c[4], c[5] } : []));

        // Countries: names and alternate spellings are places; demonyms are MISC-like adjectives.
        var countries = ReadCsv(Path.Combine(resources, "countries", "countries.csv"));
        var header = countries[0];
        int Column(string name) => Array.IndexOf(header, name);
        var nameColumns = new[] { Column("name.common"), Column("name.official"), Column("altSpellings") };
        var demonymColumns = new[] { Column("demonyms.eng.m"), Column("demonyms.eng.f") };
        AddLines(builder, "countries-name", countries.Skip(1).SelectMany(row => nameColumns.SelectMany(c => row[c].Split(','))).Where(name => name.Length > 3 || name.All(char.IsUpper)));
        AddLines(builder, "countries-demonym", countries.Skip(1).SelectMany(row => demonymColumns.SelectMany(c => row[c].Split(','))));

        // SEC companies, as filed and without their legal suffixes.
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(resources, "companies", "company_tickers_exchange.json"))))
        {
            var names = new List<string>();
            foreach (var row in json.RootElement.GetProperty("data").EnumerateArray())
            {
                var name = row[1].GetString();
                if (string.IsNullOrWhiteSpace(name)) continue;
                names.Add(name);
                var stripped = StripCompanySuffix(name);
                if (stripped.Length > 2) names.Add(stripped);
            }

            AddLines(builder, "sec-company", names);
        }

        // Census names: first names, and surnames split by frequency rank since rare surnames are often words.
        var census = Path.Combine(resources, "names_census1990");
        AddLines(builder, "census-first", ReadLines(Path.Combine(census, "dist.male.first")).Concat(ReadLines(Path.Combine(census, "dist.female.first"))).Select(FirstField));
        var surnames = ReadLines(Path.Combine(census, "dist.all.last")).Select(FirstField).ToList();
        AddLines(builder, "census-last-common", surnames.Take(5000));
        AddLines(builder, "census-last-rare", surnames.Skip(5000));

        // Reuters-21578 category vocabularies: people, places and organisations named in 1987 news.
        var reuters = Path.Combine(resources, "reuters21578");
        foreach (var name in new[] { "people", "places", "orgs", "exchanges" })
        {
            AddLines(builder, "reuters-" + name, ReadLines(Path.Combine(reuters, $"all-{name}-strings.lc.txt")).Select(entry => entry.Replace('-', ' ')));
        }

        if (sanctions is not null) AddSanctionedNames(builder, sanctions);
        var gazetteer = builder.Build();
        log($"gazetteer: {gazetteer.ListNames.Count} lists, {gazetteer.PhraseCount} phrases");
        return gazetteer;
    }

    // sdn.csv: entity number, name, type ("individual", "vessel", "aircraft", or -0- for an organisation), ...;
    // individuals are written "SURNAME, Given Names", as news text never writes them.
    private static void AddSanctionedNames(Gazetteer.Builder builder, string folder)
    {
        var rows = ReadCsv(Path.Combine(folder, "sdn.csv")).Where(row => row.Length >= 3).ToList();
        var organisations = rows.Where(row => row[2].Trim() == "-0-").Select(row => row[1].Trim()).ToList();
        AddLines(builder, "ofac-entity", organisations.Concat(organisations.Select(StripCompanySuffix).Where(name => name.Length > 2)));
        AddLines(builder, "ofac-individual", rows.Where(row => row[2].Trim() == "individual").Select(row => row[1].Split(", ", 2)).Where(parts => parts.Length == 2)
            .Select(parts => parts[1].Trim() + " " + parts[0].Trim()));
    }

    private static void AddLines(Gazetteer.Builder builder, string list, IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            var trimmed = entry.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            builder.Add(list, Tokenize(trimmed));
        }
    }

    /// <summary>Splits like the CoNLL tokenisation: spaces, then punctuation apart from the word, periods kept on abbreviations.</summary>
    public static IReadOnlyList<string> Tokenize(string entry)
    {
        var tokens = new List<string>();
        foreach (Match match in TokenPattern().Matches(entry)) tokens.Add(match.Value);
        return tokens;
    }

    [GeneratedRegex(@"(?:[A-Za-z]\.){2,}|[\p{L}\p{N}]+(?:[-'&.][\p{L}\p{N}]+)*(?:\.(?=\s|$))?|'s|[^\s\p{L}\p{N}]")]
    private static partial Regex TokenPattern();

    private static string? ShortOrganisationName(string name)
    {
        var match = OrganisationQualifier().Match(name);
        if (!match.Success) return null;
        var shortName = name[..match.Index].Trim();
        return shortName.Length > 2 ? shortName : null;
    }

    [GeneratedRegex(@"(?:\s+\([^)]*\)|\s+(?:A\.?F\.?C\.?|F\.?C\.?|C\.?F\.?|S\.?C\.?|F\.?K\.?|S\.?K\.?|A\.?C\.?|R\.?F\.?C\.?|B\.?C\.?|Football Club|Soccer Club|Cricket Club|Rugby Club))\s*$")]
    private static partial Regex OrganisationQualifier();

    private static string StripFeatures(string entry)
    {
        var colon = entry.IndexOf(':');
        return colon > 0 && entry.IndexOf('=', colon) > 0 ? entry[..colon] : entry;
    }

    private static string FirstField(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    private static bool IsLatin(string name) => name.Length > 1 && name.All(c => c < 0x250);

    private static readonly string[] CompanySuffixes =
        ["INC", "CORP", "CORPORATION", "CO", "LTD", "PLC", "LLC", "LP", "HOLDINGS", "HOLDING", "GROUP", "SA", "NV", "AG", "TRUST", "COMPANY", "INCORPORATED", "LIMITED"];

    private static string StripCompanySuffix(string name)
    {
        var words = name.Replace(",", " ").Replace("/DE/", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && CompanySuffixes.Contains(words[^1].TrimEnd('.').ToUpperInvariant())) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    private static List<string[]> ReadCsv(string path)
    {
        var rows = new List<string[]>();
        foreach (var line in File.ReadLines(path))
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
            }

            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }

    public static IEnumerable<string> ReadLines(string path, Encoding? encoding = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Resource missing: {path}", path);
        using var stream = File.OpenRead(path);
        using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream, encoding ?? Encoding.UTF8);
        while (reader.ReadLine() is { } line) yield return line.TrimStart('\uFEFF').TrimEnd('\r');
    }
}
