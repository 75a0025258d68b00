using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dossier.Screening.Importing;

/// <summary>Small conversions every list reader needs: ids, dates, alias splitting, acronyms in parentheses.</summary>
internal static partial class ImportText
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:ssZ", "MM/dd/yyyy", "M/d/yyyy", "M/d/yy", "dd.MM.yy",
        "dd.MM.yyyy", "d MMM yyyy", "dd MMM yyyy", "MMM yyyy", "MMMM d, yyyy", "MMM d, yyyy", "yyyy-MM", "yyyy",
    ];

    /// <summary>An ISO date (or year, or year-month) for any of the date shapes lists use; null for anything else.</summary>
    public static string? IsoDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (text.Length > 40) return null;
        foreach (var format in DateFormats)
        {
            if (!DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)) continue;
            if (date.Year < 1800 || date.Year > 2200) return null;
            return format switch
            {
                "yyyy" => date.ToString("yyyy", CultureInfo.InvariantCulture),
                "yyyy-MM" => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                _ => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
        }

        return null;
    }

    /// <summary>A stable id part from a name: lower-case ASCII letters and digits joined by '-'.</summary>
    public static string Slug(string value)
    {
        var ascii = AnyAscii.Transliteration.Transliterate(value);
        var builder = new StringBuilder(Math.Min(ascii.Length, 120));
        var dash = false;
        foreach (var c in ascii)
        {
            if (builder.Length >= 120) break;
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (dash && builder.Length > 0) builder.Append('-');
                builder.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else
            {
                dash = true;
            }
        }

        return builder.ToString();
    }

    public static string ListedEntryId(string list, string name, string? date) =>
        Slug(list) + ":" + Slug(name) + (date is null ? "" : ":" + date);

    public static IEnumerable<string> SplitValues(string? value, params string[] separators) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(separators.Length == 0 ? ["; ", ";", " | "] : separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(v => v.Length > 0 && v != "-0-");

    /// <summary>
    /// "Academy of Aerospace Solid Propulsion Technology (AASPT)": the name without the parenthesis, and the acronym as an
    /// alias. A parenthesised country ("Huawei Technologies (Australia) Pty Ltd.") names which unit it is, so it stays.
    /// </summary>
    public static (string Name, IReadOnlyList<string> Extra) SplitParenthesised(string name)
    {
        var extra = new List<string>();
        var stripped = ParenthesisRegex().Replace(name, match =>
        {
            var inner = match.Groups[1].Value.Trim();
            if (CountryCodes.Normalize(inner) is not null && !IsAcronym(inner)) return " " + inner + " ";
            if (inner.Length > 0 && inner.Length <= 80 && !inner.Contains("see ", StringComparison.OrdinalIgnoreCase)) extra.Add(inner);
            return " ";
        });
        stripped = string.Join(' ', stripped.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim(' ', ',', '*', ';');
        return stripped.Length == 0 ? (name.Trim(), []) : (stripped, extra);
    }

    private static bool IsAcronym(string text) => text.Length <= 6 && text.All(char.IsAsciiLetterUpper);

    public static ImmutableArray<string> Distinct(IEnumerable<string?> values, string? except = null) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v!.Trim())
            .Where(v => except is null || !string.Equals(v, except, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToImmutableArray();

    public static ImmutableArray<string> Countries(IEnumerable<string?> values) =>
        values.Select(CountryCodes.Normalize).Where(c => c is not null).Select(c => c!).Distinct(StringComparer.Ordinal).ToImmutableArray();

    public static EntryKind Kind(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "individual" or "person" or "people" => EntryKind.Person,
        "entity" or "organization" or "organisation" or "company" or "legalentity" or "publicbody" => EntryKind.Organization,
        "vessel" or "aircraft" => EntryKind.Vessel,
        _ => EntryKind.Unknown,
    };

    public static string MaxDate(IEnumerable<string?> dates, string fallback) =>
        dates.Where(d => d is { Length: >= 4 }).Select(d => d!).DefaultIfEmpty(fallback).Max(StringComparer.Ordinal)!;

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex ParenthesisRegex();
}
