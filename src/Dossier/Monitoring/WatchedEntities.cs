using Dossier.Entities;
using Dossier.Linking;

namespace Dossier.Monitoring;

/// <summary>The entities a watch reports on, matched by the same name folding as canonical entities, whatever the label.</summary>
public sealed class WatchedEntities(IEnumerable<string> names)
{
    private readonly HashSet<string> _keys = names.SelectMany(KeysOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>With no names given, every entity is watched.</summary>
    public bool WatchesAll => _keys.Count == 0;

    public bool Matches(CanonicalEntity entity) =>
        WatchesAll || entity.Aliases.Prepend(entity.Name).Any(alias => KeysOf(alias).Any(_keys.Contains));

    private static IEnumerable<string> KeysOf(string name) =>
        Enum.GetValues<EntityLabel>().Select(label => EntityKey.For(name, label)[(label.ToString().Length + 1)..]);
}
