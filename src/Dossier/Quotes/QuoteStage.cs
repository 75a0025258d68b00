using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Pipeline;
using Dossier.Quotes.Learned;

namespace Dossier.Quotes;

/// <summary>
/// Finds who says what: direct quotes between quotation marks, indirect speech ("X said that …", "according to X, …"),
/// mixed and partial quotes, each with its cue and speaker. Speakers are resolved through the Entities layer when the
/// pipeline has one; without it the speaker's kind comes from the words of the speaker phrase.
/// </summary>
public sealed class QuoteStage(QuoteOptions? options = null) : IDocumentStage
{
    private readonly QuoteLexicon _lexicon = QuoteLexicon.For(options ?? new QuoteOptions());
    private readonly TaggedAttributionMerge? _tagged = TaggedAttributionMerge.For(options ?? new QuoteOptions());
    private readonly RelationJudge? _relationJudge = RelationJudge.For(options ?? new QuoteOptions());

    public string Name => "quotes";
    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens, Layers.Sentences, Layers.Paragraphs];
    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Quotes];

    public Document Process(Document document, CancellationToken cancellationToken)
    {
        var tokens = document.GetOrDefault(Layers.Tokens);
        var sentences = document.GetOrDefault(Layers.Sentences);
        if (tokens.IsDefaultOrEmpty || sentences.IsDefaultOrEmpty) return document.With(Layers.Quotes, []);

        var finder = new QuoteFinder(
            document.Text,
            tokens,
            sentences,
            document.GetOrDefault(Layers.Paragraphs),
            document.GetOrDefault(Layers.Entities) ?? EntityLayer.Empty,
            _lexicon,
            _tagged,
            _relationJudge);
        return document.With(Layers.Quotes, finder.Find(cancellationToken));
    }
}

public static class QuotePipelineExtensions
{
    public static PipelineBuilder UseQuotes(this PipelineBuilder builder, QuoteOptions? options = null) => builder.Use(new QuoteStage(options));
}
