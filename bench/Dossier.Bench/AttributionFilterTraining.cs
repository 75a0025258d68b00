using System.Globalization;
using System.Text;
using Dossier.Documents;
using Dossier.Pipeline;
using Dossier.Quotes;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>
/// Trains the quote stage's relation filter (<see cref="RelationFilter"/>) on PolNeAR train: the stage runs with the
/// filter off, and each attribution it finds with a source is a positive example when the bench's partial measure
/// pairs it with a gold relation, a negative one otherwise. A binary averaged perceptron, as for the cue model.
/// Deterministic: articles in ordinal order, quotes in text order, no sampling. The stage's other flags (as for
/// `attribution`) shape the candidates. Writes models/quotes/relation-filter.tsv.
/// Usage: attribution-filter-train [--epochs N] [stage flags] [--fold-taggers T0,T1,…] [--output FILE]
/// (--fold-taggers cross-fits: article i is read by tagger i modulo N, one trained without that fold by
/// `attribution-tagger-train --fold K/N`, so the filter learns what the tagger's reading is worth on unseen text.)
/// </summary>
public sealed class AttributionFilterTraining : IBenchmark
{
    public string Name => "attribution-filter-train";
    public string Description => "train the quote stage's relation filter (averaged perceptron over found attributions) on PolNeAR train into models/quotes/relation-filter.tsv";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        if (AttributionCorpus.SplitFolder(context, "train") is not { } folder) return Task.FromResult(1);
        var epochsIndex = Array.IndexOf(args, "--epochs");
        var epochs = epochsIndex >= 0 && epochsIndex + 1 < args.Length ? int.Parse(args[epochsIndex + 1], CultureInfo.InvariantCulture) : 10;
        var outputIndex = Array.IndexOf(args, "--output");
        var output = outputIndex >= 0 && outputIndex + 1 < args.Length ? args[outputIndex + 1] : Path.Combine(context.RepoRoot, "models", "quotes", "relation-filter.tsv");

        var judged = new List<(Quote Quote, IReadOnlyList<string> Features)>();
        var options = AttributionBenchmark.OptionsFrom(args) with { RelationFilterThreshold = null, RelationCandidates = (quote, features) => judged.Add((quote, features)) };
        var foldTaggersIndex = Array.IndexOf(args, "--fold-taggers");
        var pipelines = foldTaggersIndex >= 0 && foldTaggersIndex + 1 < args.Length
            ? args[foldTaggersIndex + 1].Split(',').Select(path => Pipeline(options with { TaggerModelPath = path })).ToList()
            : [Pipeline(options)];
        var examples = new PerceptronExamples();
        var articles = 0;
        foreach (var article in AttributionCorpus.Read(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pipeline = pipelines[AttributionFolds.FoldOf(articles, pipelines.Count)];
            articles++;
            judged.Clear();
            var document = Document.Create(article.Name, article.Text, new DocumentMetadata { Source = article.Name })
                .With(Layers.Paragraphs, AttributionBenchmark.Paragraphs(article.Text));
            document = pipeline.Process(document, cancellationToken);
            var words = new AttributionBenchmark.SpanWords(article.Text, document.Get(Layers.Tokens));
            var gold = article.Attributions.Where(a => a.Source is not null && a.Contents.Count > 0)
                .Select(a => new AttributionBenchmark.Pair(words.Of(a.Source!.Fragments, false), words.Of(a.Contents.SelectMany(c => c.Fragments), true)))
                .Where(p => p.Source.Count > 0 && p.Content.Count > 0).ToList();
            // Labels come from pairing all the stage's relations, as the bench scores them: a judged quote whose attribution is paired with gold is right.
            var attributions = AttributionBenchmark.PredictedRelations(document.Get(Layers.Quotes), words, grouped: true);
            var relations = attributions.Select(a => a.Pair).ToList();
            var relationOf = new Dictionary<Quote, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < attributions.Count; i++)
            {
                foreach (var quote in attributions[i].Quotes) relationOf[quote] = i;
            }

            var matched = AttributionBenchmark.Tally.PartialMatches(gold, relations);
            foreach (var (quote, features) in judged)
            {
                examples.Add(features, relationOf.TryGetValue(quote, out var index) && matched.Contains(index));
            }
        }

        var written = examples.TrainAndWrite(output, string.Create(CultureInfo.InvariantCulture,
            $"averaged perceptron over the quote stage's attributions on PolNeAR train ({articles} articles{(pipelines.Count > 1 ? $", tagger cross-fitted over {pipelines.Count} folds" : "")}, {examples.Count} attributions, {examples.Positives} paired with gold), {epochs} epochs, features seen >= {AttributionCueModelTraining.MinFeatureCount} times"), epochs);
        context.Out.WriteLine($"{articles} articles, {examples.Count} attributions, {examples.Positives} paired with gold; {written} weights written to {output}");
        return Task.FromResult(0);
    }

    private static AnalysisPipeline Pipeline(QuoteOptions options) => new PipelineBuilder().UseTokens().UseSentences().UseQuotes(options).Build();
}
