using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Ingestion;

namespace Dossier.Tests.Extraction;

/// <summary>The seed samples: scraped text with shop and comment chrome, read through the plain-text path.</summary>
public sealed class PlainTextGoldenTests
{
    private static readonly ArticleExtractor Extractor = new();

    public static TheoryData<string, string> Samples() => new()
    {
        { "000_2eccd1d69f1900d9.txt", "Breaking: New Report Revealed That Chinese Company Alibaba Spent Millions Of Dollars On Lobbying Democrats For Their Interests" },
        { "001_7fd185946db02069.txt", "Alibaba Reassures Trump that it supports \"American brands\" to Ease Tension" },
        { "002_61e0b9ad9df61b53.txt", "Alibaba Denounces Report on Alleged PLA Ties as ‘False and Malicious’" },
    };

    private static readonly string[] ChromeLines =
    [
        "0 Cart", "Added to Cart", "You have items in your cart", "You have 1 item in your cart", "Check Out Continue Shopping",
        "Blog Menu", "Leave a Reply", "Credits: CNBC, whitehouse.gov",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleKeepsTitleAndEveryBodyLineWithoutChrome(string file, string title)
    {
        var raw = File.ReadAllText(Path.Combine(RepoPaths.Samples, file));
        var result = Extractor.Extract(RawInput.FromBytes(file, File.ReadAllBytes(Path.Combine(RepoPaths.Samples, file)), InputFormat.PlainText), CancellationToken.None);
        var document = Assert.IsType<Document>(result.Document);
        Assert.Equal(title, document.Metadata.Title);
        var paragraphs = document.Get(Layers.Paragraphs);
        Assert.Equal(ParagraphKind.Title, paragraphs[0].Kind);
        Assert.Equal(title, document.TextOf(paragraphs[0].Span));

        var texts = paragraphs.Skip(1).Select(p => document.TextOf(p.Span)).ToList();
        foreach (var chrome in ChromeLines)
        {
            Assert.DoesNotContain(texts, t => t.Contains(chrome, StringComparison.OrdinalIgnoreCase));
        }

        // Every line of the article body (any line of sentence length that is not chrome) is kept, whitespace aside.
        var body = string.Join(" ", texts);
        foreach (var line in raw.Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))))
        {
            if (line.Length < 60 || line == title) continue;
            Assert.Contains(line, body, StringComparison.Ordinal);
        }
    }
}
