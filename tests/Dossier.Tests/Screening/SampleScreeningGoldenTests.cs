using Dossier.Analysis;
using Dossier.Ingestion;
using Dossier.Screening;
using Dossier.Screening.Importing;
using Dossier.Storage;

namespace Dossier.Tests.Screening;

/// <summary>
/// The samples analysed as `dossier analyze samples` does, and every canonical organisation and person screened as it
/// does, against every staged list; the hits must be exactly the hand-checked ones in
/// tests/fixtures/screening/sample-hits.golden.tsv.
/// </summary>
public sealed class SampleScreeningGoldenTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dossier-screening-golden-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SampleEntitiesHitExactlyTheHandCheckedEntries()
    {
        var lists = Path.Combine(RepoPaths.Shared, "bench", "screening", "lists");
        if (!Directory.Exists(lists))
        {
            Console.WriteLine($"skipped: no staged lists under {lists}");
            return;
        }

        var entries = (await new WatchlistImporter().ReadAsync([lists], CancellationToken.None))
            .SelectMany(r => r.Versions).SelectMany(v => v.Entries).Where(e => e.IsActive).ToList();
        var screener = new WatchlistScreener(entries);

        Directory.CreateDirectory(_folder);
        await using var store = await DossierStores.OpenAsync(Path.Combine(_folder, "dossier.db"), CancellationToken.None);
        var runner = new AnalysisRunner(DossierPipeline.CreateDefault(), store, new InputReader());
        var summary = await runner.RunAsync([RepoPaths.Samples], () => Stream.Null, new RunOptions(), new SilentObserver(), CancellationToken.None);
        var entities = await store.GetEntitiesAsync(summary.DocumentIds, CancellationToken.None);

        var actual = entities
            .SelectMany(entity => screener.ScreenEntity(entity)
                .Where(c => c.IsMatch)
                .Select(c => string.Join('\t', entity.Name, c.Entry.List, c.Entry.Name, c.Entry.ListedOn ?? "", c.Entry.Program ?? "")))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        // To review a change: set DOSSIER_SCREENING_ACTUAL to a file path, run this test, and compare that file by hand.
        if (Environment.GetEnvironmentVariable("DOSSIER_SCREENING_ACTUAL") is { Length: > 0 } actualPath) await File.WriteAllLinesAsync(actualPath, actual);
        var golden = RepoPaths.Fixture("screening", "sample-hits.golden.tsv");
        var expected = File.ReadAllLines(golden).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        Assert.Equal(expected, actual);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private sealed class SilentObserver : IRunObserver;
}
