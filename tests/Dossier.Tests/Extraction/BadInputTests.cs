using System.IO.Compression;
using System.Text;
using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Ingestion;

namespace Dossier.Tests.Extraction;

/// <summary>Hostile inputs: each ends in an empty or partial result with a reason, never an exception or a hang.</summary>
public sealed class BadInputTests
{
    private static readonly ArticleExtractor Extractor = new();

    private static ExtractionResult ExtractHtml(string html) =>
        Extractor.Extract(RawInput.FromBytes("test.html", Encoding.UTF8.GetBytes(html), InputFormat.Html), CancellationToken.None);

    private static async Task<List<InputItem>> ReadAsync(string path, InputLimits? limits = null)
    {
        var items = new List<InputItem>();
        await foreach (var item in new InputReader(limits ?? InputLimits.Default).ReadAsync([path], () => Stream.Null, CancellationToken.None)) items.Add(item);
        return items;
    }

    private static string Paragraph(int i) =>
        $"<p>Paragraph {i} of the report says that the committee met on Tuesday, heard three witnesses, and agreed to publish its findings before the end of the year.</p>";

    [Fact]
    public void AParentOfVeryManyChildrenIsReadInTimeLinearInThem()
    {
        // Walking children from the last by previous siblings searched the parent's children once per child: minutes here.
        var html = "<html><body><article>" + string.Concat(Enumerable.Range(0, 3).Select(Paragraph)) + "</article><div>"
            + string.Concat(Enumerable.Repeat("<b></b>", 250_000)) + "</div></body></html>";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = ExtractHtml(html);
        Assert.Contains("Paragraph 2 of the report", result.Document!.Text, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{watch.Elapsed.TotalSeconds:0.0} s, not a speed target but a bound");
    }

    [Fact]
    public async Task TruncatedGzipFailsWithReason()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Range(0, 200).Select(Paragraph)) + "</body></html>";
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(html));
        var bytes = packed.ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"dossier-truncated-{Guid.NewGuid():N}.html.gz");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        try
        {
            var item = Assert.Single(await ReadAsync(path));
            Assert.Null(item.Input);
            Assert.Contains("gzip", item.Failure!.Reason, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NonHtmlBytesFailWithReason()
    {
        var random = new Random(7);
        var bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        var result = Extractor.Extract(RawInput.FromBytes("noise.bin", bytes, InputFormat.Html), CancellationToken.None);
        Assert.Null(result.Document);
        Assert.Contains("binary", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftyMegabytePageIsRefusedByTheReaderWithReason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dossier-huge-{Guid.NewGuid():N}.html");
        await using (var file = File.Create(path))
        {
            var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 100).Select(Paragraph)));
            await file.WriteAsync(Encoding.UTF8.GetBytes("<html><body>"));
            while (file.Length < 50L * 1024 * 1024) await file.WriteAsync(chunk);
        }

        try
        {
            var item = Assert.Single(await ReadAsync(path));
            Assert.Null(item.Input);
            Assert.Contains("too large", item.Failure!.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task FiftyMegabytePageGivenDirectlyIsCutWithANote()
    {
        // Past the reader's limit only when a caller raises it: the extractor still bounds what it parses.
        var builder = new StringBuilder("<html><body><article>");
        var paragraph = string.Concat(Enumerable.Range(0, 50).Select(Paragraph));
        while (builder.Length < 50 * 1024 * 1024) builder.Append(paragraph);
        var result = await Task.Run(() => ExtractHtml(builder.ToString()));
        Assert.Contains(result.Warnings, w => w.Contains("page cut", StringComparison.Ordinal));
        var document = Assert.IsType<Document>(result.Document);
        Assert.Contains("committee met on Tuesday", document.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task HundredThousandDeepNestingIsCutWithANote()
    {
        var html = "<html><body>" + Paragraph(0) + Paragraph(1) + Paragraph(2) + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "deep text" + "</body></html>";
        var result = await Task.Run(() => ExtractHtml(html));
        Assert.Contains(result.Warnings, w => w.Contains("nested deeper", StringComparison.Ordinal));
        var document = Assert.IsType<Document>(result.Document);
        Assert.Contains("Paragraph 1 of the report", document.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeepInlineNestingDoesNotOverflowTheStack()
    {
        var html = "<html><body>" + Paragraph(0) + string.Concat(Enumerable.Repeat("<span>", 100_000)) + "inline text" + "</body></html>";
        var result = await Task.Run(() => ExtractHtml(html));
        Assert.True(result.Document is not null || result.Failure is not null);
    }

    [Fact]
    public void AllScriptPageFailsWithReason()
    {
        var result = ExtractHtml("<html><head><script>var a = 1;</script></head><body><script>document.write('hello world, this is all')</script><style>p{}</style></body></html>");
        Assert.Null(result.Document);
        Assert.Contains("no visible text", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void FramesetPageFailsWithReason()
    {
        var result = ExtractHtml("<html><head><title>Frames</title></head><frameset cols=\"50%,50%\"><frame src=\"a.html\"><frame src=\"b.html\"></frameset></html>");
        Assert.Null(result.Document);
        Assert.Contains("frameset", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void FramesetNoframesTextIsRead()
    {
        var result = ExtractHtml("<html><frameset><frame src=\"a.html\"><noframes><p>This site uses frames, but this paragraph explains what the report found about the budget, in plain words for every reader.</p></noframes></frameset></html>");
        Assert.Contains(result.Warnings, w => w.Contains("frameset", StringComparison.Ordinal));
        Assert.Contains("the report found about the budget", result.Document?.Text ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><head><title>Nothing here</title></head><body></body></html>")]
    [InlineData("<html><body>   </body></html>")]
    [InlineData("<!DOCTYPE html>")]
    public void EmptyBodyFailsWithReason(string html)
    {
        var result = ExtractHtml(html);
        Assert.Null(result.Document);
        Assert.StartsWith("no article text found", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedTagsAndGarbageStillGiveText()
    {
        var html = "<html><body><div class=\"story\"><p>" + "The council voted on the new plan late on Monday, after a long debate that ran past midnight" + "<p><b><i>unclosed <<>>&&&;; <a href='x'" + Paragraph(3);
        var result = ExtractHtml(html);
        Assert.Contains("council voted", result.Document?.Text ?? "", StringComparison.Ordinal);
    }
}
