using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Dossier.Ingestion;

namespace Dossier.Export;

/// <summary>A FollowTheMoney entity as its JSON Lines form writes it: every property holds a list of strings.</summary>
public sealed record FtmEntity(string Id, string Schema, IReadOnlyDictionary<string, IReadOnlyList<string>> Properties)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>An id stable across runs and stores: a prefix naming the kind, then a hash of the natural key.</summary>
    public static string IdFor(string kind, string naturalKey) => $"dossier-{kind}-{ContentHash.Of(Encoding.UTF8.GetBytes(naturalKey))[..32]}";

    public string ToJsonLine() => JsonSerializer.Serialize(this, Options);

    public static FtmEntity? Parse(string line) => JsonSerializer.Deserialize<FtmEntity>(line, Options);
}

/// <summary>Builds an entity's properties, skipping empty values and repeats, keeping the order they were added.</summary>
internal sealed class FtmProperties
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public FtmProperties Add(string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return this;
        if (!_values.TryGetValue(property, out var list)) _values[property] = list = [];
        if (!list.Contains(value, StringComparer.Ordinal)) list.Add(value);
        return this;
    }

    public FtmProperties AddAll(string property, IEnumerable<string> values)
    {
        foreach (var value in values) Add(property, value);
        return this;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Build() => _values.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
}
