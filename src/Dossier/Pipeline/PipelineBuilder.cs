using Dossier.Documents;
using Dossier.Extraction;

namespace Dossier.Pipeline;

/// <summary>Builds an <see cref="AnalysisPipeline"/> once; refuses a stage whose required layers no earlier stage produces.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IDocumentStage> _stages = [];
    private IArticleExtractor _extractor = new ArticleExtractor();

    /// <summary>Layers every document has when it leaves extraction, before any stage runs.</summary>
    public static IReadOnlyList<LayerKey> ExtractionLayers { get; } = [Layers.Paragraphs];

    public PipelineBuilder UseExtractor(IArticleExtractor extractor)
    {
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        return this;
    }

    public PipelineBuilder Use(IDocumentStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(stage);
        return this;
    }

    public AnalysisPipeline Build()
    {
        var available = new HashSet<LayerKey>(ExtractionLayers);
        foreach (var stage in _stages)
        {
            var missing = stage.Requires.Where(layer => !available.Contains(layer)).Select(layer => layer.Name).ToList();
            if (missing.Count > 0)
            {
                throw new PipelineConfigurationException(
                    $"Stage '{stage.Name}' needs {string.Join(", ", missing)}, which no earlier stage produces.");
            }

            available.UnionWith(stage.Produces);
        }

        return new AnalysisPipeline(_extractor, [.. _stages]);
    }
}

public sealed class PipelineConfigurationException(string message) : Exception(message);
