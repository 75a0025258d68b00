using System.Globalization;
using Dossier.Claims;
using Dossier.Documents;
using Xunit.Abstractions;

namespace Dossier.Tests.Claims;

/// <summary>
/// Category and status accuracy on the hand-labelled claim sentences of tests/fixtures/claims. The rules were written
/// looking at the dev part only; the held-out part is reported apart. A sentence for which the stage finds no claim
/// counts as "other" and "asserted".
/// </summary>
public sealed class ClaimFixtureTests(ITestOutputHelper output)
{
    private const double Target = 0.85;

    // The held-out part is measured, not tuned (its figures are reported in docs/taxonomy.md); it is held to the same
    // target, so that a cue change that only fits dev shows up here.
    internal sealed record LabelledClaim(string Split, string Category, string Status, string Subject, string Sentence);

    internal static IReadOnlyList<LabelledClaim> Load() =>
        [.. File.ReadLines(RepoPaths.Fixture("claims", "claims.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1)
            .Select(l => l.Split('\t')).Select(f => new LabelledClaim(f[0], f[1], f[2], f[3], f[4]))];

    internal static (string Category, string Status, IReadOnlyList<string> Subjects) Predict(string sentence)
    {
        var document = ClaimTestSupport.AnalyzeSentence(sentence);
        var claims = document.Get(Layers.Claims);
        if (claims.IsDefaultOrEmpty) return (ClaimLexicon.OtherCategory, "asserted", []);
        var claim = claims[0];
        return (claim.Category, claim.Status.ToString().ToLowerInvariant(), ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Fact]
    public void TheFixtureHasAtLeast150SentencesAndEveryLabelIsKnown()
    {
        var rows = Load();
        Assert.True(rows.Count >= 150, $"only {rows.Count} labelled sentences");
        var categories = ClaimLexiconCategories();
        Assert.All(rows, r => Assert.Contains(r.Category, categories));
        Assert.All(rows, r => Assert.True(Enum.TryParse<ClaimStatus>(r.Status, ignoreCase: true, out _), r.Status));
        Assert.Contains(rows, r => r.Split == "heldout");
    }

    private static IReadOnlyList<string> ClaimLexiconCategories() => ClaimLexicon.Default.Categories;

    [Theory]
    [InlineData("dev")]
    [InlineData("heldout")]
    public void CategoryAndStatusAccuracy(string split)
    {
        var rows = Load().Where(r => r.Split == split).ToList();
        int category = 0, status = 0, subject = 0;
        foreach (var row in rows)
        {
            var (predictedCategory, predictedStatus, subjects) = Predict(row.Sentence);
            category += predictedCategory == row.Category ? 1 : 0;
            status += predictedStatus == row.Status ? 1 : 0;
            subject += subjects.Count > 0 && subjects[0] == row.Subject ? 1 : 0;
            if (split == "dev" && (predictedCategory != row.Category || predictedStatus != row.Status))
            {
                output.WriteLine($"  want {row.Category}/{row.Status}, got {predictedCategory}/{predictedStatus}: {row.Sentence}");
            }
        }

        var categoryAccuracy = category / (double)rows.Count;
        var statusAccuracy = status / (double)rows.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"claims fixture {split} ({rows.Count} sentences): category accuracy {categoryAccuracy:F3}, status accuracy {statusAccuracy:F3}, first-subject accuracy {subject / (double)rows.Count:F3}"));
        Assert.True(categoryAccuracy >= Target, $"category accuracy {categoryAccuracy:F3} < {Target}");
        Assert.True(statusAccuracy >= Target, $"status accuracy {statusAccuracy:F3} < {Target}");
    }
}
