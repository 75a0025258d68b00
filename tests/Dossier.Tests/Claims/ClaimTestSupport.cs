using System.Text;
using Dossier.Claims;
using Dossier.Credibility;
using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Tests.Claims;

/// <summary>Runs the real pipeline (extraction, tokens, sentences, claims, credibility) over a text, as `dossier analyze` does.</summary>
internal static class ClaimTestSupport
{
    private static readonly AnalysisPipeline Pipeline = Dossier.Analysis.DossierPipeline.CreateDefault();

    /// <summary>The claim stage on tokens and sentences alone, without entities, figures or quotes (as the fixture bench runs it).</summary>
    private static readonly AnalysisPipeline ClaimsOnly = new PipelineBuilder().UseTokens().UseSentences().UseClaims().Build();

    public static Document Analyze(string text, string source = "test.txt")
    {
        var outcome = Run(text, source);
        return outcome.Document ?? throw new InvalidOperationException(outcome.Failure);
    }

    private static AnalysisOutcome Run(string text, string source) =>
        Pipeline.Analyze(RawInput.FromBytes(source, Encoding.UTF8.GetBytes(text), InputFormat.PlainText), CancellationToken.None);

    /// <summary>
    /// Analyses one labelled sentence as `dossier analyze` does; a sentence that extraction takes for a lone headline
    /// (a line with no final full stop, such as a question) is still body text here, so the stages run on it as it is.
    /// </summary>
    public static Document AnalyzeSentence(string sentence) => Run(sentence, "test.txt").Document ?? Process(sentence);

    /// <summary>Runs the stages on a text as it is, even one that extraction would refuse (empty, blank).</summary>
    public static Document Process(string text) => Pipeline.Process(Unextracted(text), CancellationToken.None);

    public static Document ProcessClaimsOnly(string text) => ClaimsOnly.Process(Unextracted(text), CancellationToken.None);

    private static Document Unextracted(string text) => Document.Create("test", text, new DocumentMetadata { Source = "test" }).With(Layers.Paragraphs, []);

    public static Document AnalyzeSample(string prefix)
    {
        var path = Directory.EnumerateFiles(RepoPaths.Samples, prefix + "_*.txt").Single();
        return Analyze(File.ReadAllText(path), path);
    }

    public static string Describe(Document document, Claim claim) =>
        $"[{claim.Category}/{claim.Status}/{claim.Polarity}] subjects=({string.Join("; ", claim.SubjectSpans.IsDefault ? [] : claim.SubjectSpans.Select(document.TextOf))}) " +
        $"source={claim.Source?.Text ?? "-"} responds_to={claim.RespondsTo?.ToString() ?? "-"} cw={claim.Checkworthy:F2} hedges=({string.Join("; ", claim.Hedges.Select(document.TextOf))}) :: {document.TextOf(claim.Span)}";

    public static IReadOnlyList<string> SubjectTexts(Document document, Claim claim) =>
        claim.SubjectSpans.IsDefault ? [] : [.. claim.SubjectSpans.Select(document.TextOf)];
}
