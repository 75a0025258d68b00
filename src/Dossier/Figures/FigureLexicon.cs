using System.Collections.Frozen;
using System.Globalization;

namespace Dossier.Figures;

/// <summary>The words figures are written with (scales, currencies, number words, months), read from Figures/Data.</summary>
public sealed class FigureLexicon
{
    private FigureLexicon(FrozenDictionary<string, FrozenDictionary<string, string>> byKind) => ByKind = byKind;

    private FrozenDictionary<string, FrozenDictionary<string, string>> ByKind { get; }

    public static FigureLexicon Load()
    {
        var byKind = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.ReadLines("Figures.Data.figure-words.txt"))
        {
            var parts = line.Split('\t');
            if (parts.Length != 3) continue;
            if (!byKind.TryGetValue(parts[0], out var words)) byKind[parts[0]] = words = new Dictionary<string, string>(StringComparer.Ordinal);
            words[parts[1]] = parts[2];
        }

        return new FigureLexicon(byKind.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal));
    }

    public string? Lookup(string kind, string word) =>
        ByKind.TryGetValue(kind, out var words) && words.TryGetValue(word, out var value) ? value : null;

    public decimal? Number(string kind, string word) =>
        Lookup(kind, word) is { } value ? decimal.Parse(value, CultureInfo.InvariantCulture) : null;
}
