using Dossier.Analysis;
using Dossier.Screening;
using Dossier.Screening.Importing;
using Dossier.Storage;
using Dossier.Storage.Sqlite;

namespace Dossier.Tests.Screening;

public sealed class WatchlistStoreTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "dossier-lists-" + Guid.NewGuid().ToString("N") + ".db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
        return Task.CompletedTask;
    }

    private static async Task<WatchlistVersion> VersionAsync(string fixture) =>
        Assert.Single((await new WatchlistImporter().ReadFileAsync(RepoPaths.Fixture("screening", fixture), CancellationToken.None)).Versions);

    [Fact]
    public async Task ReimportUpdatesInPlaceAndANewerVersionRemovesWhatItDropped()
    {
        await using var store = await SqliteWatchlistStore.OpenAsync(_path, CancellationToken.None);
        var first = await store.ImportAsync(await VersionAsync("simple.csv"), "simple.csv", CancellationToken.None);
        Assert.Equal(3, first.Added);
        var again = await store.ImportAsync(await VersionAsync("simple.csv"), "simple.csv", CancellationToken.None);
        Assert.Equal((0, 3), (again.Added, again.Updated));
        Assert.Equal(2, (await store.ActiveEntriesAsync(CancellationToken.None)).Count);

        var newer = await store.ImportAsync(await VersionAsync("simple-v2.csv"), "simple-v2.csv", CancellationToken.None);
        Assert.Equal((1, 1), (newer.Added, newer.Updated));
        Assert.Equal(2, newer.Removed);
        var active = await store.ActiveEntriesAsync(CancellationToken.None);
        Assert.Equal(["Alibaba Group Holding Limited", "Huawei Technologies Co., Ltd."], active.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("Huawei Tech", active.Single(e => e.Name.StartsWith("Huawei", StringComparison.Ordinal)).Aliases);

        var older = await store.ImportAsync(await VersionAsync("simple.csv"), "simple.csv", CancellationToken.None);
        Assert.NotNull(older.Skipped);
        var list = Assert.Single(await store.ListsAsync(CancellationToken.None));
        Assert.Equal(2, list.Versions);
    }

    [Fact]
    public async Task A_dismissed_hit_stays_dismissed_when_the_entity_is_screened_again()
    {
        await using (var lists = await SqliteWatchlistStore.OpenAsync(_path, CancellationToken.None))
        {
            await lists.ImportAsync(await VersionAsync("simple-v2.csv"), "simple-v2.csv", CancellationToken.None);
        }

        await using var store = await SqliteDossierStore.OpenAsync(_path, CancellationToken.None);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("d1", "Alibaba"), CancellationToken.None);
        var alibaba = Assert.Single(await store.FindEntitiesAsync("Alibaba", CancellationToken.None));

        var first = await EntityScreening.ScreenAsync(_path, store, [alibaba], CancellationToken.None);
        var hit = Assert.Single(first[alibaba.Id]);
        Assert.Equal(HitDecisions.Open, hit.Decision);

        var review = Assert.Single(await store.GetWatchlistHitsAsync(alibaba.Id, CancellationToken.None));
        Assert.Equal((hit.List, hit.ListEntryId, "Alibaba"), (review.Hit.List, review.Hit.ListEntryId, review.EntityName));
        await store.DecideHitAsync(review.Id, "dismiss", "a different company", CancellationToken.None);

        var again = await EntityScreening.ScreenAsync(_path, store, [alibaba], CancellationToken.None);
        Assert.Equal(HitDecisions.FalsePositive, Assert.Single(again[alibaba.Id]).Decision);
        var remembered = Assert.Single(await store.GetWatchlistHitsAsync(null, CancellationToken.None));
        Assert.Equal((review.Id, HitDecisions.FalsePositive, "a different company"), (remembered.Id, remembered.Hit.Decision, remembered.Note));
    }
}
