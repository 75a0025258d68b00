using System.Collections.Frozen;

namespace Dossier.Entities;

/// <summary>The word lists entity resolution reads; they ship as data beside the code (Entities/Data).</summary>
public sealed class EntityLexicons
{
    private EntityLexicons(FrozenSet<string> titles, FrozenSet<string> nominals, FrozenSet<string> offerings, FrozenDictionary<string, string> aliases, FrozenSet<string> orgOfCues)
    {
        OfferingNouns = offerings;
        OrganisationOfCues = orgOfCues;
        TitleWords = titles;
        NominalHeads = nominals;
        Aliases = aliases;
    }

    public FrozenSet<string> TitleWords { get; }
    public FrozenSet<string> NominalHeads { get; }

    /// <summary>Nouns for what an organisation runs or sells ("app", "exchange"): a description headed by one stands for the organisation the text last called so.</summary>
    public FrozenSet<string> OfferingNouns { get; }

    /// <summary>Nouns after which "of NAME" names an organisation ("app of", "Chief Executive Officer of").</summary>
    public FrozenSet<string> OrganisationOfCues { get; }

    /// <summary>Alias key (see <see cref="EntityResolver.Key"/>) to the canonical key of the same entity.</summary>
    public FrozenDictionary<string, string> Aliases { get; }

    public static EntityLexicons Load()
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.ReadLines("Entities.Data.aliases.txt"))
        {
            var names = line.Split('|');
            var canonical = EntityResolver.Key(names[0].Split(' '));
            foreach (var name in names) aliases[EntityResolver.Key(name.Split(' '))] = canonical;
        }

        return new EntityLexicons(
            EmbeddedData.ReadLines("Entities.Data.titles.txt").ToFrozenSet(StringComparer.Ordinal),
            EmbeddedData.ReadLines("Entities.Data.nominals.txt").ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            EmbeddedData.ReadLines("Entities.Data.offering-nouns.txt").ToFrozenSet(StringComparer.Ordinal),
            aliases.ToFrozenDictionary(StringComparer.Ordinal),
            EmbeddedData.ReadLines("Entities.Data.org-of-cues.txt").ToFrozenSet(StringComparer.Ordinal));
    }
}
