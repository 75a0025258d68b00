using System.Collections.Immutable;
using Dossier.Claims;
using Dossier.Credibility;
using Dossier.Entities;
using Dossier.Extraction;
using Dossier.Figures;
using Dossier.Quotes;
using Dossier.Text;

namespace Dossier.Documents;

/// <summary>The annotation layers a document can carry; one key per layer, named as in the JSON output.</summary>
public static class Layers
{
    public static readonly LayerKey<ImmutableArray<Paragraph>> Paragraphs = new("paragraphs");
    public static readonly LayerKey<ImmutableArray<Token>> Tokens = new("tokens");
    public static readonly LayerKey<ImmutableArray<Sentence>> Sentences = new("sentences");
    public static readonly LayerKey<EntityLayer> Entities = new("entities");
    public static readonly LayerKey<ImmutableArray<Figure>> Figures = new("figures");
    public static readonly LayerKey<ImmutableArray<Quote>> Quotes = new("quotes");
    public static readonly LayerKey<ImmutableArray<Claim>> Claims = new("claims");
    public static readonly LayerKey<CredibilityAssessment> Credibility = new("credibility");
}
