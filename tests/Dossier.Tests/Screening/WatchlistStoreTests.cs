using Dossier.Screening;
using Dossier.Screening.Importing;
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
    public async Task DismissalIsRememberedAcrossScreenings()
    {
        await using var store = await SqliteWatchlistStore.OpenAsync(_path, CancellationToken.None);
        await store.ImportAsync(await VersionAsync("simple-v2.csv"), "simple-v2.csv", CancellationToken.None);
        var screener = new WatchlistScreener(await store.ActiveEntriesAsync(CancellationToken.None));
        var candidates = screener.Screen(new ScreeningQuery("Alibaba", EntryKind.Organization));
        var hit = Assert.Single(await store.RecordHitsAsync("ORG:alibaba", "Alibaba", candidates, CancellationToken.None));
        Assert.Equal(SqliteWatchlistStore.Open, hit.Decision);

        Assert.Equal(1, await store.DecideAsync("Alibaba", hit.EntryId, SqliteWatchlistStore.FalsePositive, "test", CancellationToken.None));
        var again = await store.RecordHitsAsync("ORG:alibaba", "Alibaba", screener.Screen(new ScreeningQuery("Alibaba", EntryKind.Organization)), CancellationToken.None);
        Assert.Equal(SqliteWatchlistStore.FalsePositive, Assert.Single(again).Decision);
    }
}
