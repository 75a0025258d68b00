using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Linking;
using Dossier.Screening;
using Dossier.Screening.Importing;
using Dossier.Serialization;
using Dossier.Tests;
using Dossier.Tests.Linking;

namespace Dossier.Storage.Tests;

/// <summary>
/// What every store backend must do alike, written once and run against each backend through <see cref="DossierStores"/>,
/// so that the location alone picks the backend under test.
/// </summary>
public abstract class StoreConformanceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<Func<ValueTask>> _cleanup = [];

    /// <summary>A fresh, empty store location of this backend.</summary>
    protected abstract Task<(string Location, Func<ValueTask> Cleanup)> CreateLocationAsync();

    private async Task<string> NewLocationAsync()
    {
        var (location, cleanup) = await CreateLocationAsync();
        _cleanup.Add(cleanup);
        return location;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var cleanup in _cleanup) await cleanup();
    }

    [SkippableFact]
    public async Task Adding_a_document_twice_stores_it_once()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        var document = SampleDocuments.All[0];
        Assert.False(await store.ContainsDocumentAsync(document.Id, None));
        Assert.True(await store.AddDocumentAsync(document, None));
        Assert.False(await store.AddDocumentAsync(document, None));
        Assert.True(await store.ContainsDocumentAsync(document.Id, None));
        var counts = await store.CountAsync(None);
        Assert.Equal(1, counts.Documents);
        Assert.True(counts.Entities > 0);
        var stored = await store.GetDocumentAsync(document.Id, None);
        Assert.NotNull(stored);
        Assert.Equal(document.Text, stored.Document.Text);
        Assert.Null(await store.GetDocumentAsync("no-such-document", None));
    }

    [SkippableFact]
    public async Task A_batch_stores_each_new_document_once_and_says_which_were_new()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        var a = TestDocuments.WithOrganisations("a", "Acme Corp", "Globex");
        var b = TestDocuments.WithOrganisations("b", "Acme Corp", "Initech");
        var c = TestDocuments.WithOrganisations("c", "Globex");
        Assert.True(await store.AddDocumentAsync(c, None));

        // Given out of id order, with one already stored and one twice: the answers follow the order given.
        Assert.Equal(new[] { true, false, true, false }, await store.AddDocumentsAsync([b, c, a, b], None));
        Assert.Equal(new[] { false, false }, await store.AddDocumentsAsync([a, b], None));
        Assert.Empty(await store.AddDocumentsAsync([], None));

        Assert.Equal(new StoreCounts(3, 3, 0), await store.CountAsync(None));
        var idsA = await store.GetCanonicalIdsAsync("a", None);
        var idsB = await store.GetCanonicalIdsAsync("b", None);
        Assert.Equal(idsA[0], idsB[0]);
        Assert.Equal(idsA[1], (await store.GetCanonicalIdsAsync("c", None))[0]);
        var read = new List<string>();
        await foreach (var document in store.ReadDocumentsAsync(None)) read.Add(document.Document.Id);
        Assert.Equal(new[] { "c", "b", "a" }, read);
        Assert.Equal("b", Assert.Single((await store.SearchAsync(new SearchQuery("Initech"), None)).Hits).DocumentId);
    }

    [SkippableFact]
    public async Task Documents_naming_the_same_organisation_share_one_canonical_entity()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        Assert.True(await store.AddDocumentAsync(TestDocuments.WithOrganisations("a", "Acme Corp", "Globex"), None));
        Assert.True(await store.AddDocumentAsync(TestDocuments.WithOrganisations("b", "Acme Corp", "Initech"), None));

        var a = await store.GetCanonicalIdsAsync("a", None);
        var b = await store.GetCanonicalIdsAsync("b", None);
        Assert.Equal(a[0], b[0]);
        Assert.NotEqual(a[1], b[1]);
        Assert.Equal(3, (await store.CountAsync(None)).Entities);
        Assert.Equal(3, (await store.GetEntitiesAsync(["a", "b"], None)).Count);

        var top = await store.SummarizeEntitiesAsync(["a", "b"], 1, None);
        Assert.Equal(("Acme Corp", 2), (Assert.Single(top).Entity.Name, top[0].Mentions));
        var acme = await store.GetEntityAsync(a[0], None);
        Assert.Equal(["a", "b"], acme!.Documents);
        Assert.Null(await store.GetEntityAsync(-1, None));
    }

    [SkippableFact]
    public async Task A_persons_one_word_name_and_the_only_full_name_it_stands_for_are_one_person_whichever_is_stored_first()
    {
        var location = await NewLocationAsync();
        await using var store = await DossierStores.OpenAsync(location, None);
        await using var links = await DossierStores.OpenLinkStoreAsync(location, None);
        Assert.True(await store.AddDocumentAsync(TestDocuments.WithNames("short-first", EntityLabel.PER, "Trump"), None));
        var first = await store.GetCanonicalIdsAsync("short-first", None);
        Assert.True(await store.AddDocumentAsync(TestDocuments.WithNames("full", EntityLabel.PER, "Donald Trump", "Jim Carafano"), None));
        Assert.Equal(new[] { true, true }, await store.AddDocumentsAsync(
            [TestDocuments.WithNames("short-later", EntityLabel.PER, "Trump", "Carafano"), TestDocuments.WithNames("given-name", EntityLabel.PER, "Jim")], None));

        // The document stored first keeps its canonical entity (what was written for it stays true); the full name joins it.
        Assert.Equal(first[0], (await store.GetCanonicalIdsAsync("short-first", None))[0]);
        var full = await store.GetCanonicalIdsAsync("full", None);
        Assert.Equal(first[0], full[0]);
        var later = await store.GetCanonicalIdsAsync("short-later", None);
        Assert.Equal((full[0], full[1]), (later[0], later[1]));
        Assert.Equal(full[1], (await store.GetCanonicalIdsAsync("given-name", None))[0]);

        var trump = (await store.GetEntityAsync(full[0], None))!;
        Assert.Equal("Donald Trump", trump.Name);
        Assert.Equal(["full", "short-first", "short-later"], trump.Documents.Order(StringComparer.Ordinal));
        Assert.Contains("Trump", trump.Aliases);
        Assert.Contains(await links.ExplainAsync(full[0], None), reason => reason.StartsWith("\"Trump\" is a short form of \"Donald Trump\"", StringComparison.Ordinal));
        Assert.Equal(2, (await store.GetEntitiesAsync(["short-first", "full", "short-later", "given-name"], None)).Count);
    }

    [SkippableFact]
    public async Task A_second_full_name_sharing_the_word_stays_apart_from_the_person_a_short_name_stored_first_became()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("short", EntityLabel.PER, "Trump"), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("donald", EntityLabel.PER, "Donald Trump"), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("ivanka", EntityLabel.PER, "Ivanka Trump"), None);

        var donald = (await store.GetCanonicalIdsAsync("donald", None))[0];
        Assert.Equal(donald, (await store.GetCanonicalIdsAsync("short", None))[0]);
        var ivanka = (await store.GetCanonicalIdsAsync("ivanka", None))[0];
        Assert.NotEqual(donald, ivanka);
        Assert.Equal("Ivanka Trump", (await store.GetEntityAsync(ivanka, None))!.Name);
    }

    [SkippableFact]
    public async Task A_one_word_name_that_two_stored_people_share_stays_apart_from_both()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("donald", EntityLabel.PER, "Donald Trump"), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("ivanka", EntityLabel.PER, "Ivanka Trump"), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("short", EntityLabel.PER, "Trump"), None);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("organisation", "Trump"), None);

        var ids = new List<long>();
        foreach (var id in new[] { "donald", "ivanka", "short", "organisation" }) ids.Add((await store.GetCanonicalIdsAsync(id, None))[0]);
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(["Trump"], (await store.GetEntityAsync(ids[2], None))!.Aliases);
    }

    [SkippableFact]
    public async Task A_one_word_name_joins_its_full_name_whatever_apostrophes_capitals_and_accents_either_is_written_with()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("full", EntityLabel.PER, "Beto O'Rourke", "José Martí"), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("curly-apostrophe", EntityLabel.PER, "O’Rourke"), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("capitals", EntityLabel.PER, "MARTI"), None);

        var full = await store.GetCanonicalIdsAsync("full", None);
        Assert.Equal(full[0], (await store.GetCanonicalIdsAsync("curly-apostrophe", None))[0]);
        Assert.Equal(full[1], (await store.GetCanonicalIdsAsync("capitals", None))[0]);
    }

    [SkippableFact]
    public async Task A_one_word_name_joins_the_full_name_an_analyst_split_off_when_no_other_person_has_it()
    {
        var location = await NewLocationAsync();
        await using var store = await DossierStores.OpenAsync(location, None);
        await using var links = await DossierStores.OpenLinkStoreAsync(location, None);
        await store.AddDocumentAsync(TestDocuments.WithNames("married", EntityLabel.PER, "Melania Trump"), None);
        await store.AddDocumentAsync(TestDocuments.WithNames("maiden", EntityLabel.PER, "Melania Knauss"), None);
        var married = (await store.GetCanonicalIdsAsync("married", None))[0];
        await links.MergeAsync((await store.GetCanonicalIdsAsync("maiden", None))[0], married, "one person", None);
        var split = await links.SplitAsync(married, "Melania Knauss", "kept apart after all", None);

        await store.AddDocumentsAsync(
            [TestDocuments.WithNames("family-name", EntityLabel.PER, "Knauss"), TestDocuments.WithNames("given-name", EntityLabel.PER, "Melania")], None);
        Assert.Equal(split.OtherId, (await store.GetCanonicalIdsAsync("family-name", None))[0]);
        var givenName = (await store.GetCanonicalIdsAsync("given-name", None))[0];
        Assert.DoesNotContain(givenName, new[] { married, split.OtherId });
    }

    [SkippableFact]
    public async Task Entities_read_a_page_at_a_time_are_those_read_at_once_in_the_same_order()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        // More documents than one lookup takes and more entities than one page holds, so that both boundaries are crossed.
        var documents = Enumerable.Range(0, 1100)
            .Select(i => TestDocuments.WithOrganisations($"doc-{i:D4}", $"Firm {(i * 37) % 300:D3}", "Acme Corp"))
            .ToList();
        await store.AddDocumentsAsync(documents, None);
        string[] run = [.. documents.Select(d => d.Id).Where((_, i) => i % 7 != 3), "doc-0000", "no-such-document"];

        var atOnce = await store.GetEntitiesAsync(run, None);
        var paged = await ToListAsync(store.ReadEntitiesAsync(run, None));

        Assert.Equal(301, atOnce.Count);
        Assert.Equal(atOnce.Select(e => e.Id).Order(), atOnce.Select(e => e.Id));
        Assert.Equal(atOnce.Select(Shape), paged.Select(Shape));
        Assert.Equal(1100, paged.Single(e => e.Name == "Acme Corp").Documents.Count);
        Assert.Empty(await ToListAsync(store.ReadEntitiesAsync([], None)));

        static string Shape(CanonicalEntity e) => $"{e.Id} {e.Name} {e.Label} [{string.Join("|", e.Aliases)}] [{string.Join("|", e.Documents)}]";
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }

    [SkippableFact]
    public async Task Entities_are_found_and_listed_by_name_or_alias_ignoring_case()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("a", "Acme Anvils", "Acme Rockets", "Globex"), None);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("b", "Acme Rockets"), None);

        var found = await store.FindEntitiesAsync("acme", None);
        Assert.Equal(["Acme Rockets", "Acme Anvils"], found.Select(e => e.Name));
        Assert.Equal("Acme Anvils", Assert.Single(await store.FindEntitiesAsync("ACME ANVILS", None)).Name);
        Assert.Empty(await store.FindEntitiesAsync("100%_", None));

        var listed = await store.ListEntitiesAsync("GLOB", 10, None);
        Assert.Equal("Globex", Assert.Single(listed).Entity.Name);
        var all = await store.ListEntitiesAsync(null, 10, None);
        Assert.Equal(3, all.Count);
        Assert.Equal(("Acme Rockets", 2), (all[0].Entity.Name, all[0].Mentions));
    }

    [SkippableFact]
    public async Task Documents_mentioning_an_entity_come_with_their_canonical_ids()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        await SampleDocuments.AddAllAsync(store);
        var alibaba = (await store.FindEntitiesAsync("Alibaba", None))[0];
        var documents = await store.GetDocumentsMentioningAsync(alibaba.Id, None);
        Assert.Equal(3, documents.Count);
        Assert.All(documents, d => Assert.Contains(alibaba.Id, d.CanonicalIds.Values));
    }

    [SkippableFact]
    public async Task Reading_every_document_pages_through_them_in_the_order_stored()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        var ids = Enumerable.Range(0, 600).Select(i => $"doc-{i:D4}-{(i * 7919) % 600}").ToList();
        foreach (var id in ids) await store.AddDocumentAsync(TestDocuments.WithOrganisations(id, "Acme Corp"), None);

        var read = new List<string>();
        await foreach (var document in store.ReadDocumentsAsync(None))
        {
            Assert.Single(document.CanonicalIds);
            read.Add(document.Document.Id);
        }

        Assert.Equal(ids, read);
    }

    [SkippableFact]
    public async Task Failures_are_recorded_and_counted()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        await store.RecordFailureAsync("bad.html", "not a document", None);
        await store.RecordFailureAsync("bad.html", "not a document", None);
        Assert.Equal(new StoreCounts(0, 0, 2), await store.CountAsync(None));
    }

    [SkippableFact]
    public async Task Search_ranks_highlights_and_filters()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        await SampleDocuments.AddAllAsync(store);

        var results = await store.SearchAsync(new SearchQuery("lobbying democrats"), None);
        var top = results.Hits[0];
        Assert.Contains("Lobbying", top.Title!, StringComparison.Ordinal);
        Assert.Contains(top.Highlights, h => string.Equals(h.Text, "lobbying", StringComparison.OrdinalIgnoreCase));
        Assert.All(top.Highlights, h => Assert.Equal(h.Text, top.Snippet[h.Start..h.End]));
        Assert.DoesNotContain('\u0002', top.Snippet);

        Assert.NotEmpty((await store.SearchAsync(new SearchQuery("lobby*"), None)).Hits);
        Assert.Empty((await store.SearchAsync(new SearchQuery("lobby"), None)).Hits);
        // Query syntax in user text is read as words: "and" and "or" are words both backends find, not operators.
        Assert.NotEmpty((await store.SearchAsync(new SearchQuery("\"( AND OR *"), None)).Hits);
        Assert.Empty((await store.SearchAsync(new SearchQuery("zyxwvut"), None)).Hits);

        var claims = await store.SearchAsync(new SearchQuery("Alibaba", Kind: "claim", Limit: 50), None);
        Assert.NotEmpty(claims.Hits);
        Assert.All(claims.Hits, h => Assert.Equal("claim", h.Kind));

        var paged = await store.SearchAsync(new SearchQuery("Alibaba", Limit: 2), None);
        Assert.True(paged.HasMore);
        var next = await store.SearchAsync(new SearchQuery("Alibaba", Limit: 2, Offset: 2), None);
        Assert.Empty(paged.Hits.Select(Key).Intersect(next.Hits.Select(Key)));

        var alibaba = (await store.FindEntitiesAsync("Alibaba", None))[0];
        Assert.NotEmpty((await store.SearchAsync(new SearchQuery("Alibaba", EntityId: alibaba.Id), None)).Hits);
        Assert.Empty((await store.SearchAsync(new SearchQuery("Alibaba", EntityId: -1), None)).Hits);
        Assert.Empty((await store.SearchAsync(new SearchQuery("Alibaba", Source: "no-such-outlet.example"), None)).Hits);
        var outlet = top.Outlet;
        var fromOutlet = await store.SearchAsync(new SearchQuery("Alibaba", Source: outlet.ToUpperInvariant(), Limit: 50), None);
        Assert.NotEmpty(fromOutlet.Hits);
        Assert.All(fromOutlet.Hits, h => Assert.Equal(outlet, h.Outlet));

        var browse = await store.SearchAsync(new SearchQuery(null, Kind: "article"), None);
        Assert.Equal(3, browse.Hits.Count);
        Assert.Empty((await store.SearchAsync(new SearchQuery(null, From: "2999-01-01"), None)).Hits);
        Assert.All((await store.SearchAsync(new SearchQuery(null, To: "2999"), None)).Hits, h => Assert.NotNull(h.Published));

        static (string, string, int?) Key(SearchHit hit) => (hit.Kind, hit.DocumentId, hit.Item);
    }

    [SkippableFact]
    public async Task List_hits_keep_the_analysts_decision_when_screened_again()
    {
        await using var store = await DossierStores.OpenAsync(await NewLocationAsync(), None);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("a", "Acme Corp"), None);
        var acme = (await store.FindEntitiesAsync("Acme Corp", None))[0];
        var hit = new WatchlistHitJson("e-1", "Test list", "ACME CORPORATION", 0.9, null, null, "names match", HitDecisions.Open);
        var id = await store.AddWatchlistHitAsync(acme.Id, hit, None);
        var decided = await store.DecideHitAsync(id, "dismiss", "another Acme", None);
        Assert.Equal((HitDecisions.FalsePositive, "another Acme"), (decided!.Hit.Decision, decided.Note));

        Assert.Equal(id, await store.AddWatchlistHitAsync(acme.Id, hit with { Score = 0.95 }, None));
        var again = Assert.Single(await store.GetWatchlistHitsAsync(acme.Id, None));
        Assert.Equal((HitDecisions.FalsePositive, 0.95), (again.Hit.Decision, again.Hit.Score));
        Assert.Single(await store.GetWatchlistHitsAsync(null, None));
        Assert.Empty(await store.GetWatchlistHitsAsync(acme.Id + 1000, None));
        Assert.Null(await store.DecideHitAsync(id + 1000, "confirmed", null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddWatchlistHitAsync(-1, hit, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DecideHitAsync(id, "maybe", null, None));
    }

    [SkippableFact]
    public async Task Merges_and_splits_are_remembered_for_documents_stored_later()
    {
        var location = await NewLocationAsync();
        await using var store = await DossierStores.OpenAsync(location, None);
        await using var links = await DossierStores.OpenLinkStoreAsync(location, None);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("a", "Acme Corp"), None);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("b", "Globex"), None);
        var acme = (await store.GetCanonicalIdsAsync("a", None))[0];
        var globex = (await store.GetCanonicalIdsAsync("b", None))[0];

        var merge = await links.MergeAsync(globex, acme, "same company", None);
        Assert.Equal((EntityDecisionKind.Merge, acme), (merge.Kind, merge.OtherId));
        Assert.Equal(acme, (await store.GetCanonicalIdsAsync("b", None))[0]);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("c", "Globex"), None);
        Assert.Equal(acme, (await store.GetCanonicalIdsAsync("c", None))[0]);
        Assert.Contains("Globex", (await store.GetEntityAsync(acme, None))!.Aliases);

        var split = await links.SplitAsync(acme, "Globex", "different after all", None);
        Assert.Equal(split.OtherId, (await store.GetCanonicalIdsAsync("c", None))[0]);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("d", "Globex"), None);
        Assert.Equal(split.OtherId, (await store.GetCanonicalIdsAsync("d", None))[0]);
        Assert.Equal(acme, (await store.GetCanonicalIdsAsync("a", None))[0]);

        var decisions = await links.GetDecisionsAsync(acme, None);
        Assert.Equal([EntityDecisionKind.Merge, EntityDecisionKind.Split], decisions.Select(d => d.Kind));
        Assert.Equal(merge, decisions[0]);
        Assert.Contains(await links.ExplainAsync(acme, None), reason => reason.Contains("same company", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ArgumentException>(() => links.MergeAsync(acme, acme, "self", None));
        await Assert.ThrowsAsync<ArgumentException>(() => links.SplitAsync(acme, "Initech", "not an alias", None));
    }

    [SkippableFact]
    public async Task A_merge_made_while_documents_are_stored_leaves_none_on_the_merged_entity()
    {
        var location = await NewLocationAsync();
        await using var store = await DossierStores.OpenAsync(location, None);
        await using var links = await DossierStores.OpenLinkStoreAsync(location, None);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("acme", "Acme Corp"), None);
        await store.AddDocumentAsync(TestDocuments.WithOrganisations("globex", "Globex"), None);
        var acme = (await store.GetCanonicalIdsAsync("acme", None))[0];
        var globex = (await store.GetCanonicalIdsAsync("globex", None))[0];

        const int writers = 3, perWriter = 30;
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var writer = await DossierStores.OpenAsync(location, None);
            for (var i = 0; i < perWriter; i++) await writer.AddDocumentAsync(TestDocuments.WithOrganisations($"later-{w}-{i}", "Globex", $"Firm {w} {i}"), None);
        })).ToList();
        await Task.Delay(50);
        await links.MergeAsync(globex, acme, "same company", None);
        await Task.WhenAll(writing);

        // Whether stored before, during or after the merge, every document naming Globex now points at Acme.
        foreach (var id in Enumerable.Range(0, writers).SelectMany(w => Enumerable.Range(0, perWriter).Select(i => $"later-{w}-{i}")).Append("globex"))
        {
            var stored = await store.GetDocumentAsync(id, None);
            var canonical = await store.GetCanonicalIdsAsync(id, None);
            var globexLocal = stored!.Document.DocumentEntities.Single(e => e.Name == "Globex").Id;
            Assert.Equal(acme, canonical[globexLocal]);
        }
    }

    [SkippableFact]
    public async Task Stories_and_claim_links_are_computed_and_saved_over_the_stored_documents()
    {
        var location = await NewLocationAsync();
        await using (var store = await DossierStores.OpenAsync(location, None)) await SampleDocuments.AddAllAsync(store);
        await using var links = await DossierStores.OpenLinkStoreAsync(location, None);
        var documents = await links.GetLinkableDocumentsAsync(None);
        Assert.Equal(SampleDocuments.All.Select(d => d.Id), documents.Select(d => d.Id));
        Assert.Equal(3, await StoreLinking.LinkNewAsync(links, None));
        Assert.Equal(0, await StoreLinking.LinkNewAsync(links, None));
        var (stories, computed) = StoreLinking.Compute(documents, None);
        Assert.Equal(stories.Count, (await links.GetStoriesAsync(null, None)).Count);
        Assert.Equal(Describe(computed), Describe(await links.GetClaimLinksAsync(None)));
    }

    [SkippableFact]
    public async Task Claim_links_linked_run_by_run_are_those_of_linking_every_stored_document_in_stored_order()
    {
        var location = await NewLocationAsync();
        var corpus = ClaimCorpus.Generate(7, 420);
        await using var store = await DossierStores.OpenAsync(location, None);
        await using var links = await DossierStores.OpenLinkStoreAsync(location, None);
        var runs = new Random(7);
        List<string> lastRunIds = [];
        for (var stored = 0; stored < corpus.Count;)
        {
            var run = corpus.Skip(stored).Take(runs.Next(1, 60)).ToList();
            foreach (var document in run) Assert.True(await store.AddDocumentAsync(document, None));
            stored += run.Count;
            lastRunIds = run.Select(d => d.Id).ToList();
            Assert.Equal(run.Count, await StoreLinking.LinkNewAsync(links, None));
        }

        var documents = await links.GetLinkableDocumentsAsync(None);
        Assert.Equal(corpus.Select(d => d.Id), documents.Select(d => d.Id));
        var (_, expected) = StoreLinking.Compute(documents, None);
        // The corpus exercises what the incremental path must get right: every relation, denials answering across articles,
        // stories joined by later articles, and subjects with more earlier claims than one claim is compared with.
        Assert.All(Enum.GetValues<ClaimRelation>(), relation => Assert.Contains(expected, l => l.Relation == relation));
        Assert.Contains(expected, l => l.Explanation.StartsWith("the denial answers", StringComparison.Ordinal));
        Assert.True(documents.SelectMany(d => d.Claims).SelectMany(c => c.Subjects).CountBy(s => s).Max(p => p.Value) > new ClaimLinkingOptions().MaxComparisonsPerClaim);
        Assert.Equal(Describe(expected), Describe(await links.GetClaimLinksAsync(None)));

        var wanted = lastRunIds.ToHashSet();
        Assert.Equal(
            expected.Where(l => wanted.Contains(l.From.DocumentId) || wanted.Contains(l.To.DocumentId)).Select(DossierJsonMapper.ToJson),
            await links.ReadClaimLinksAsync(lastRunIds, None).ToListAsync());
    }

    [SkippableFact]
    public async Task A_store_linked_before_the_claim_index_relinks_every_document_once_upgraded()
    {
        var location = await NewLocationAsync();
        var corpus = ClaimCorpus.Generate(5, 90);
        await using (var store = await DossierStores.OpenAsync(location, None))
        {
            foreach (var document in corpus.Take(60)) await store.AddDocumentAsync(document, None);
            await using (var links = await DossierStores.OpenLinkStoreAsync(location, None)) await StoreLinking.LinkNewAsync(links, None);
            // Stored after the last linking: in no story yet when the store is upgraded.
            foreach (var document in corpus.Skip(60)) await store.AddDocumentAsync(document, None);
        }

        await RevertClaimIndexMigrationAsync(location);
        await using (var upgraded = await DossierStores.OpenLinkStoreAsync(location, None))
        {
            Assert.Equal(corpus.Count, await StoreLinking.LinkNewAsync(upgraded, None));
            var (_, expected) = StoreLinking.Compute(await upgraded.GetLinkableDocumentsAsync(None), None);
            Assert.NotEmpty(expected);
            Assert.Equal(Describe(expected), Describe(await upgraded.GetClaimLinksAsync(None)));
        }
    }

    /// <summary>
    /// Turns a store back into one of the schema before the claim index, as an older version left it: no claim index, no
    /// queue of unplaced documents, no person name words, and links saved by the whole-store linking (one stands for them, between two claims
    /// that nothing links).
    /// </summary>
    protected abstract Task RevertClaimIndexMigrationAsync(string location);

    protected const string RevertClaimIndexSql =
        """
        DROP TABLE linked_claims;
        DROP TABLE claim_keys;
        DROP TABLE claim_linking;
        DROP TABLE story_joins;
        DROP INDEX claim_links_to_document;
        DROP TABLE person_name_words;
        INSERT INTO claim_links (from_document, from_claim, to_document, to_claim, relation, confidence) VALUES ('gone', 0, 'gone', 1, 'supports', 0.5);
        """;

    private static List<string> Describe(IEnumerable<ClaimLink> links) => Describe(links.Select(DossierJsonMapper.ToJson));

    private static List<string> Describe(IEnumerable<ClaimLinkJson> links) =>
        [.. links.Select(l => $"{l.From.Document}/{l.From.Claim} {l.Relation} {l.To.Document}/{l.To.Claim} {l.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal)];

    [SkippableFact]
    public async Task Stories_placed_run_by_run_are_those_of_clustering_every_stored_document_in_stored_order()
    {
        var location = await NewLocationAsync();
        var corpus = StoryCorpus.Generate(11, 160);
        await using var store = await DossierStores.OpenAsync(location, None);
        await using var links = await DossierStores.OpenLinkStoreAsync(location, None);
        var runs = new Random(11);
        IReadOnlyList<StoryCluster> lastRun = [];
        List<string> lastRunIds = [];
        for (var stored = 0; stored < corpus.Count;)
        {
            var run = corpus.Skip(stored).Take(runs.Next(1, 50)).ToList();
            foreach (var input in run)
            {
                Assert.True(await store.AddDocumentAsync(Document.Create(input.Id, input.Text, new DocumentMetadata { Source = input.Id, Site = input.Site }), None));
            }

            stored += run.Count;
            lastRunIds = run.Select(d => d.Id).ToList();
            lastRun = await StoreLinking.StoriesAsync(links, lastRunIds, None);
        }

        var expected = new StoryClusterer().Cluster(corpus);
        Assert.Contains(expected, story => story.DocumentIds.Count >= 4);
        Assert.Equal(Describe(expected), Describe(await links.GetStoriesAsync(null, None)));
        Assert.Equal(Describe(expected.Where(s => s.DocumentIds.Intersect(lastRunIds).Any()).ToList()), Describe(lastRun));
        // Linking reads the same stories, and places nothing twice.
        await StoreLinking.LinkNewAsync(links, None);
        Assert.Equal(Describe(expected), Describe(await links.GetStoriesAsync(null, None)));

        static List<string> Describe(IReadOnlyList<StoryCluster> stories) =>
            [.. stories.Select(s => s.Id + ": " + string.Join(",", s.DocumentIds) + " | " + string.Join(",", s.Sites))];
    }

    [SkippableFact]
    public async Task Lists_are_imported_updated_in_place_and_superseded()
    {
        await using var lists = await DossierStores.OpenWatchlistStoreAsync(await NewLocationAsync(), None);
        var first = await lists.ImportAsync(await VersionAsync("simple.csv"), "simple.csv", None);
        Assert.Equal(3, first.Added);
        var again = await lists.ImportAsync(await VersionAsync("simple.csv"), "simple.csv", None);
        Assert.Equal((0, 3), (again.Added, again.Updated));
        Assert.Equal(2, (await lists.ActiveEntriesAsync(None)).Count);

        var newer = await lists.ImportAsync(await VersionAsync("simple-v2.csv"), "simple-v2.csv", None);
        Assert.Equal((1, 1, 2), (newer.Added, newer.Updated, newer.Removed));
        Assert.Equal(["Alibaba Group Holding Limited", "Huawei Technologies Co., Ltd."],
            (await lists.ActiveEntriesAsync(None)).Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.NotNull((await lists.ImportAsync(await VersionAsync("simple.csv"), "simple.csv", None)).Skipped);
        Assert.Equal(2, Assert.Single(await lists.ListsAsync(None)).Versions);

        static async Task<WatchlistVersion> VersionAsync(string fixture) =>
            Assert.Single((await new WatchlistImporter().ReadFileAsync(RepoPaths.Fixture("screening", fixture), None)).Versions);
    }

    [SkippableFact]
    public async Task Concurrent_writers_store_every_document_once_and_every_entity_once()
    {
        var location = await NewLocationAsync();
        string[] names = ["Acme Corp", "Globex", "Initech", "Umbrella Corp", "Hooli", "Stark Industries"];
        var shared = Enumerable.Range(0, 12).Select(i => TestDocuments.WithOrganisations($"shared-{i}", Rotate(names, i))).ToList();
        const int writers = 4;
        var stores = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => DossierStores.OpenAsync(location, None)));
        try
        {
            var added = await Task.WhenAll(stores.Select((store, w) => Task.Run(async () =>
            {
                var own = Enumerable.Range(0, 8).Select(i => TestDocuments.WithOrganisations($"own-{w}-{i}", Rotate(names, w + i).Take(3).ToArray()));
                var count = 0;
                foreach (var document in shared.Concat(own).OrderBy(d => (d.Id.GetHashCode(StringComparison.Ordinal) ^ w) & 0xff))
                {
                    if (await store.AddDocumentAsync(document, None)) count++;
                }

                return count;
            })));

            Assert.Equal(shared.Count + (writers * 8), added.Sum());
            var counts = await stores[0].CountAsync(None);
            Assert.Equal((shared.Count + (writers * 8), names.Length), (counts.Documents, counts.Entities));
            Assert.Single(await stores[0].FindEntitiesAsync("Acme Corp", None));
            await foreach (var stored in stores[0].ReadDocumentsAsync(None))
            {
                Assert.Equal(stored.Document.DocumentEntities.Count, stored.CanonicalIds.Count);
            }
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }

        static string[] Rotate(string[] items, int by) => [.. items.Skip(by % items.Length), .. items.Take(by % items.Length)];
    }

    [SkippableFact]
    public async Task Stores_opened_at_once_on_a_new_database_migrate_it_once()
    {
        var location = await NewLocationAsync();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DossierStores.OpenAsync(location, None))));
        try
        {
            Assert.True(await stores[3].AddDocumentAsync(TestDocuments.WithOrganisations("a", "Acme Corp"), None));
            Assert.All(await Task.WhenAll(stores.Select(s => s.CountAsync(None))), counts => Assert.Equal(1, counts.Documents));
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }

        await using var reopened = await DossierStores.OpenAsync(location, None);
        Assert.Equal(1, (await reopened.CountAsync(None)).Documents);
    }
}

public sealed class SqliteStoreConformanceTests : StoreConformanceTests
{
    protected override Task<(string Location, Func<ValueTask> Cleanup)> CreateLocationAsync()
    {
        var folder = Directory.CreateTempSubdirectory("dossier-store-");
        return Task.FromResult<(string, Func<ValueTask>)>((Path.Combine(folder.FullName, "dossier.db"), () =>
        {
            folder.Delete(recursive: true);
            return ValueTask.CompletedTask;
        }));
    }

    protected override async Task RevertClaimIndexMigrationAsync(string location)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={location};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = RevertClaimIndexSql + "PRAGMA user_version = 10;";
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class PostgresStoreConformanceTests : StoreConformanceTests
{
    protected override async Task<(string Location, Func<ValueTask> Cleanup)> CreateLocationAsync()
    {
        var database = await ScratchDatabase.CreateAsync();
        return (database.ConnectionString, database.DisposeAsync);
    }

    protected override async Task RevertClaimIndexMigrationAsync(string location)
    {
        await using var connection = new Npgsql.NpgsqlConnection(location);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(RevertClaimIndexSql + "DROP TABLE unplaced_documents; DELETE FROM schema_migrations WHERE version >= 4;", connection);
        await command.ExecuteNonQueryAsync();
    }
}
