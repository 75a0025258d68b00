using System.Globalization;

namespace Dossier.Screening;

/// <summary>Country names, demonyms and codes as lists write them, folded to lower-case ISO 3166-1 alpha-2 codes.</summary>
public static class CountryCodes
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Names = new(Build);

    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var key = Key(value);
        if (key.Length == 2 && key.All(char.IsAsciiLetter)) return key;
        return Names.Value.TryGetValue(key, out var code) ? code : null;
    }

    private static string Key(string value) => string.Join(' ', value.Trim().Trim('.').ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static IReadOnlyDictionary<string, string> Build()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                if (region.TwoLetterISORegionName.Length != 2) continue;
                var code = region.TwoLetterISORegionName.ToLowerInvariant();
                names.TryAdd(Key(region.EnglishName), code);
                names.TryAdd(Key(region.ThreeLetterISORegionName), code);
            }
            catch (ArgumentException)
            {
                // A culture without a region of its own.
            }
        }

        foreach (var line in EmbeddedData.ReadLines("Screening.Data.country-names.tsv"))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2) names[Key(parts[0])] = parts[1].Trim().ToLowerInvariant();
        }

        return names;
    }
}
