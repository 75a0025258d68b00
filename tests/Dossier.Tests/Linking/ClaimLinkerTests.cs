using System.Collections.Immutable;
using Dossier.Claims;
using Dossier.Documents;
using Dossier.Linking;

namespace Dossier.Tests.Linking;

/// <summary>
/// The claims stage is built in parallel, so these documents carry claims built here on real texts: the PLA
/// allegation in a fixture report, its syndicated copy, and sample 002, which reports the allegation and Alibaba's denial.
/// </summary>
public sealed class ClaimLinkerTests
{
    private static readonly string ReportText = File.ReadAllText(RepoPaths.Fixture("linking", "pla-report.txt"));
    private static readonly string CopyText = File.ReadAllText(RepoPaths.Fixture("linking", "pla-report-syndicated.txt"));
    private static readonly string DenialText = File.ReadAllText(Directory.GetFiles(RepoPaths.Samples, "002_*.txt").Single());

    private static Document Article(string id, string text, DateTimeOffset published, string site, params Claim[] claims) =>
        Document.Create(id, text, new DocumentMetadata { Source = id, Published = published, Site = site }).With(Layers.Claims, claims.ToImmutableArray());

    private static Claim ClaimOn(string text, string passage, ClaimStatus status, string? source = null, int? respondsTo = null)
    {
        var start = text.IndexOf(passage, StringComparison.Ordinal);
        Assert.True(start >= 0, $"passage not found: {passage}");
        return new Claim(new TextSpan(start, start + passage.Length), [], "military_ties", status, Polarity.Adverse, [],
            source is null ? null : new ClaimSource(source, null, null), [], 0.9, respondsTo);
    }

    private static List<LinkableDocument> Documents()
    {
        var report = Article("report", ReportText, new DateTimeOffset(2025, 11, 14, 0, 0, 0, TimeSpan.Zero), "ft.example",
            ClaimOn(ReportText, "Alibaba provided unspecified support to the People's Liberation Army", ClaimStatus.Alleged));
        var copy = Article("copy", CopyText, new DateTimeOffset(2025, 11, 15, 0, 0, 0, TimeSpan.Zero), "aggregator.example",
            ClaimOn(CopyText, "Alibaba provided unspecified support to the People's Liberation Army", ClaimStatus.Alleged));
        var denial = Article("denial", DenialText, new DateTimeOffset(2025, 11, 16, 0, 0, 0, TimeSpan.Zero), "tech.example",
            ClaimOn(DenialText, "Alibaba had been involved in providing unspecified support to the People’s Liberation Army (PLA)", ClaimStatus.Alleged, "Financial Times"),
            ClaimOn(DenialText, "The assertions and innuendos in the article are completely false", ClaimStatus.Denied, respondsTo: 0));
        var empty = new Dictionary<int, long>();
        return [LinkableDocuments.From(denial, empty), LinkableDocuments.From(copy, empty), LinkableDocuments.From(report, empty)];
    }

    private static (ClaimLinkingResult Result, IReadOnlyList<StoryCluster> Stories) Link()
    {
        var documents = Documents();
        var stories = new StoryClusterer().Cluster(documents.Select(d => new StoryInput(d.Id, d.Text, d.Site)).ToList());
        return (new ClaimLinker().Link(documents, stories), stories);
    }

    [Fact]
    public void Alibabas_denial_is_paired_with_the_allegation_it_answers_in_another_article()
    {
        var (result, _) = Link();
        var denial = new ClaimRef("denial", 1);
        var original = new ClaimRef("report", 0);
        var link = Assert.Single(result.Links, l => l.Relation == ClaimRelation.Denies && (l.From == denial || l.To == denial) && (l.From == original || l.To == original));
        Assert.InRange(link.Confidence, 0.5, 1.0);
        var denialSpan = link.From == denial ? link.FromEvidence : link.ToEvidence;
        Assert.Equal("The assertions and innuendos in the article are completely false", DenialText[denialSpan.Start..denialSpan.End]);
    }

    [Fact]
    public void The_reported_allegation_supports_the_original_and_the_syndicated_copy_repeats_it()
    {
        var (result, stories) = Link();
        Assert.Contains(stories, s => s.DocumentIds.Contains("report") && s.DocumentIds.Contains("copy"));
        Assert.Contains(result.Links, l => l.Relation == ClaimRelation.Repeats && new[] { l.From.DocumentId, l.To.DocumentId }.Order().SequenceEqual(["copy", "report"]));
        Assert.Contains(result.Links, l => l.Relation == ClaimRelation.Supports && new[] { l.From.DocumentId, l.To.DocumentId }.Order().SequenceEqual(["denial", "report"]));
    }

    [Fact]
    public void The_claim_cluster_counts_copies_once_and_knows_where_the_allegation_first_appeared()
    {
        var (result, _) = Link();
        var cluster = Assert.Single(result.Clusters, c => c.Claims.Contains(new ClaimRef("report", 0)));
        Assert.Equal(3, cluster.Claims.Count);
        Assert.Equal(new ClaimRef("report", 0), cluster.Earliest);
        Assert.Equal(2, cluster.IndependentSources);
        Assert.Contains(new ClaimRef("denial", 1), cluster.Denials);
        Assert.Contains("Financial Times", cluster.CitationChain);
        Assert.Contains(cluster.CitationChain, source => source.Contains("declassified intelligence memo", StringComparison.Ordinal));
    }

    [Fact]
    public void Canonical_subjects_block_claims_when_entities_exist()
    {
        // With entities, claims about different canonical entities are never compared, however similar their words.
        var text = "Huawei supplied equipment to the army. Huawei Marine supplied equipment to the army.";
        var a = new LinkableClaim(0, new TextSpan(0, 38), text[..38], [1], ["Huawei"], ClaimStatus.Asserted, null, null);
        var b = new LinkableClaim(0, new TextSpan(39, text.Length), text[39..], [2], ["Huawei Marine"], ClaimStatus.Asserted, null, null);
        var documents = new List<LinkableDocument>
        {
            new("a", text, null, null, null, [a]),
            new("b", text, null, null, null, [b]),
        };
        Assert.Empty(new ClaimLinker().Link(documents, []).Links);
        var same = documents[1] with { Claims = [b with { Subjects = [1] }] };
        Assert.Single(new ClaimLinker().Link([documents[0], same], []).Links);
    }

    [Fact]
    public void Claims_on_other_propositions_are_not_linked()
    {
        var text = "Alibaba spent millions of dollars on lobbying Democrats.";
        var lobbying = new LinkableClaim(0, new TextSpan(0, text.Length), text, [], ["Alibaba"], ClaimStatus.Asserted, null, null);
        var documents = Documents();
        documents.Add(new LinkableDocument("lobbying", text, null, null, null, [lobbying]));
        Assert.DoesNotContain(new ClaimLinker().Link(documents, []).Links, l => l.From.DocumentId == "lobbying" || l.To.DocumentId == "lobbying");
    }

    [Fact]
    public void A_claim_is_compared_with_a_bounded_number_of_earlier_claims_those_sharing_the_rarest_subjects_first()
    {
        // Three hundred claims about Huawei arrive between two that are about Huawei and ZTE and say the same thing.
        const string Restated = "Huawei and ZTE supplied surveillance equipment to the army in Xinjiang.";
        var documents = new List<LinkableDocument> { Single("first", Restated, 1, 2) };
        for (var i = 0; i < 300; i++) documents.Add(Single($"filler{i}", $"Huawei opened store number {i} in a shopping mall.", 1));
        documents.Add(Single("restated", Restated, 1, 2));
        var options = new ClaimLinkingOptions { MaxComparisonsPerClaim = 50 };

        var links = new ClaimLinker(options).Link(documents, []).Links;

        Assert.Contains(links, l => l.From.DocumentId == "first" && l.To.DocumentId == "restated");
    }

    private static LinkableDocument Single(string id, string text, params long[] subjects) =>
        new(id, text, null, null, null, [new LinkableClaim(0, new TextSpan(0, text.Length), text, subjects, [], ClaimStatus.Asserted, null, null)]);
}
