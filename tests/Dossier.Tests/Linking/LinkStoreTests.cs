using Dossier.Documents;
using Dossier.Storage.Sqlite;

namespace Dossier.Tests.Linking;

/// <summary>Canonical entities across stored documents, and analysts' merges and splits kept for later runs.</summary>
public sealed class LinkStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dossier-linking-");

    private string Database => Path.Combine(_folder.FullName, "store.db");

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<IReadOnlyDictionary<int, long>> StoreAsync(Document document)
    {
        await using var store = await SqliteDossierStore.OpenAsync(Database, CancellationToken.None);
        await store.AddDocumentAsync(document, CancellationToken.None);
        return await store.GetCanonicalIdsAsync(document.Id, CancellationToken.None);
    }

    [Fact]
    public async Task Names_of_one_company_across_documents_are_one_canonical_entity_and_similar_names_stay_apart()
    {
        var first = await StoreAsync(TestDocuments.WithOrganisations("d1", "Alibaba", "Alibaba Pictures", "Huawei"));
        var second = await StoreAsync(TestDocuments.WithOrganisations("d2", "Alibaba Group Holding Ltd.", "Huawei Marine"));
        var third = await StoreAsync(TestDocuments.WithOrganisations("d3", "阿里巴巴"));
        Assert.Equal(first[0], second[0]);
        Assert.Equal(first[0], third[0]);
        Assert.NotEqual(first[0], first[1]);
        Assert.NotEqual(first[2], second[1]);

        await using var links = await SqliteLinkStore.OpenAsync(Database, CancellationToken.None);
        var reasons = await links.ExplainAsync(first[0], CancellationToken.None);
        Assert.Contains(reasons, r => r.Contains("阿里巴巴", StringComparison.Ordinal) && r.Contains("transliterated", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("Alibaba Group Holding Ltd.", StringComparison.Ordinal) && r.Contains("group holding ltd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_merge_moves_stored_mentions_and_is_honoured_when_later_documents_arrive()
    {
        var first = await StoreAsync(TestDocuments.WithOrganisations("d1", "Ant Group", "Alibaba"));
        await using (var links = await SqliteLinkStore.OpenAsync(Database, CancellationToken.None))
        {
            var decision = await links.MergeAsync(first[0], first[1], "Ant is reported as part of Alibaba here", CancellationToken.None);
            Assert.Equal(first[1], decision.OtherId);
        }

        var stored = await StoreAsync(TestDocuments.WithOrganisations("d1-again", "Alibaba"));
        var later = await StoreAsync(TestDocuments.WithOrganisations("d2", "Ant Group"));
        Assert.Equal(first[1], later[0]);
        Assert.Equal(first[1], stored[0]);
        await using (var store = await SqliteDossierStore.OpenAsync(Database, CancellationToken.None))
        {
            Assert.All((await store.GetCanonicalIdsAsync("d1", CancellationToken.None)).Values, id => Assert.Equal(first[1], id));
        }

        await using var reopened = await SqliteLinkStore.OpenAsync(Database, CancellationToken.None);
        var decisions = await reopened.GetDecisionsAsync(first[1], CancellationToken.None);
        Assert.Equal("Ant is reported as part of Alibaba here", Assert.Single(decisions).Reason);
    }

    [Fact]
    public async Task A_split_takes_the_name_out_and_later_mentions_of_it_stay_out()
    {
        var first = await StoreAsync(TestDocuments.WithOrganisations("d1", "Alibaba Group", "Alibaba"));
        Assert.Equal(first[0], first[1]);
        long splitId;
        await using (var links = await SqliteLinkStore.OpenAsync(Database, CancellationToken.None))
        {
            splitId = (await links.SplitAsync(first[0], "Alibaba Group", "a different company in this corpus", CancellationToken.None)).OtherId;
        }

        Assert.NotEqual(first[0], splitId);
        await using (var store = await SqliteDossierStore.OpenAsync(Database, CancellationToken.None))
        {
            var moved = await store.GetCanonicalIdsAsync("d1", CancellationToken.None);
            Assert.Equal(splitId, moved[0]);
            Assert.Equal(first[0], moved[1]);
        }

        var later = await StoreAsync(TestDocuments.WithOrganisations("d2", "Alibaba Group", "Alibaba"));
        Assert.Equal(splitId, later[0]);
        Assert.Equal(first[0], later[1]);
    }

    [Fact]
    public async Task Bad_decisions_are_refused()
    {
        var ids = await StoreAsync(TestDocuments.WithOrganisations("d1", "Alibaba", "Tencent"));
        await using var links = await SqliteLinkStore.OpenAsync(Database, CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => links.MergeAsync(ids[0], ids[0], "same", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => links.MergeAsync(ids[0], 999, "missing", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => links.SplitAsync(ids[0], "Tencent", "not its alias", CancellationToken.None));
        await links.MergeAsync(ids[0], ids[1], "ok", CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => links.MergeAsync(ids[1], ids[0], "cycle", CancellationToken.None));
    }
}
