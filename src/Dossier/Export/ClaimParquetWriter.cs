using Dossier.Analysis;
using Parquet;
using Parquet.Schema;

namespace Dossier.Export;

/// <summary>
/// Writes the claim table as Parquet with typed columns, a row group per <see cref="RowGroupSize"/> claims, so that
/// only one row group is ever held in memory. Parquet puts its footer last and needs a seekable stream.
/// </summary>
public static class ClaimParquetWriter
{
    public const int RowGroupSize = 10_000;

    private static readonly DataField<string> DocumentId = new("document_id", nullable: false);
    private static readonly DataField<string> Url = new("url", nullable: true);
    private static readonly DataField<string> Title = new("title", nullable: true);
    private static readonly DataField<DateTime?> Published = new("published");
    private static readonly DataField<int> ClaimIndex = new("claim_index");
    private static readonly DataField<string> Text = new("text", nullable: false);
    private static readonly DataField<int> Start = new("start");
    private static readonly DataField<int> End = new("end");
    private static readonly DataField<string> Category = new("category", nullable: false);
    private static readonly DataField<string> Status = new("status", nullable: false);
    private static readonly DataField<string> Polarity = new("polarity", nullable: false);
    private static readonly DataField<double> Checkworthy = new("checkworthy");
    private static readonly DataField<string> Subjects = new("subjects", nullable: false);
    private static readonly DataField<string> Source = new("source", nullable: true);

    /// <summary>The schema, columns named and ordered as in <see cref="ClaimTable.Columns"/>.</summary>
    public static ParquetSchema Schema { get; } = new(
        DocumentId, Url, Title, Published, ClaimIndex, Text, Start, End, Category, Status, Polarity, Checkworthy, Subjects, Source);

    public static async Task<int> WriteAsync(IAsyncEnumerable<StoredDocument> documents, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = await ParquetWriter.CreateAsync(Schema, output, cancellationToken: cancellationToken);
        var buffer = new List<ClaimRow>(RowGroupSize);
        var rows = 0;
        await foreach (var stored in documents.WithCancellation(cancellationToken))
        {
            foreach (var row in ClaimTable.Rows(stored.Document))
            {
                buffer.Add(row);
                rows++;
                if (buffer.Count < RowGroupSize) continue;
                await WriteRowGroupAsync(writer, buffer, cancellationToken);
                buffer.Clear();
            }
        }

        // A file without claims still gets one (empty) row group, so readers see the schema and zero rows.
        if (buffer.Count > 0 || rows == 0) await WriteRowGroupAsync(writer, buffer, cancellationToken);
        return rows;
    }

    private static async Task WriteRowGroupAsync(ParquetWriter writer, List<ClaimRow> rows, CancellationToken cancellationToken)
    {
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(DocumentId, rows.Select(r => r.DocumentId).ToArray());
        await group.WriteAsync(Url, rows.Select(r => r.Url).ToArray());
        await group.WriteAsync(Title, rows.Select(r => r.Title).ToArray());
        await group.WriteAsync<DateTime>(Published, rows.Select(r => r.Published?.UtcDateTime).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<int>(ClaimIndex, rows.Select(r => r.ClaimIndex).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(Text, rows.Select(r => r.Text).ToArray());
        await group.WriteAsync<int>(Start, rows.Select(r => r.Start).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<int>(End, rows.Select(r => r.End).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(Category, rows.Select(r => r.Category).ToArray());
        await group.WriteAsync(Status, rows.Select(r => r.Status).ToArray());
        await group.WriteAsync(Polarity, rows.Select(r => r.Polarity).ToArray());
        await group.WriteAsync<double>(Checkworthy, rows.Select(r => r.Checkworthy).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(Subjects, rows.Select(r => r.Subjects).ToArray());
        await group.WriteAsync(Source, rows.Select(r => r.Source).ToArray());
        group.CompleteValidate();
    }
}
