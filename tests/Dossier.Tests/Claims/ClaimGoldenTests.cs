using Dossier.Claims;
using Dossier.Documents;

namespace Dossier.Tests.Claims;

/// <summary>
/// The "done when" of the claims issue on the three sample articles. Subjects are checked by the text the stage
/// records; entity ids are checked only when an entity layer is present (the entity model lands separately).
/// </summary>
public sealed class ClaimGoldenTests
{
    private static Claim Single(Document document, Func<Claim, bool> where, string what)
    {
        var matches = document.Get(Layers.Claims).Where(where).ToList();
        Assert.True(matches.Count >= 1, $"no claim: {what}");
        return matches[0];
    }

    private static bool About(Document document, Claim claim, string name) =>
        ClaimTestSupport.SubjectTexts(document, claim).Any(s => s.Contains(name, StringComparison.Ordinal));

    private static void AssertEntityIdsMatchSubjects(Document document, Claim claim)
    {
        var entities = document.GetOrDefault(Layers.Entities);
        if (entities is null || entities.Mentions.IsDefaultOrEmpty) return;
        Assert.NotEmpty(claim.SubjectEntityIds);
        Assert.All(claim.SubjectEntityIds, id => Assert.InRange(id, 0, entities.Entities.Length - 1));
    }

    [Fact]
    public void TheLobbyingClaimIsPoliticalInfluenceAboutAlibabaReportedOnJustTheNewsAuthority()
    {
        var document = ClaimTestSupport.AnalyzeSample("000");
        var claim = Single(document, c => document.TextOf(c.Span).Contains("$2.5 million", StringComparison.Ordinal), "$2.5 million");
        Assert.Equal("political_influence", claim.Category);
        Assert.Equal(ClaimStatus.Reported, claim.Status);
        Assert.Equal(Polarity.Adverse, claim.Polarity);
        Assert.Equal("Just The News", claim.Source?.Text);
        Assert.True(About(document, claim, "Alibaba"), ClaimTestSupport.Describe(document, claim));
        Assert.True(claim.Checkworthy is > 0 and <= 1);
        AssertEntityIdsMatchSubjects(document, claim);
    }

    [Fact]
    public void TheHeadlineClaimIsAboutAlibabaNotTheTitleCasePhraseBeforeIt()
    {
        var document = ClaimTestSupport.AnalyzeSample("000");
        var headline = Single(document, c => document.TextOf(c.Span).StartsWith("Breaking: New Report", StringComparison.Ordinal), "headline");
        Assert.Equal("political_influence", headline.Category);
        Assert.Equal(["Alibaba"], ClaimTestSupport.SubjectTexts(document, headline));
    }

    [Fact]
    public void AlibabasOwnWordsAreItsStatementsNotClaimsUnlessTheySpeakOfARisk()
    {
        var document = ClaimTestSupport.AnalyzeSample("001");
        var claims = document.Get(Layers.Claims);
        foreach (var words in new[] { "primary commercial focus", "We believe that global trade", "speak up and reassures" })
        {
            Assert.DoesNotContain(claims, c => document.TextOf(c.Span).Contains(words, StringComparison.Ordinal));
        }

        var compliance = Single(document, c => document.TextOf(c.Span).Contains("comply with any new regulations", StringComparison.Ordinal), "compliance");
        Assert.Equal("regulatory_legal", compliance.Category);
        Assert.Equal(ClaimStatus.Reported, compliance.Status);
        Assert.Equal(Polarity.Favourable, compliance.Polarity);
        Assert.True(About(document, compliance, "Alibaba"), ClaimTestSupport.Describe(document, compliance));

        var huawei = Single(document, c => document.TextOf(c.Span).Contains("first banned in trading", StringComparison.Ordinal), "Huawei");
        Assert.Equal("sanctions_trade", huawei.Category);
        Assert.True(About(document, huawei, "Huawei"), ClaimTestSupport.Describe(document, huawei));
    }

    [Fact]
    public void TheSpokespersonsQuestionIsNotAClaimAboutTheLeadersItNames()
    {
        var document = ClaimTestSupport.AnalyzeSample("002");
        Assert.DoesNotContain(document.Get(Layers.Claims), c => document.TextOf(c.Span).Contains("We question the motivation", StringComparison.Ordinal));
    }

    [Fact]
    public void TheEvaninaFigureIsEstimated()
    {
        var document = ClaimTestSupport.AnalyzeSample("000");
        var claim = Single(document, c => document.TextOf(c.Span).Contains("80 percent", StringComparison.Ordinal), "80 percent");
        Assert.Equal(ClaimStatus.Estimated, claim.Status);
        Assert.Equal("data_security", claim.Category);
        Assert.Contains("Evanina", claim.Source?.Text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlaClaimIsAnAllegedMilitaryTieSourcedToTheFinancialTimesAndPairedWithAlibabasDenial()
    {
        var document = ClaimTestSupport.AnalyzeSample("002");
        var claims = document.Get(Layers.Claims);
        var allegation = Single(document, c => document.TextOf(c.Span).StartsWith("It alleged that Alibaba", StringComparison.Ordinal), "PLA allegation");
        var index = claims.IndexOf(allegation);
        Assert.Equal("military_ties", allegation.Category);
        Assert.Equal(ClaimStatus.Alleged, allegation.Status);
        Assert.Equal("Financial Times", allegation.Source?.Text);
        Assert.True(About(document, allegation, "Alibaba"));
        Assert.Contains(allegation.Hedges, h => document.TextOf(h) == "reportedly");

        var denial = Single(document, c => document.TextOf(c.Span).Contains("quickly moved to deny the claims", StringComparison.Ordinal), "denial");
        Assert.Equal(ClaimStatus.Denied, denial.Status);
        Assert.Equal(index, denial.RespondsTo);
        Assert.Equal("military_ties", denial.Category);
        Assert.True(About(document, denial, "Alibaba"));
    }

    [Fact]
    public void TheEntityListSentenceIsAdverseForHuaweiAndHikvisionAndTheNextIsNegatedForAlibaba()
    {
        var document = ClaimTestSupport.AnalyzeSample("002");
        var listed = Single(document, c => document.TextOf(c.Span).Contains("Entity List", StringComparison.Ordinal), "Entity List");
        Assert.Equal("sanctions_trade", listed.Category);
        Assert.Equal(Polarity.Adverse, listed.Polarity);
        Assert.Equal(ClaimStatus.Asserted, listed.Status);
        Assert.Equal(["Huawei", "Hikvision"], ClaimTestSupport.SubjectTexts(document, listed));

        var avoided = Single(document, c => document.TextOf(c.Span).Contains("avoided such punitive measures", StringComparison.Ordinal), "avoided");
        Assert.Equal("sanctions_trade", avoided.Category);
        Assert.Equal(ClaimStatus.Negated, avoided.Status);
        Assert.NotEqual(Polarity.Adverse, avoided.Polarity);
        Assert.Equal(["Alibaba"], ClaimTestSupport.SubjectTexts(document, avoided));
        Assert.DoesNotContain(document.Get(Layers.Claims), c => c.Category == "sanctions_trade" && c.Polarity == Polarity.Adverse && About(document, c, "Alibaba"));
    }

    [Fact]
    public void AllegationsCalledNotNewAreAllegedNotNegated()
    {
        var document = ClaimTestSupport.AnalyzeSample("002");
        var claim = Single(document, c => document.TextOf(c.Span).Contains("are not new", StringComparison.Ordinal), "not new");
        Assert.Equal("military_ties", claim.Category);
        Assert.Equal(ClaimStatus.Alleged, claim.Status);
        Assert.Equal(Polarity.Adverse, claim.Polarity);
    }

    [Fact]
    public void WhatTheTrumpAdministrationDoesIsNoClaimAboutTrump()
    {
        var document = ClaimTestSupport.AnalyzeSample("001");
        Assert.DoesNotContain(document.Get(Layers.Claims), c => document.TextOf(c.Span).Contains("Trump administration", StringComparison.Ordinal)
                                                                && ClaimTestSupport.SubjectTexts(document, c).Any(s => s is "Trump" or "its"));
    }

    [Fact]
    public void TheStatesDataIsNoClaimAboutAnOrganisationCalledState()
    {
        var document = ClaimTestSupport.AnalyzeSample("001");
        Assert.DoesNotContain(document.Get(Layers.Claims), c => ClaimTestSupport.SubjectTexts(document, c).Contains("State"));
    }

    [Fact]
    public void DonationsFromAlibabaOfficialsAreAClaimAboutAlibabaToo()
    {
        var document = ClaimTestSupport.AnalyzeSample("000");
        var claim = Single(document, c => document.TextOf(c.Span).Contains("donations from Alibaba officials", StringComparison.Ordinal), "donations");
        Assert.Equal("political_influence", claim.Category);
        Assert.Equal(["Democratic Party", "Alibaba"], ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Fact]
    public void TheManagementsPastEmployersAreNotWhomItsClaimIsAbout()
    {
        var document = ClaimTestSupport.AnalyzeSample("000");
        Assert.DoesNotContain(document.Get(Layers.Claims), c => ClaimTestSupport.SubjectTexts(document, c).Any(s => s.Contains("Cuomo", StringComparison.Ordinal)));
    }

    [Fact]
    public void MercuryIsWhomItsConnectionsAndItsManagementAreAbout()
    {
        var document = ClaimTestSupport.AnalyzeSample("000");
        var connections = Single(document, c => document.TextOf(c.Span).Contains("Mercury, has good connections", StringComparison.Ordinal), "connections");
        Assert.Equal(["Mercury", "Alibaba", "Democratic Party"], ClaimTestSupport.SubjectTexts(document, connections));
        var management = Single(document, c => document.TextOf(c.Span).StartsWith("The management includes", StringComparison.Ordinal), "management");
        Assert.Equal("political_influence", management.Category);
        Assert.Equal([connections.SubjectEntityIds[0]], management.SubjectEntityIds.ToArray());
    }

    [Fact]
    public void DonationsRaisedByTheDemocraticNationalCommitteeServiceCorporationAreAClaimAboutItToo()
    {
        var document = ClaimTestSupport.AnalyzeSample("000");
        var claim = Single(document, c => document.TextOf(c.Span).Contains("Service Corporation raised", StringComparison.Ordinal), "Service Corporation");
        Assert.Equal(["Alibaba", "Democratic National Committee Service Corporation"], ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Fact]
    public void EachCompanyListedAmongTheChineseIndustriesToStopTradingWithHasTheClaim()
    {
        var document = ClaimTestSupport.AnalyzeSample("001");
        var claim = Single(document, c => document.TextOf(c.Span).StartsWith("These include", StringComparison.Ordinal), "These include");
        Assert.Equal("sanctions_trade", claim.Category);
        Assert.Equal(Polarity.Adverse, claim.Polarity);
        Assert.Equal(["Tencent Holdings Ltd.", "Baidu Inc.", "Alibaba"], ClaimTestSupport.SubjectTexts(document, claim));
        AssertEntityIdsMatchSubjects(document, claim);
    }

    [Fact]
    public void PompeoWhoUrgesFirmsToStopTradingIsNotWhomTheMeasureHits()
    {
        var document = ClaimTestSupport.AnalyzeSample("001");
        Assert.DoesNotContain(document.Get(Layers.Claims), c => About(document, c, "Pompeo"));
    }

    [Fact]
    public void TheExecutiveOrdersAgainstTheShortVideoAppAreAClaimAboutTikTok()
    {
        var document = ClaimTestSupport.AnalyzeSample("001");
        var claim = Single(document, c => document.TextOf(c.Span).Contains("executive orders against", StringComparison.Ordinal), "executive orders");
        Assert.Equal("sanctions_trade", claim.Category);
        Assert.Equal(["the short-video app", "WeChat"], ClaimTestSupport.SubjectTexts(document, claim));
        var tiktok = Single(document, c => document.TextOf(c.Span).Contains("famous Tiktok app", StringComparison.Ordinal), "Tiktok app");
        Assert.Equal(tiktok.SubjectEntityIds[0], claim.SubjectEntityIds[0]);
    }

    [Fact]
    public void AClaimFromInsideCarafanosQuoteStartsAtItsFirstWord()
    {
        var document = ClaimTestSupport.AnalyzeSample("000");
        Assert.Contains(document.Get(Layers.Claims), c => document.TextOf(c.Span).StartsWith("Let’s be clear", StringComparison.Ordinal));
        Assert.DoesNotContain(document.Get(Layers.Claims), c => document.TextOf(c.Span).StartsWith("“Let’s", StringComparison.Ordinal));
    }

    [Fact]
    public void ClaimSpansLieInTheTextAndHedgesInTheirClaims()
    {
        foreach (var prefix in new[] { "000", "001", "002" })
        {
            var document = ClaimTestSupport.AnalyzeSample(prefix);
            var claims = document.Get(Layers.Claims);
            Assert.NotEmpty(claims);
            foreach (var claim in claims)
            {
                Assert.True(claim.Span.FitsIn(document.Text.Length));
                Assert.All(claim.Hedges, h => Assert.True(claim.Span.Contains(h)));
                // A subject may be named in an earlier sentence ("The company reiterated ..."), so only its place in the text is checked.
                Assert.All(claim.SubjectSpans, s => Assert.True(s.FitsIn(document.Text.Length)));
                Assert.InRange(claim.Checkworthy, 0, 1);
                if (claim.RespondsTo is { } target) Assert.InRange(target, 0, claims.Length - 1);
            }
        }
    }
}
