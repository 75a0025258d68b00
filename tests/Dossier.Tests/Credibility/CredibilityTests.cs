using Dossier.Documents;
using Dossier.Tests.Claims;
using Xunit.Abstractions;

namespace Dossier.Tests.Credibility;

public sealed class CredibilityTests(ITestOutputHelper output)
{
    [Fact]
    public void ThePartisanPostScoresClearlyLowerThanTheNewsReportAndSaysWhy()
    {
        var post = ClaimTestSupport.AnalyzeSample("000");
        var report = ClaimTestSupport.AnalyzeSample("002");
        var postScore = post.Get(Layers.Credibility);
        var reportScore = report.Get(Layers.Credibility);
        foreach (var (name, document, assessment) in new[] { ("000", post, postScore), ("002", report, reportScore) })
        {
            output.WriteLine($"{name}: {assessment.Score:F3}");
            foreach (var signal in assessment.Signals) output.WriteLine($"  {signal.Name} value {signal.Value:F2} effect {signal.Effect:+0.000;-0.000}: {signal.Explanation}");
        }

        Assert.True(reportScore.Score - postScore.Score >= 0.3, $"post {postScore.Score:F3}, report {reportScore.Score:F3}");
        var reasons = postScore.Signals.Where(s => s.Effect < 0).Select(s => s.Name).ToList();
        Assert.Contains("sensational_headline", reasons);
        Assert.Contains("loaded_language", reasons);
        Assert.Contains("sweeping_generalisations", reasons);
        Assert.Contains("no_other_side", reasons);
        Assert.Contains(reportScore.Signals, s => s.Name == "other_side_response" && s.Effect > 0);
        var headline = postScore.Signals.Single(s => s.Name == "sensational_headline");
        Assert.Contains(headline.Evidence, e => post.TextOf(e) == "Breaking:");
    }

    [Fact]
    public void EveryScoreAndEvidenceSpanIsInRange()
    {
        foreach (var prefix in new[] { "000", "001", "002" })
        {
            var document = ClaimTestSupport.AnalyzeSample(prefix);
            var assessment = document.Get(Layers.Credibility);
            Assert.InRange(assessment.Score, 0, 1);
            Assert.All(assessment.Signals, s =>
            {
                Assert.InRange(s.Value, 0, 1);
                Assert.All(s.Evidence, e => Assert.True(e.FitsIn(document.Text.Length)));
            });
        }
    }

    [Fact]
    public void ChromeThatExtractionMissedIsASignalWithItsEvidence()
    {
        var document = ClaimTestSupport.Process("Acme Corp paid bribes to officials, prosecutors said. Leave a reply below. Add to cart now.");
        var chrome = document.Get(Layers.Credibility).Signals.Single(s => s.Name == "chrome_left");
        Assert.True(chrome.Effect < 0);
        Assert.Equal(["Leave a reply", "Add to cart"], chrome.Evidence.Select(document.TextOf));
    }

    [Fact]
    public void AnEmptyDocumentGetsTheBaseScoreAndNoSignals()
    {
        var assessment = ClaimTestSupport.Process("").Get(Layers.Credibility);
        Assert.Empty(assessment.Signals);
        Assert.InRange(assessment.Score, 0, 1);
    }
}
