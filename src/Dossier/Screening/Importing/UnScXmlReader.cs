using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;

namespace Dossier.Screening.Importing;

/// <summary>The UN Security Council consolidated list XML (INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY).</summary>
internal static class UnScXmlReader
{
    private const string List = "UN Security Council Consolidated List";

    public static async Task<IReadOnlyList<WatchlistVersion>> ReadAsync(Stream stream, string fallbackDate, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true, MaxCharactersInDocument = 512L << 20 };
        using var reader = XmlReader.Create(stream, settings);
        var document = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        var root = document.Root;
        if (root is null) return [];
        var generated = ImportText.IsoDate(((string?)root.Attribute("dateGenerated"))?[..Math.Min(10, ((string?)root.Attribute("dateGenerated"))!.Length)]) ?? fallbackDate;

        var entries = new List<WatchlistEntry>();
        foreach (var record in root.Descendants().Where(e => e.Name.LocalName is "INDIVIDUAL" or "ENTITY"))
        {
            var isPerson = record.Name.LocalName == "INDIVIDUAL";
            var name = string.Join(' ', new[] { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" }
                .Select(part => Text(record.Element(part))).Where(part => part.Length > 0));
            if (name.Length == 0) continue;
            var aliases = record.Elements(isPerson ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS")
                .Where(alias => !string.Equals(Text(alias.Element("QUALITY")), "Low", StringComparison.OrdinalIgnoreCase))
                .Select(alias => Text(alias.Element("ALIAS_NAME")))
                .Append(Text(record.Element("NAME_ORIGINAL_SCRIPT")));
            var countries = record.Elements("NATIONALITY").Elements("VALUE").Select(Text)
                .Concat(record.Elements(isPerson ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS").Elements("COUNTRY").Select(Text));
            var births = record.Elements("INDIVIDUAL_DATE_OF_BIRTH")
                .Select(b => ImportText.IsoDate(Text(b.Element("DATE"))) ?? ImportText.IsoDate(Text(b.Element("YEAR"))) ?? ImportText.IsoDate(Text(b.Element("FROM_YEAR"))));
            var reference = Text(record.Element("REFERENCE_NUMBER"));
            entries.Add(new WatchlistEntry(
                "un-" + (reference.Length > 0 ? reference : Text(record.Element("DATAID"))),
                List,
                name,
                ImportText.Distinct(aliases, name),
                isPerson ? EntryKind.Person : EntryKind.Organization,
                ImportText.Countries(countries),
                ImportText.Distinct(births),
                Text(record.Element("UN_LIST_TYPE")) is { Length: > 0 } program ? program : null,
                ImportText.IsoDate(Text(record.Element("LISTED_ON")))));
        }

        return [new WatchlistVersion(List, "un-sc-xml", generated, entries)];
    }

    private static string Text(XElement? element) => element?.Value.Trim() ?? "";
}
