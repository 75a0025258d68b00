using System.Collections.Immutable;
using System.Globalization;
using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Entities.Ner;
using Dossier.Pipeline;
using Dossier.Quotes;
using Dossier.Quotes.Learned;
using Dossier.Text;
using Dossier.Text.Sequence;

namespace Dossier.Bench;

/// <summary>
/// Trains the quote stage's attribution tagger on PolNeAR train: IOB2 tags for SOURCE, CUE and CONTENT over the
/// words of each sentence (the pipeline's own tokens and sentences), learned by the averaged structured perceptron.
/// Deterministic: articles in ordinal order, a fixed seed. Writes models/quotes/attribution-tagger.bin.gz.
/// Usage: attribution-tagger-train [--epochs N] [--bits B] [--seed S] [--fold K/N] [OUTPUT]
/// (--fold K/N leaves out every article whose ordinal index modulo N is K: a tagger for the relation filter's
/// cross-fitted training, which must see the tagger as it reads unseen text.)
/// </summary>
public sealed class AttributionTaggerTraining : IBenchmark
{
    public string Name => "attribution-tagger-train";
    public string Description => "train the quote stage's attribution tagger (SOURCE/CUE/CONTENT, structured perceptron) on PolNeAR train";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        if (AttributionCorpus.SplitFolder(context, "train") is not { } folder) return Task.FromResult(1);

        var epochs = IntOption(args, "--epochs", 8);
        var bits = IntOption(args, "--bits", 20);
        var seed = IntOption(args, "--seed", 1);
        var fold = AttributionFolds.From(args);
        var output = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).FirstOrDefault()
                     ?? Path.Combine(context.RepoRoot, "models", "quotes", "attribution-tagger.bin.gz");

        var data = new List<(SentenceFeatures Features, int[] Gold)>();
        var articles = 0;
        var tokens = 0;
        var index = 0;
        foreach (var article in AttributionCorpus.Read(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (fold is { } leftOut && leftOut.Holds(index++)) continue;
            articles++;
            foreach (var example in Examples(article, bits, cancellationToken))
            {
                data.Add(example);
                tokens += example.Gold.Length;
            }
        }

        context.Out.WriteLine($"{articles} articles, {data.Count} sentences, {tokens} tokens");
        var model = StructuredPerceptron.Train(data, AttributionRoles.Scheme, bits, epochs, seed, "attribution tagger", context.Out.WriteLine);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"averaged structured perceptron, PolNeAR train ({articles} articles{fold?.Describe()}, {data.Count} sentences), {epochs} epochs, 2^{bits} buckets, seed {seed}");
        var tagger = new AttributionTagger(model, description);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using (var file = File.Create(output)) tagger.Save(file);
        context.Out.WriteLine($"{description}; written to {output} ({new FileInfo(output).Length:N0} bytes)");
        return Task.FromResult(0);
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Each sentence's features and gold tags, laid out as the quote stage sees the article.</summary>
    private static IEnumerable<(SentenceFeatures Features, int[] Gold)> Examples(AttributionArticle article, int bits, CancellationToken cancellationToken)
    {
        var document = Document.Create(article.Name, article.Text, new DocumentMetadata { Source = article.Name })
            .With(Layers.Paragraphs, AttributionBenchmark.Paragraphs(article.Text));
        document = Pipeline.Process(document, cancellationToken);
        var tokens = document.Get(Layers.Tokens);
        var words = new TokenWords(article.Text, tokens);
        var insideQuote = InsideQuotes(article.Text, words, document.Get(Layers.Paragraphs));
        var features = new AttributionFeatures(words, insideQuote, QuoteLexicon.Default);
        var tags = GoldTags(article, tokens);
        foreach (var sentence in document.Get(Layers.Sentences))
        {
            var start = Math.Min(sentence.FirstToken, tokens.Length);
            var end = Math.Min(sentence.EndToken, tokens.Length);
            if (end <= start) continue;
            yield return (features.Sentence(start, end, bits), WellFormed(tags[start..end]));
        }
    }

    private static readonly AnalysisPipeline Pipeline = new PipelineBuilder().UseTokens().UseSentences().Build();

    internal static bool[] InsideQuotes(string text, TokenWords words, ImmutableArray<Paragraph> paragraphs)
    {
        var inside = new bool[words.Count];
        foreach (var passage in QuoteMarks.Find(text, paragraphs)) QuoteFinder.MarkInside(words, passage, inside);
        return inside;
    }

    /// <summary>
    /// IOB2 role tags per token: a token whose start lies in a gold Source, Cue or Content fragment takes that role;
    /// each fragment opens a new span (B-), so two adjacent contents stay two.
    /// </summary>
    private static int[] GoldTags(AttributionArticle article, ImmutableArray<Token> tokens)
    {
        var tags = new int[tokens.Length];
        foreach (var attribution in article.Attributions)
        {
            if (attribution.Source is { } source) Tag(source, AttributionRoles.Source);
            if (attribution.Cue is { } cue) Tag(cue, AttributionRoles.Cue);
            foreach (var content in attribution.Contents) Tag(content, AttributionRoles.Content);
        }

        return tags;

        void Tag(BratSpan span, int role)
        {
            foreach (var (start, end) in span.Fragments)
            {
                var first = true;
                for (var t = FirstAtOrAfter(tokens, start); t < tokens.Length && tokens[t].Span.Start < end; t++)
                {
                    tags[t] = first ? AttributionRoles.Begin(role) : AttributionRoles.Inside(role);
                    first = false;
                }
            }
        }
    }

    /// <summary>A span continuing from the sentence before (or after another role's span) opens here: IOB2 allows no I- after anything else.</summary>
    private static int[] WellFormed(int[] tags)
    {
        for (var t = 0; t < tags.Length; t++)
        {
            if (tags[t] != 0 && !AttributionRoles.Scheme.Allowed(t == 0 ? 0 : tags[t - 1], tags[t])) tags[t]--;
        }

        return tags;
    }

    private static int FirstAtOrAfter(ImmutableArray<Token> tokens, int offset)
    {
        int low = 0, high = tokens.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (tokens[mid].Span.Start < offset) low = mid + 1;
            else high = mid;
        }

        return low;
    }
}
