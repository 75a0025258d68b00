using System.Text.Json;
using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Ingestion;

namespace Dossier.Tests.Extraction;

/// <summary>
/// Hand-made pages (tests/fixtures/extraction) with their metadata in several conventions (Open Graph, JSON-LD, microdata,
/// Dublin Core, &lt;time&gt;, bare &lt;title&gt;) and the usual chrome around the article: navigation, sidebars, related
/// lists, comments and footers.
/// </summary>
public sealed class HtmlFixtureTests
{
    private static readonly ArticleExtractor Extractor = new();

    public sealed record Expected(string File, string Title, string? Published, string[] Authors, string Language, string FirstParagraph, string LastParagraph);

    private static List<Expected> Fixtures() =>
        JsonSerializer.Deserialize<List<Expected>>(File.ReadAllText(RepoPaths.Fixture("extraction", "expected.json")),
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;

    public static TheoryData<string> Files() => new(Fixtures().Select(f => f.File));

    private static Document Extract(string file)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Fixture("extraction", file));
        var result = Extractor.Extract(RawInput.FromBytes(file, bytes, InputFormat.Html), CancellationToken.None);
        return Assert.IsType<Document>(result.Document);
    }

    private static string Body(Document document) =>
        string.Join("\n", document.Get(Layers.Paragraphs).Where(p => p.Kind != ParagraphKind.Title).Select(p => document.TextOf(p.Span)));

    [Theory]
    [MemberData(nameof(Files))]
    public void MetadataIsRead(string file)
    {
        var expected = Fixtures().Single(f => f.File == file);
        var document = Extract(file);
        Assert.Equal(expected.Title, document.Metadata.Title);
        Assert.Equal(expected.Language, document.Metadata.Language);
        if (expected.Published is { } published) Assert.Equal(published, document.Metadata.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Authors, document.Metadata.Authors);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void BodyIsTheArticleWithoutChrome(string file)
    {
        var expected = Fixtures().Single(f => f.File == file);
        var document = Extract(file);
        var body = Body(document);
        Assert.Contains(expected.FirstParagraph, body, StringComparison.Ordinal);
        Assert.Contains(expected.LastParagraph, body, StringComparison.Ordinal);
        foreach (var chrome in new[] { "Leave a Reply", "All rights reserved", "Most read", "Related stories", "Weather warning issued", "I disagree with this decision" })
        {
            Assert.DoesNotContain(chrome, body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(expected.Title, body, StringComparison.Ordinal);
        Assert.Equal(ParagraphKind.Title, document.Get(Layers.Paragraphs)[0].Kind);
    }

    [Fact]
    public void ThereAreAtLeastTwentyFixtures() => Assert.True(Fixtures().Count >= 20);
}
