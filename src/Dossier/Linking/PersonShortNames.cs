using Dossier.Entities;

namespace Dossier.Linking;

/// <summary>
/// Across documents, as within one: "Trump" in one article and "Donald Trump" in another are one person when the one
/// word is the short form of exactly one full name of a person in the store (<see cref="PersonNames.IsShortFormOf"/>).
/// When two full names share it ("Donald Trump", "Ivanka Trump") the short name stays an entity of its own, for an
/// analyst to merge. A store applies the rule as it creates entities, whichever of the two names it stores first.
/// </summary>
public static class PersonShortNames
{
    /// <summary>Whether the name is a person's name of one word, which may stand for a full name.</summary>
    public static bool IsShortName(string name, EntityLabel label) => label == EntityLabel.PER && EntityKey.Words(name).Length == 1;

    /// <summary>The keys of the one-word person names that may stand for this full name (none when it is not one).</summary>
    public static IReadOnlyList<string> ShortNameKeys(string name, EntityLabel label)
    {
        var words = EntityKey.Words(name);
        if (label != EntityLabel.PER || words.Length < 2) return [];
        return new[] { words[0], words[^1] }.Distinct(StringComparer.Ordinal).Select(ShortNameKey).ToList();
    }

    /// <summary>
    /// The key of a person's one-word name, under which the full names it may stand for are found: the same as its
    /// entity's key, and as one of <see cref="ShortNameKeys"/> of each full name that begins or ends with it.
    /// </summary>
    public static string ShortNameKey(string shortName) => EntityKey.For(shortName, EntityLabel.PER);

    /// <summary>
    /// The one person, among <paramref name="people"/> (entities not merged into another), whose full name the short
    /// name stands for; null when none or several do.
    /// </summary>
    public static long? FullNameFor(string shortName, IEnumerable<(long Id, string Name)> people)
    {
        var shortWords = EntityKey.Words(shortName);
        var matches = people.Where(person => PersonNames.IsShortFormOf(shortWords, EntityKey.Words(person.Name))).Select(person => person.Id).Distinct().Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>Why an alias of one word belongs to a person's entity, when this rule put it there; else null.</summary>
    public static string? Explain(string name, string alias) =>
        PersonNames.IsShortFormOf(EntityKey.Words(alias), EntityKey.Words(name))
            ? $"\"{alias}\" is a short form of \"{name}\" (in a document that names both, or where no other person stored had it in full)"
            : null;
}
