using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Ingestion;

namespace Dossier.Pipeline;

/// <summary>Extraction followed by the document stages, in the order they were added. Built once, used from many threads.</summary>
public sealed class AnalysisPipeline
{
    internal AnalysisPipeline(IArticleExtractor extractor, IReadOnlyList<IDocumentStage> stages)
    {
        Extractor = extractor;
        Stages = stages;
    }

    public IArticleExtractor Extractor { get; }
    public IReadOnlyList<IDocumentStage> Stages { get; }

    public IEnumerable<LayerKey> ProducedLayers =>
        PipelineBuilder.ExtractionLayers.Concat(Stages.SelectMany(stage => stage.Produces)).Distinct();

    /// <summary>Extracts the article from raw input and runs every stage over it.</summary>
    public AnalysisOutcome Analyze(RawInput input, CancellationToken cancellationToken)
    {
        var extraction = Extractor.Extract(input, cancellationToken);
        if (extraction.Document is not { } document)
        {
            return AnalysisOutcome.Failed(input, extraction.Failure ?? "nothing could be extracted");
        }

        return AnalysisOutcome.Succeeded(input, Process(document, cancellationToken), extraction.Warnings);
    }

    public Document Process(Document document, CancellationToken cancellationToken)
    {
        foreach (var stage in Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            document = stage.Process(document, cancellationToken);
        }

        return document;
    }
}

public sealed record AnalysisOutcome(RawInput Input, Document? Document, string? Failure, IReadOnlyList<string> Warnings)
{
    public static AnalysisOutcome Succeeded(RawInput input, Document document, IReadOnlyList<string> warnings) =>
        new(input, document, null, warnings);

    public static AnalysisOutcome Failed(RawInput input, string reason) => new(input, null, reason, []);
}
