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
    /// <param name="quotes">Settings of the quote stage other than its defaults (benchmarks compare them).</param>
    public static AnalysisPipeline CreateDefault(QuoteOptions? quotes = null) =>
        new PipelineBuilder()
            .UseTokens()
            .UseSentences()
            .UseEntities()
            .UseFigures()
            .UseQuotes(quotes)
            .UseClaims()
            .UseCredibility()
            .Build();
}
