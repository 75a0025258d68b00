using System.Text.Json;
using AngleSharp.Html.Parser;
using Dossier.Reports;
using Dossier.Serialization;
using Dossier.Storage.Sqlite;

namespace Dossier.Web.Tests;

public sealed class ReportTests : IAsyncLifetime
{
    private string _folder = "";
    private SqliteDossierStore? _store;
    private EntityDossier _dossier = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("dossier-report-").FullName;
        _store = await SqliteDossierStore.OpenAsync(Path.Combine(_folder, "dossier.db"), CancellationToken.None);
        await SampleDossiers.SeedAsync(_store);
        var entity = (await _store.FindEntitiesAsync(SampleDossiers.Alibaba, CancellationToken.None))[0];
        var hits = await _store.GetWatchlistHitsAsync(entity.Id, CancellationToken.None);
        _dossier = new EntityDossier(entity, await _store.GetDocumentsMentioningAsync(entity.Id, CancellationToken.None), hits.Select(h => h.Hit).ToList());
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Cross_article_links_put_a_republished_article_in_the_story_of_its_original()
    {
        var original = _dossier.Documents[2];
        var copy = original with { Document = original.Document with { Id = "republished-copy", Site = "mirror.example" } };
        var linked = (_dossier with { Documents = [.. _dossier.Documents, copy] }).WithCrossArticleLinks(CancellationToken.None);

        var stories = ReportBuilder.Build(linked).Stories;
        var story = Assert.Single(stories, s => s.Documents.Contains("republished-copy"));
        Assert.Equal(new[] { original.Document.Id, "republished-copy" }.Order(StringComparer.Ordinal), story.Documents.Order(StringComparer.Ordinal));
        Assert.Equal(3, stories.Count);
    }

    [Fact]
    public void Cross_article_links_are_computed_once_until_the_dossiers_documents_or_their_entities_change()
    {
        var cache = new CrossArticleLinkCache();
        var first = cache.WithCrossArticleLinks(_dossier, CancellationToken.None);
        var again = cache.WithCrossArticleLinks(_dossier with { }, CancellationToken.None);
        Assert.Equal(3, first.Stories!.Count);
        Assert.Same(first.Stories, again.Stories);
        Assert.Same(first.ClaimLinks, again.ClaimLinks);

        // An entity merge changes a document's canonical ids (the same documents), and with them the links.
        var original = _dossier.Documents[2];
        var remapped = original with { CanonicalIds = original.CanonicalIds.ToDictionary(pair => pair.Key, pair => pair.Value + 1_000_000) };
        var merged = cache.WithCrossArticleLinks(_dossier with { Documents = [_dossier.Documents[0], _dossier.Documents[1], remapped] }, CancellationToken.None);
        Assert.NotSame(first.Stories, merged.Stories);

        var copy = original with { Document = original.Document with { Id = "republished-copy", Site = "mirror.example" } };
        var grown = cache.WithCrossArticleLinks(_dossier with { Documents = [.. _dossier.Documents, copy] }, CancellationToken.None);
        Assert.NotSame(merged.Stories, grown.Stories);
        Assert.Contains(grown.Stories!, story => story.Documents.Contains("republished-copy"));
    }

    [Fact]
    public void Report_counts_claims_per_category_and_independent_outlets()
    {
        var report = ReportBuilder.Build(_dossier);
        Assert.Equal(3, report.DocumentCount);
        var influence = Assert.Single(report.RiskCategories, c => c.Category == "political_influence");
        Assert.Equal(2, influence.Claims);
        Assert.Equal(1, influence.IndependentSources);
        // The allegation counts; Alibaba's denial of it is in the same category but is no second risk.
        var military = Assert.Single(report.RiskCategories, c => c.Category == "military_ties");
        Assert.Equal((1, 1), (military.Claims, military.IndependentSources));
        Assert.Equal(["military_ties", "political_influence", "sanctions_trade"], report.RiskCategories.Select(c => c.Category).Order(StringComparer.Ordinal));
        Assert.Equal(3, report.Stories.Count);
    }

    [Fact]
    public void Report_pairs_the_denial_with_the_allegation_it_answers()
    {
        var pair = Assert.Single(ReportBuilder.Build(_dossier).AllegationDenials);
        Assert.Equal("alleged", pair.Allegation.Status);
        Assert.Equal("denied", pair.Denial.Status);
        Assert.StartsWith("It alleged that Alibaba", pair.Allegation.Text);
        Assert.StartsWith("The assertions and innuendos", pair.Denial.Text);
        Assert.Equal("an Alibaba spokesperson", pair.Denial.AttributedTo);
    }

    [Fact]
    public void Report_lists_quotes_by_and_about_the_entity_and_a_timeline_by_month()
    {
        var report = ReportBuilder.Build(_dossier);
        // Jim Carafano speaks of Chinese companies in general, neither as nor of Alibaba: his quote is not in its dossier.
        Assert.Equal(["Chief Executive Officer of Alibaba", "an Alibaba spokesperson"], report.Quotes.Select(q => q.Speaker));
        // Both speak for Alibaba, so the report shows them under what the entity said, none under what others said of it.
        var sections = ReportBuilder.QuoteSections(report);
        Assert.Equal(["What Alibaba said", "What others said about Alibaba"], sections.Select(s => s.Heading));
        Assert.Equal(report.Quotes, sections[0].Quotes);
        Assert.Empty(sections[1].Quotes);
        Assert.Equal(["2020-08", "2022-10", "2025-11"], report.Timeline.Select(b => b.Period).Distinct());
        Assert.Equal(5, report.Timeline.Sum(b => b.Claims));
        Assert.Contains(report.SourceGraph.Nodes, n => n is { Kind: "speaker", Label: "Financial Times" });
        Assert.Contains(report.SourceGraph.Nodes, n => n is { Kind: "outlet", Label: "wire.example" });
        Assert.Equal(0.62, report.Articles.Single(a => a.Outlet == "wire.example").Credibility);
    }

    /// <summary>The report with these quotes added to the military-ties article, whose text they point into.</summary>
    private DossierReport ReportWithQuotesInMilitaryTies(params QuoteJson[] quotes)
    {
        var stored = _dossier.Documents[2];
        var withQuotes = stored with { Document = stored.Document with { Quotes = [.. stored.Document.Quotes, .. quotes] } };
        return ReportBuilder.Build(_dossier with { Documents = [_dossier.Documents[0], _dossier.Documents[1], withQuotes] });
    }

    private string MilitaryTiesText => _dossier.Documents[2].Document.Text;

    [Fact]
    public void A_pronoun_speaker_is_shown_by_the_name_it_stands_for()
    {
        var text = MilitaryTiesText;
        var content = text.IndexOf("Alibaba had been involved", StringComparison.Ordinal);
        var pronoun = text.IndexOf("It alleged", StringComparison.Ordinal);
        var report = ReportWithQuotesInMilitaryTies(new QuoteJson(text.Substring(content, 40), content, content + 40, "alleged", pronoun + 3, pronoun + 10, "indirect",
            "It", pronoun, pronoun + 2, "pronoun", 1, null, "The Financial Times article"));
        Assert.Contains(report.Quotes, q => q.Speaker == "The Financial Times article" && q.Text.StartsWith("Alibaba had been", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Quotes, q => q.Speaker == "It");
    }

    [Theory]
    // "The company's response also implied that …, suggesting that …": the same speaker phrase.
    [InlineData("The company’s response", "The company’s response", "implied", "suggesting")]
    // "the tech giant called the report …, questioning …", the second speaker read as "the tech": overlapping phrases.
    [InlineData("the tech giant", "the tech", "called", "questioning")]
    public void A_quote_inside_a_longer_one_by_the_same_speaker_is_shown_once(string speaker, string nestedSpeaker, string cue, string nestedCue)
    {
        var text = MilitaryTiesText;
        var speakerStart = text.IndexOf(speaker, StringComparison.Ordinal);
        var cueStart = text.IndexOf(cue, speakerStart, StringComparison.Ordinal);
        var nestedCueStart = text.IndexOf(nestedCue, cueStart, StringComparison.Ordinal);
        var end = text.IndexOf('.', nestedCueStart);
        var outer = new QuoteJson(text[(cueStart + cue.Length + 1)..end], cueStart + cue.Length + 1, end, cue, cueStart, cueStart + cue.Length, "indirect",
            speaker, speakerStart, speakerStart + speaker.Length, "organisation", 0, null, null);
        var nested = new QuoteJson(text[(nestedCueStart + nestedCue.Length + 1)..(end - 5)], nestedCueStart + nestedCue.Length + 1, end - 5, nestedCue, nestedCueStart,
            nestedCueStart + nestedCue.Length, "indirect", nestedSpeaker, speakerStart, speakerStart + nestedSpeaker.Length, "organisation", 0, null, null);
        var report = ReportWithQuotesInMilitaryTies(nested, outer);
        Assert.Single(report.Quotes, q => q.Cue == cue);
        Assert.DoesNotContain(report.Quotes, q => q.Cue == nestedCue);
    }

    [Fact]
    public void Html_report_is_self_contained_and_every_span_link_has_its_target()
    {
        var html = new HtmlReportWriter().Write(_dossier);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Empty(page.QuerySelectorAll("script, link, img, iframe, object, embed"));
        foreach (var section in new[] { "summary", "claims", "quotes", "denials", "timeline", "sources", "credibility" }) Assert.NotNull(page.GetElementById(section));
        Assert.NotNull(page.QuerySelector("#timeline svg rect"));
        Assert.NotNull(page.QuerySelector("#sources svg line"));
        Assert.Contains("Alibaba Group Holding Ltd", page.QuerySelector("#summary table")!.TextContent);

        var links = page.QuerySelectorAll("a[href^='#']").Select(a => a.GetAttribute("href")![1..]).Distinct().ToList();
        Assert.True(links.Count >= 8, $"only {links.Count} span links");
        foreach (var anchor in links)
        {
            var target = page.GetElementById(anchor);
            Assert.True(target is not null, $"no element with id {anchor}");
        }

        var denial = page.QuerySelectorAll("mark.claim.status-denied").Single(m => m.Id is not null);
        Assert.Equal("The assertions and innuendos in the article are completely false", denial.TextContent);
    }

    [Fact]
    public void Markdown_and_json_reports_carry_the_same_sections()
    {
        var md = new MarkdownReportWriter().Write(_dossier);
        foreach (var heading in new[] { "## Summary", "### List hits", "### Risk categories", "## Claims by story and category", "## Who said what", "### What Alibaba said", "### What others said about Alibaba", "## Allegations and denials", "## Timeline", "## Sources", "## Source articles and their credibility" })
        {
            Assert.Contains(heading, md);
        }

        Assert.Contains("| military\\_ties | 1 | 1 | wire.example |", md);
        using var json = JsonDocument.Parse(new JsonReportWriter().Write(_dossier));
        Assert.Equal("Alibaba", json.RootElement.GetProperty("entity").GetProperty("name").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("allegation_denials").GetArrayLength());
        Assert.Equal("open", json.RootElement.GetProperty("entity").GetProperty("watchlist_hits")[0].GetProperty("decision").GetString());
    }

    [Fact]
    public void Crossing_highlights_are_split_so_the_markup_nests()
    {
        var html = new System.Text.StringBuilder();
        ArticleHtml.Render(html, "abcdefghij", [new Highlight(1, 6, "a", "first"), new Highlight(4, 9, "b", "second"), new Highlight(-3, 2, "bad"), new Highlight(8, 99, "bad")]);
        Assert.Equal("a<mark class=\"a\" id=\"first\">bcd<mark class=\"b\" id=\"second\">ef</mark></mark><mark class=\"b\">ghi</mark>j", html.ToString());
    }
}
