using System.Globalization;
using System.Text;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>
/// Learns the cue lexicon of the quote stage from PolNeAR train: for every lower-case word, how often it begins an
/// annotated cue and how often it occurs at all. Deterministic (ordinal order, no sampling). Writes models/quotes/cue-counts.tsv.
/// Usage: attribution-train [OUTPUT]
/// </summary>
public sealed class AttributionCueTraining : IBenchmark
{
    /// <summary>Words seen as a cue fewer times than this are left out of the file: too rare to estimate.</summary>
    private const int MinPositives = 2;

    public string Name => "attribution-train";
    public string Description => "learn the quote stage's cue counts from PolNeAR train into models/quotes/cue-counts.tsv";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        if (AttributionCorpus.SplitFolder(context, "train") is not { } folder) return Task.FromResult(1);

        var output = args.Length > 0 ? args[0] : Path.Combine(context.RepoRoot, "models", "quotes", "cue-counts.tsv");
        var tokenizer = new Tokenizer();
        var positives = new Dictionary<string, int>(StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var articles = 0;
        foreach (var article in AttributionCorpus.Read(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            articles++;
            var tokens = tokenizer.Tokenize(article.Text);
            var cueStarts = new HashSet<int>();
            foreach (var cue in article.Attributions.Select(a => a.Cue).OfType<BratSpan>())
            {
                var start = cue.Fragments[0].Start;
                var index = tokens.Select((t, i) => (t, i)).FirstOrDefault(x => x.t.Span.End > start && x.t.Kind == TokenKind.Word, (default, -1)).i;
                if (index >= 0) cueStarts.Add(index);
            }

            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].Kind != TokenKind.Word) continue;
                var word = article.Text.Substring(tokens[i].Span.Start, tokens[i].Span.Length).ToLowerInvariant();
                occurrences[word] = occurrences.GetValueOrDefault(word) + 1;
                if (cueStarts.Contains(i)) positives[word] = positives.GetValueOrDefault(word) + 1;
            }
        }

        var lines = new StringBuilder();
        lines.AppendLine("# word\tcue\toccurrences — PolNeAR train (" + articles.ToString(CultureInfo.InvariantCulture) + " articles): how often the lower-case word begins an annotated cue, and how often it occurs.");
        foreach (var (word, count) in positives.Where(p => p.Value >= MinPositives).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            lines.Append(word).Append('\t').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(occurrences[word].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, lines.ToString());
        context.Out.WriteLine($"{articles} articles; {positives.Count(p => p.Value >= MinPositives)} cue words written to {output}");
        return Task.FromResult(0);
    }
}
