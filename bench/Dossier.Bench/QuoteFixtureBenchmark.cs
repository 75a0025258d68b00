using System.Globalization;
using Dossier.Quotes;

namespace Dossier.Bench;

/// <summary>
/// Quote attribution on the repository's hand-labelled fixture of varied news (tests/fixtures/quotes): per split,
/// attribution precision, recall and F1, speaker, cue, kind and speaker-kind accuracy on the paired quotes, and the
/// false positives by cue word. Usage: quote-fixture [dev|heldout] [--errors] [quote stage options as for attribution] (no split: both;
/// --errors lists every miss, spurious quote and wrong field).
/// </summary>
public sealed class QuoteFixtureBenchmark : IBenchmark
{
    public string Name => "quote-fixture";
    public string Description => "quote attribution on the hand-labelled varied-news fixture: P/R/F1, speaker and cue accuracy, false positives by cue";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var splits = args.Where(a => a is "dev" or "heldout").DefaultIfEmpty("dev").ToList();
        if (!args.Any(a => a is "dev" or "heldout")) splits.Add("heldout");
        foreach (var split in splits)
        {
            var score = QuoteFixture.Score(QuoteFixture.Load(QuoteFixture.SplitPath(context.RepoRoot, split)), AttributionBenchmark.Paragraphs, cancellationToken, AttributionBenchmark.OptionsFrom(args, new QuoteOptions()));
            context.Out.WriteLine(score.Summary(split));
            context.Out.WriteLine("  false positives by cue (no labelled content / wrong speaker):");
            foreach (var (cue, (spurious, wrongSpeaker)) in score.FalseByCue.OrderByDescending(c => c.Value.Spurious + c.Value.WrongSpeaker).ThenBy(c => c.Key, StringComparer.Ordinal))
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {cue,-24} {spurious,3} {wrongSpeaker,3}"));
            }

            if (args.Contains("--errors"))
            {
                foreach (var error in score.Errors.Order(StringComparer.Ordinal)) context.Out.WriteLine("  " + error);
            }
        }

        return Task.FromResult(0);
    }
}
