using Dossier.Screening;
using Dossier.Screening.Importing;

namespace Dossier.Tests.Screening;

/// <summary>
/// The names of organisations and people in the three sample articles, screened against every staged list, compared
/// with the hand-checked hits in tests/fixtures/screening/sample-hits.golden.tsv. Until the entity model lands, the
/// names are given here as the article writes them instead of coming from the Entities layer.
/// </summary>
public sealed class SampleScreeningGoldenTests
{
    private static readonly (string Name, EntryKind Kind)[] SampleNames =
    [
        ("Alibaba", EntryKind.Organization),
        ("Alibaba Group Holding", EntryKind.Organization),
        ("Huawei", EntryKind.Organization),
        ("Hikvision", EntryKind.Organization),
        ("Tencent Holdings Ltd.", EntryKind.Organization),
        ("Baidu Inc.", EntryKind.Organization),
        ("Mike Pompeo", EntryKind.Person),
        ("The Heritage Foundation", EntryKind.Organization),
        ("Heritage Foundation", EntryKind.Organization),
        ("Democratic National Committee", EntryKind.Organization),
        ("Just The News", EntryKind.Organization),
    ];

    [Fact]
    public async Task SampleNamesHitExactlyTheHandCheckedEntries()
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
        var actual = SampleNames
            .SelectMany(query => screener.Screen(new ScreeningQuery(query.Name, query.Kind), limit: 100, explain: false)
                .Where(c => c.IsMatch)
                .Select(c => string.Join('\t', query.Name, c.Entry.List, c.Entry.Name, c.Entry.ListedOn ?? "", c.Entry.Program ?? "")))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        // To review a change: set DOSSIER_SCREENING_ACTUAL to a file path, run this test, and compare that file by hand.
        if (Environment.GetEnvironmentVariable("DOSSIER_SCREENING_ACTUAL") is { Length: > 0 } actualPath) await File.WriteAllLinesAsync(actualPath, actual);
        var golden = RepoPaths.Fixture("screening", "sample-hits.golden.tsv");
        var expected = File.ReadAllLines(golden).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        Assert.Equal(expected, actual);
    }
}
