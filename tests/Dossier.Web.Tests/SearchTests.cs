using Dossier.Analysis;
using Dossier.Storage.Sqlite;
using FsCheck;
using FsCheck.Fluent;

namespace Dossier.Web.Tests;

public sealed class SearchTests : IAsyncLifetime
{
    private string _folder = "";
    private SqliteDossierStore _store = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("dossier-search-").FullName;
        _store = await SqliteDossierStore.OpenAsync(Path.Combine(_folder, "dossier.db"), CancellationToken.None);
        await SampleDossiers.SeedAsync(_store);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("\"", null)]
    [InlineData("a OR b NEAR(c", "\"a\" \"OR\" \"b\" \"NEAR\" \"c\"")]
    [InlineData("Alibaba*", "\"Alibaba\"*")]
    [InlineData("  ", null)]
    [InlineData("e-commerce giant", "\"e\" \"commerce\" \"giant\"")]
    public void User_queries_become_quoted_terms(string text, string? expected) => Assert.Equal(expected, SqliteDossierStore.ToFtsQuery(text));

    [Fact]
    public void Any_text_searches_without_error()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var results = _store.SearchAsync(new SearchQuery(text ?? ""), CancellationToken.None).GetAwaiter().GetResult();
            return results.Hits.Count <= 20;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public async Task Titles_rank_above_bodies_and_snippets_mark_the_match()
    {
        var results = await _store.SearchAsync(new SearchQuery("denounces", Kind: "article"), CancellationToken.None);
        var top = Assert.Single(results.Hits);
        Assert.StartsWith("Alibaba Denounces Report", top.Title);
        Assert.All(top.Highlights, h => Assert.Equal("Denounces", h.Text, ignoreCase: true));
        Assert.All(top.Highlights, h => Assert.Equal(h.Text, top.Snippet[h.Start..h.End]));
    }

    [Fact]
    public async Task Entity_filter_keeps_documents_that_mention_it()
    {
        var pompeo = (await _store.FindEntitiesAsync("Mike Pompeo", CancellationToken.None))[0];
        var results = await _store.SearchAsync(new SearchQuery("Alibaba", EntityId: pompeo.Id, Limit: 200), CancellationToken.None);
        Assert.NotEmpty(results.Hits);
        Assert.All(results.Hits, hit => Assert.Contains(hit.DocumentId, pompeo.Documents));
    }

    [Fact]
    public async Task Paging_returns_the_rest_without_overlap()
    {
        var first = await _store.SearchAsync(new SearchQuery("Alibaba", Limit: 2), CancellationToken.None);
        Assert.True(first.HasMore);
        var second = await _store.SearchAsync(new SearchQuery("Alibaba", Limit: 2, Offset: 2), CancellationToken.None);
        Assert.Empty(first.Hits.Select(h => (h.DocumentId, h.Kind, h.Item)).Intersect(second.Hits.Select(h => (h.DocumentId, h.Kind, h.Item))));
    }

    [Fact]
    public async Task A_decision_on_a_hit_is_remembered_and_a_rescreen_keeps_it()
    {
        var hit = (await _store.GetWatchlistHitsAsync(null, CancellationToken.None))[0];
        await _store.DecideHitAsync(hit.Id, HitDecisions.Confirmed, "checked the listing", CancellationToken.None);
        var again = await _store.AddWatchlistHitAsync(hit.EntityId, hit.Hit with { Score = 0.5, Decision = HitDecisions.Open }, CancellationToken.None);
        Assert.Equal(hit.Id, again);
        var stored = Assert.Single(await _store.GetWatchlistHitsAsync(hit.EntityId, CancellationToken.None));
        Assert.Equal((HitDecisions.Confirmed, 0.5, "checked the listing"), (stored.Hit.Decision, stored.Hit.Score, stored.Note));
        Assert.Null(await _store.DecideHitAsync(999_999, HitDecisions.FalsePositive, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DecideHitAsync(hit.Id, "maybe", null, CancellationToken.None));
    }
}
