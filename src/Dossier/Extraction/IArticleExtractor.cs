using Dossier.Documents;
using Dossier.Ingestion;

namespace Dossier.Extraction;

/// <summary>Turns raw input into a document: clean text with its paragraphs, title, date and site.</summary>
public interface IArticleExtractor
{
    ExtractionResult Extract(RawInput input, CancellationToken cancellationToken);
}

/// <summary>A document with its paragraphs layer, or the reason there is none.</summary>
public sealed record ExtractionResult(Document? Document, string? Failure, IReadOnlyList<string> Warnings)
{
    public static ExtractionResult Failed(string reason, IReadOnlyList<string>? warnings = null) => new(null, reason, warnings ?? []);
}
