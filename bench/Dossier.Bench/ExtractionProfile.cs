using System.Diagnostics;
using System.Globalization;
using AngleSharp.Html.Parser;
using Dossier.Extraction;
using Dossier.Extraction.Html;
using Dossier.Ingestion;

namespace Dossier.Bench;

/// <summary>
/// Where the extractor's time goes on the Scrapinghub pages: CPU per page of each stage (decode, parse, metadata, segment,
/// select) and of the whole extraction, each the best of several interleaved passes, so that stages are compared in one run.
/// </summary>
public sealed class ExtractionProfile : IBenchmark
{
    private const int Passes = 5;

    public string Name => "extraction-profile";
    public string Description => "CPU per page of each article-extraction stage on the Scrapinghub pages";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var folder = context.SharedPath("bench", "extraction", "scrapinghub");
        if (!File.Exists(Path.Combine(folder, "ground-truth.json")))
        {
            output.WriteLine($"no benchmark data under {folder}");
            return Task.FromResult(1);
        }

        var pages = ScrapinghubPages.Load(folder);
        var texts = pages.Select(p => TextDecoder.Decode(p.Html, null, sniffMarkup: true).Text!.Text).ToList();
        var parser = new HtmlParser(HtmlExtractor.ParserOptions);
        var fullParser = new HtmlParser(new HtmlParserOptions { IsScripting = false, IsKeepingSourceReferences = false });
        var documents = texts.Select(t => parser.ParseDocument(t)).ToList();
        var keywords = RegionKeywords.Default;
        var segmenter = new BlockSegmenter(keywords);
        var selector = new ContentSelector(BlockClassifier.LoadDefault(keywords), keywords, new ChromeLines());
        var blocks = documents.Select(d => segmenter.Segment(d.Body!)).ToList();
        var extractor = new ArticleExtractor();
        var inputs = pages.Select(ExtractionBenchmark.InputOf).ToList();

        var stages = new (string Name, Action Run)[]
        {
            ("decode", () => { foreach (var page in pages) TextDecoder.Decode(page.Html, null, sniffMarkup: true); }),
            ("bound", () => { foreach (var text in texts) MarkupGuard.Bound(text); }),
            ("parse", () => { foreach (var text in texts) parser.ParseDocument(text).Dispose(); }),
            ("parse (plain)", () => { foreach (var text in texts) fullParser.ParseDocument(text).Dispose(); }),
            ("metadata", () => { for (var i = 0; i < pages.Count; i++) HtmlMetadata.Read(documents[i], texts[i], pages[i].Url); }),
            ("segment", () => { foreach (var document in documents) segmenter.Segment(document.Body!); }),
            ("select", () => { foreach (var pageBlocks in blocks) selector.Select(pageBlocks); }),
            ("extract (all)", () => { foreach (var input in inputs) ExtractionBenchmark.BodyText(extractor, input, cancellationToken); }),
        };

        var best = stages.Select(_ => double.MaxValue).ToArray();
        var process = Process.GetCurrentProcess();
        for (var pass = 0; pass < Passes; pass++)
        {
            for (var s = 0; s < stages.Length; s++)
            {
                GC.Collect();
                process.Refresh();
                var before = process.TotalProcessorTime;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                stages[s].Run();
                process.Refresh();
                best[s] = Math.Min(best[s], (process.TotalProcessorTime - before).TotalSeconds);
                if (pass == 0)
                {
                    var megabytes = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1e6 / pages.Count;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated {stages[s].Name,-14} {megabytes,7:0.00} MB/page"));
                }
            }
        }

        foreach (var (stage, seconds) in stages.Zip(best))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stage.Name,-14} {seconds * 1000 / pages.Count,7:0.00} ms/page of CPU  ({pages.Count / seconds,7:0.0} pages/s)"));
        }

        foreach (var document in documents) document.Dispose();
        return Task.FromResult(0);
    }
}
