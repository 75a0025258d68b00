using System.Globalization;
using Dossier.Analysis;
using Dossier.Linking.Stance;

namespace Dossier.Export;

/// <summary>
/// Writes the claim table as RFC 4180 CSV. Text cells that a spreadsheet would run as a formula (starting with
/// = + - @, tab or carriage return) get a leading apostrophe, so opening an export never executes article text.
/// </summary>
public static class ClaimCsvWriter
{
    public static async Task<int> WriteAsync(IAsyncEnumerable<StoredDocument> documents, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync(string.Join(',', ClaimTable.Columns) + "\r\n");
        var rows = 0;
        await foreach (var stored in documents.WithCancellation(cancellationToken))
        {
            foreach (var row in ClaimTable.Rows(stored.Document))
            {
                await output.WriteAsync(Format(row));
                rows++;
            }
        }

        await output.FlushAsync(cancellationToken);
        return rows;
    }

    /// <summary>One record, CRLF-terminated as RFC 4180 writes it.</summary>
    public static string Format(ClaimRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string[] cells =
        [
            Text(row.DocumentId), Text(row.Url), Text(row.Title),
            row.Published?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture) ?? "",
            Number(row.ClaimIndex), Text(row.Text), Number(row.Start), Number(row.End),
            Text(row.Category), Text(row.Status), Text(row.Polarity),
            row.Checkworthy.ToString("0.###", CultureInfo.InvariantCulture),
            Text(row.Subjects), Text(row.Source),
        ];
        return string.Join(',', cells) + "\r\n";
    }

    /// <summary>A text cell, guarded against formula injection and quoted where RFC 4180 needs it.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var guarded = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return Csv.Quote(guarded);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
