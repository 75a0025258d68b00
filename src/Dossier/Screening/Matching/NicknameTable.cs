namespace Dossier.Screening.Matching;

/// <summary>Given names that are variants of one another (Mike/Michael, Aleksandr/Alexander), from Screening/Data/nicknames.tsv.</summary>
public sealed class NicknameTable
{
    private readonly Dictionary<string, HashSet<int>> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _variants = new(StringComparer.Ordinal);

    public NicknameTable()
    {
        var group = 0;
        foreach (var line in EmbeddedData.ReadLines("Screening.Data.nicknames.tsv"))
        {
            foreach (var name in line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!_groups.TryGetValue(name, out var set)) _groups[name] = set = [];
                set.Add(group);
            }

            group++;
        }
    }

    public IReadOnlyList<string> VariantsOf(string name)
    {
        if (!_groups.TryGetValue(name, out var groups)) return [];
        lock (_variants)
        {
            if (!_variants.TryGetValue(name, out var variants))
            {
                _variants[name] = variants = _groups.Where(pair => pair.Key != name && pair.Value.Overlaps(groups)).Select(pair => pair.Key).ToArray();
            }

            return variants;
        }
    }

    /// <summary>Whether the table has the name: two names can be variants only if it has both.</summary>
    public bool Contains(string name) => _groups.ContainsKey(name);

    public bool AreVariants(string a, string b) =>
        _groups.TryGetValue(a, out var left) && _groups.TryGetValue(b, out var right) && left.Overlaps(right);
}
