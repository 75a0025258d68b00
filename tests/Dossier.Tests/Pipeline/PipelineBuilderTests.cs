using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Tests.Pipeline;

public sealed class PipelineBuilderTests
{
    [Fact]
    public void RefusesAStageWhoseLayersNoEarlierStageProduces()
    {
        var builder = new PipelineBuilder().UseSentences();
        var error = Assert.Throws<PipelineConfigurationException>(() => builder.Build());
        Assert.Contains("tokens", error.Message);
    }

    [Fact]
    public void RunsStagesInOrderOverAnExtractedDocument()
    {
        var pipeline = new PipelineBuilder().UseTokens().UseSentences().Build();
        var input = RawInput.FromBytes("test", "Alibaba Denies Report on PLA Ties\n\nThe firm said no. It denied it."u8.ToArray(), InputFormat.PlainText);

        var outcome = pipeline.Analyze(input, CancellationToken.None);

        var document = outcome.Document!;
        Assert.Equal(input.Id, document.Id);
        Assert.Equal("Alibaba Denies Report on PLA Ties", document.Metadata.Title);
        Assert.Equal(3, document.Get(Layers.Sentences).Length);
        Assert.True(document.Has(Layers.Tokens));
    }

    [Fact]
    public void DocumentsAreImmutable()
    {
        var original = Document.Create("id", "text", new DocumentMetadata { Source = "s" });
        var tokenized = original.With(Layers.Tokens, new Tokenizer().Tokenize("text"));
        Assert.False(original.Has(Layers.Tokens));
        Assert.True(tokenized.Has(Layers.Tokens));
    }

    [Fact]
    public void AMissingLayerIsAClearError()
    {
        var document = Document.Create("id", "text", new DocumentMetadata { Source = "s" });
        var error = Assert.Throws<InvalidOperationException>(() => document.Get(Layers.Quotes));
        Assert.Contains("quotes", error.Message);
    }
}
