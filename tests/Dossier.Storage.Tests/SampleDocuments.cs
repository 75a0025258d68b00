using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Tests;

namespace Dossier.Storage.Tests;

/// <summary>The three sample articles through the default pipeline, analysed once for all store tests.</summary>
public static class SampleDocuments
{
    private static readonly Lazy<IReadOnlyList<Document>> Analysed = new(() =>
    {
        var pipeline = DossierPipeline.CreateDefault();
        return Directory.GetFiles(RepoPaths.Samples, "*.txt").Order(StringComparer.Ordinal).Select(file =>
        {
            var outcome = pipeline.Analyze(RawInput.FromBytes(Path.GetFileName(file), File.ReadAllBytes(file), InputFormat.PlainText), CancellationToken.None);
            return outcome.Document ?? throw new InvalidOperationException($"{file}: {outcome.Failure}");
        }).ToList();
    });

    public static IReadOnlyList<Document> All => Analysed.Value;

    public static async Task AddAllAsync(IDossierStore store)
    {
        foreach (var document in All) Assert.True(await store.AddDocumentAsync(document, CancellationToken.None));
    }
}
