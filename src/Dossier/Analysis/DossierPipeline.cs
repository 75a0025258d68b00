using Dossier.Claims;
using Dossier.Credibility;
using Dossier.Entities;
using Dossier.Pipeline;
using Dossier.Quotes;
using Dossier.Text;

namespace Dossier.Analysis;

/// <summary>Where Dossier's document pipeline is put together: the one place that names the stages and their order.</summary>
public static class DossierPipeline
{
    public static AnalysisPipeline CreateDefault() =>
        new PipelineBuilder()
            .UseTokens()
            .UseSentences()
            .UseEntities()
            .UseFigures()
            .UseQuotes()
            .UseClaims()
            .UseCredibility()
            .Build();
}
