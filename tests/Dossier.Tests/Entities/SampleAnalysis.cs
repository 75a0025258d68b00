using Dossier.Documents;
using Dossier.Entities;
using Dossier.Figures;
using Dossier.Ingestion;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Tests.Entities;

/// <summary>Loads the shipped model once for every entity and figure test.</summary>
public sealed class EntityPipelineFixture
{
    public EntityPipelineFixture()
    {
        Tagger = NerModelFiles.LoadDefault();
        Pipeline = new PipelineBuilder().UseTokens().UseSentences().UseEntities(Tagger).UseFigures().Build();
    }

    public Dossier.Entities.Ner.NerTagger Tagger { get; }
    public AnalysisPipeline Pipeline { get; }

    public Document Analyze(string text, string source = "test.txt")
    {
        var outcome = Pipeline.Analyze(RawInput.FromBytes(source, System.Text.Encoding.UTF8.GetBytes(text), InputFormat.PlainText), CancellationToken.None);
        return outcome.Document ?? throw new InvalidOperationException(outcome.Failure);
    }

    public Document AnalyzeSample(string fileName) => Analyze(File.ReadAllText(Path.Combine(RepoPaths.Samples, fileName)), fileName);

    public static IEnumerable<(string Text, EntityMention Mention)> Names(Document document)
    {
        var layer = document.Get(Layers.Entities);
        return layer.Mentions.Where(m => m.Kind == MentionKind.Name).Select(m => (document.TextOf(m.Span), m));
    }
}

[CollectionDefinition(Name)]
public sealed class EntityPipelineCollection : ICollectionFixture<EntityPipelineFixture>
{
    public const string Name = "entity pipeline";
}
