using System.Text.Json;
using Dossier.Analysis;
using Dossier.Serialization;

namespace Dossier.Export;

/// <summary>One line per stored document: the document JSON of `dossier analyze --format json`, with canonical entity ids.</summary>
public static class DocumentJsonLines
{
    /// <summary>The analysis JSON options on one line, as JSON Lines needs.</summary>
    internal static JsonSerializerOptions LineOptions { get; } = new(DossierJsonMapper.Options) { WriteIndented = false };

    public static async Task<int> WriteAsync(IAsyncEnumerable<StoredDocument> documents, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        var count = 0;
        await foreach (var stored in documents.WithCancellation(cancellationToken))
        {
            var document = DossierJsonMapper.WithCanonicalIds(stored.Document, stored.CanonicalIds);
            await output.WriteAsync(JsonSerializer.Serialize(document, LineOptions));
            await output.WriteAsync('\n');
            count++;
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }
}
