using System.Diagnostics;
using System.Globalization;
using Dossier.Claims;
using Dossier.Credibility;
using Dossier.Documents;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>Claim category and status accuracy on the repository's labelled fixture (dev and held-out apart), and claim +
/// credibility throughput on Reuters-21578 text (one core).</summary>
public sealed class ClaimsBenchmark : IBenchmark
{
    public string Name => "claims";
    public string Description => "claims [dev|heldout]: fixture category/status accuracy (dev, held-out, or the one named) and claim+credibility throughput";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var pipeline = new PipelineBuilder().UseTokens().UseSentences().UseClaims().UseCredibility().Build();
        var fixture = Path.Combine(context.RepoRoot, "tests", "fixtures", "claims", "claims.tsv");
        var rows = File.ReadLines(fixture).Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1).Select(l => l.Split('\t')).ToList();
        // "claims dev" scores the dev rows alone, so that tuning never prints a held-out figure.
        var splits = args.FirstOrDefault(a => a is "dev" or "heldout") is { } only ? [only] : new[] { "dev", "heldout" };
        foreach (var split in splits)
        {
            var part = rows.Where(r => r[0] == split).ToList();
            int category = 0, status = 0;
            foreach (var row in part)
            {
                var document = Process(pipeline, row[4]);
                var claims = document.Get(Layers.Claims);
                var (predictedCategory, predictedStatus) = claims.IsDefaultOrEmpty ? ("other", "asserted") : (claims[0].Category, claims[0].Status.ToString().ToLowerInvariant());
                category += predictedCategory == row[1] ? 1 : 0;
                status += predictedStatus == row[2] ? 1 : 0;
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fixture {split} ({part.Count} sentences): category accuracy {category / (double)part.Count:F3}, status accuracy {status / (double)part.Count:F3}"));
        }

        var folder = context.SharedPath("bench", "ner", "resources", "reuters21578");
        var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(200).ToList() : [];
        if (files.Count == 0)
        {
            context.Out.WriteLine($"no text under {folder}; throughput skipped");
            return Task.FromResult(0);
        }

        var texts = files.Select(File.ReadAllText).ToList();
        Process(pipeline, texts[0]);
        var watch = Stopwatch.StartNew();
        long characters = 0, claimCount = 0;
        foreach (var text in texts)
        {
            var document = Process(pipeline, text);
            characters += text.Length;
            claimCount += document.Get(Layers.Claims).Length;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput (tokens, sentences, claims, credibility): {texts.Count} files, {characters:N0} chars, {claimCount:N0} claims in {seconds:F2} s = {characters / seconds / 1000:N0} k chars/s"));
        return Task.FromResult(0);
    }

    private static Document Process(AnalysisPipeline pipeline, string text) =>
        pipeline.Process(Document.Create("bench", text, new DocumentMetadata { Source = "bench" }).With(Layers.Paragraphs, []), CancellationToken.None);
}
