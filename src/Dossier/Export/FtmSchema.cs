namespace Dossier.Export;

/// <summary>
/// The FollowTheMoney schemata and properties this export writes, each with the properties it inherits, as defined
/// in the followthemoney repository's followthemoney/schema/*.yaml (Thing, Document, Article, Mention, Interval,
/// Interest, Documentation, Sanction, Note, LegalEntity, Organization, Person). Only these are ever emitted, and a
/// test holds every emitted property to this list.
/// </summary>
public static class FtmSchema
{
    private static readonly string[] Thing = ["name", "alias", "country", "description", "summary", "notes", "sourceUrl", "publisher"];
    private static readonly string[] Interval = ["startDate", "endDate", "date", "summary", "recordId", "sourceUrl"];

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Properties { get; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["Organization"] = Set(Thing),
        ["Person"] = Set(Thing),
        ["LegalEntity"] = Set(Thing),
        // Article extends Document; neither has bodyText (only PlainText, HyperText and Image do), so the text goes in description.
        ["Article"] = Set(Thing, ["title", "author", "publishedAt", "language", "contentHash"]),
        ["Mention"] = Set(["document", "resolved", "personMentioned", "companyMentioned", "contextCountry"]),
        ["Documentation"] = Set(Interval, ["document", "entity", "role", "status"]),
        ["Sanction"] = Set(Interval, ["entity", "authority", "authorityId", "program", "status", "reason", "listingDate"]),
        ["Note"] = Set(Thing, ["entity"]),
    };

    private static HashSet<string> Set(params string[][] groups) => new(groups.SelectMany(g => g), StringComparer.Ordinal);
}
