using Dossier.Documents;
using Dossier.Pipeline;

namespace Dossier.Text;

public sealed class TokenizerStage(Tokenizer tokenizer) : IDocumentStage
{
    public string Name => "tokens";
    public IReadOnlyList<LayerKey> Requires { get; } = [];
    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Tokens];

    public Document Process(Document document, CancellationToken cancellationToken) =>
        document.With(Layers.Tokens, tokenizer.Tokenize(document.Text));
}

public sealed class SentenceStage(SentenceSplitter splitter) : IDocumentStage
{
    public string Name => "sentences";
    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens, Layers.Paragraphs];
    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Sentences];

    public Document Process(Document document, CancellationToken cancellationToken) =>
        document.With(Layers.Sentences, splitter.Split(document.Text, document.Get(Layers.Tokens), document.Get(Layers.Paragraphs)));
}

public static class TextPipelineExtensions
{
    public static PipelineBuilder UseTokens(this PipelineBuilder builder) => builder.Use(new TokenizerStage(new Tokenizer()));

    public static PipelineBuilder UseSentences(this PipelineBuilder builder) => builder.Use(new SentenceStage(new SentenceSplitter()));
}
