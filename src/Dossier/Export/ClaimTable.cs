using System.Globalization;
using Dossier.Serialization;

namespace Dossier.Export;

/// <summary>One claim as a flat, spreadsheet-friendly row: the claim with the article it appeared in.</summary>
/// <param name="Subjects">The names of the entities the claim is about, joined with "; ".</param>
/// <param name="Source">Whom the claim rests on, as the text names it (a speaker or a cited outlet), if it says.</param>
public sealed record ClaimRow(
    string DocumentId,
    string? Url,
    string? Title,
    DateTimeOffset? Published,
    int ClaimIndex,
    string Text,
    int Start,
    int End,
    string Category,
    string Status,
    string Polarity,
    double Checkworthy,
    string Subjects,
    string? Source);

/// <summary>The claim table shared by the CSV and Parquet exports: the same columns, in the same order.</summary>
public static class ClaimTable
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "document_id", "url", "title", "published", "claim_index", "text", "start", "end",
        "category", "status", "polarity", "checkworthy", "subjects", "source",
    ];

    public static IEnumerable<ClaimRow> Rows(DocumentJson document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var names = document.DocumentEntities.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First().Name);
        var published = ParsePublished(document.Published);
        for (var i = 0; i < document.Claims.Count; i++)
        {
            var claim = document.Claims[i];
            var subjects = claim.SubjectEntityIds.Where(names.ContainsKey).Select(id => names[id]).Distinct(StringComparer.Ordinal);
            yield return new ClaimRow(
                document.Id,
                document.Url,
                document.Title,
                published,
                i,
                claim.Text,
                claim.Start,
                claim.End,
                claim.Category,
                claim.Status,
                claim.Polarity,
                claim.Checkworthy,
                string.Join("; ", subjects),
                claim.Source?.Text);
        }
    }

    /// <summary>The stored publication date, or null when it is missing or not a date.</summary>
    public static DateTimeOffset? ParsePublished(string? published) =>
        DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
