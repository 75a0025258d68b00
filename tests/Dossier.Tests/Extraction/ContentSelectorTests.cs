using Dossier.Extraction;
using Dossier.Extraction.Html;

namespace Dossier.Tests.Extraction;

public sealed class ContentSelectorTests
{
    private const string Page = """
        <html><head><title>Harbour cranes return | Port News</title></head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <article><h1>Harbour cranes return</h1>
        <p class="byline">By <a href="/a">Jane Doe</a></p>
        <p>The port authority said on Monday that the three cranes removed in March would be back in service by June.</p>
        <p>Shipping lines had complained that waiting times doubled, and the authority blamed a supplier for the delay.</p>
        <blockquote>“We expect the backlog to clear within weeks,” the harbour master said.</blockquote>
        </article>
        <aside><h2>Most read</h2><ul><li><a href="/x">Storm closes bridge</a></li><li><a href="/y">Council votes on budget</a></li></ul></aside>
        <footer>© 2024 Port News. All rights reserved.</footer>
        </body></html>
        """;

    /// <summary>The selector scores from one reused buffer; the training path keeps every block's features. Both must agree exactly.</summary>
    [Fact]
    public void SelectionScoresEqualTheContextModelOnTheCollectedFeatures()
    {
        var extractor = new HtmlExtractor(new ChromeLines());
        var selected = extractor.Blocks(Page);
        extractor.Selector.Select(selected);
        var scored = extractor.Blocks(Page);
        var features = extractor.Selector.Score(scored);

        Assert.True(selected.Count > 5);
        Assert.Equal(scored.Count, features.Count);
        for (var i = 0; i < selected.Count; i++)
        {
            Assert.Equal(classifierLogit(features[i]), selected[i].FinalScore);
            Assert.Equal(extractor.Selector.Classifier.Local.Logit(features[i]), selected[i].LocalScore);
        }

        double classifierLogit(double[] row) => extractor.Selector.Classifier.Context.Logit(row);
    }
}
