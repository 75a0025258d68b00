using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Pipeline;

namespace Dossier.Claims;

/// <summary>
/// Finds the claims of a document: per sentence (or per contrastive clause), what category of risk it speaks of,
/// about whom, how firmly, on whose authority, with which hedges and figures, and how check-worthy it is.
/// Uses entities, figures and quotes when earlier stages produced them, and falls back on the text alone otherwise.
/// </summary>
public sealed class ClaimStage : IDocumentStage
{
    private readonly CheckworthyModel _checkworthy;
    private readonly HedgeLexicon _hedges;

    public ClaimStage(CheckworthyModel? checkworthy = null, HedgeLexicon? hedges = null)
    {
        _checkworthy = checkworthy ?? CheckworthyModel.Default;
        _hedges = hedges ?? HedgeLexicon.Default;
    }

    public string Name => "claims";
    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens, Layers.Sentences];
    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Claims];

    public Document Process(Document document, CancellationToken cancellationToken) =>
        document.With(Layers.Claims, new ClaimExtraction(document, ClaimLexicon.Default, _checkworthy, _hedges).Run(cancellationToken));
}

public static class ClaimPipelineExtensions
{
    public static PipelineBuilder UseClaims(this PipelineBuilder builder) => builder.Use(new ClaimStage());
}
