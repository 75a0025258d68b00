using System.Globalization;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Entities.Ner;
using Dossier.Ingestion;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>
/// Why a model tags the given words as it does in one text: for each token written as one of them (ignoring case), the
/// first pass's and the final tag, and per pass the token's score per tag from its hashed features and from each slot's
/// word vector (the word before, the word, the word after, ...). A diagnostic, not a measure.
/// Options: --text FILE, --words W1,W2,..., --model FILE (default the shipped model).
/// </summary>
public sealed class NerExplainBenchmark : IBenchmark
{
    public string Name => "ner-explain";
    public string Description => "entity recognition: where given words' tags come from in a text (pass, feature scores, word vector scores)";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var textPath = NerBenchmark.Option(args, "--text");
        var words = NerBenchmark.Option(args, "--words")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (textPath is null || words is null)
        {
            context.Out.WriteLine("usage: ner-explain --text FILE --words W1,W2,... [--model FILE]");
            return Task.FromResult(2);
        }

        var tagger = new NerTagger(NerModel.Load(NerBenchmark.Option(args, "--model") ?? NerModelFiles.DefaultPath));
        var model = tagger.Model;
        var outcome = new PipelineBuilder().UseTokens().UseSentences().Build()
            .Analyze(RawInput.FromBytes(textPath, File.ReadAllBytes(textPath), InputFormat.PlainText), cancellationToken);
        var document = outcome.Document ?? throw new InvalidOperationException(outcome.Failure);
        var (_, sentences, _) = EntityRecognitionStage.TaggerInput(document, model);
        var passes = tagger.Passes(sentences);
        var scheme = model.FirstPass.Scheme;
        var tagNames = scheme.Count == NerLabels.Count ? NerLabels.Names : Enumerable.Range(0, scheme.Count).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray();
        context.Out.WriteLine($"scores per tag, in the order {string.Join(' ', tagNames)}");
        for (var s = 0; s < sentences.Length; s++)
        {
            var first = scheme.ToIob2(passes.First[s]);
            for (var t = 0; t < sentences[s].Count; t++)
            {
                if (!words.Contains(sentences[s][t], StringComparer.OrdinalIgnoreCase)) continue;
                var context3 = string.Join(' ', sentences[s].Skip(Math.Max(0, t - 4)).Take(9));
                var hasVector = model.WordVectors?.RowOf(StableHash.OfLower(NerText.Normalize(sentences[s][t]))) >= 0;
                context.Out.WriteLine($"{sentences[s][t]} (sentence {s}, token {t}; vector: {(hasVector ? "yes" : "no")}) in \"{context3}\": first pass {NerLabels.Names[first[t]]}, final {NerLabels.Names[passes.Final[s][t]]}");
                Explain(context.Out, "first pass", model.FirstPass.EmissionParts(passes.FirstFeatures[s], t));
                if (passes.SecondFeatures is { } second) Explain(context.Out, "second pass", model.SecondPass!.EmissionParts(second[s], t));
            }
        }

        return Task.FromResult(0);
    }

    private static void Explain(TextWriter output, string pass, (float[] Sparse, float[][] DenseBySlot) parts)
    {
        output.WriteLine($"  {pass}: features {Scores(parts.Sparse)}");
        for (var k = 0; k < parts.DenseBySlot.Length; k++) output.WriteLine($"  {pass}: vector slot {k} {Scores(parts.DenseBySlot[k])}");
        var total = parts.Sparse.Select((v, y) => v + parts.DenseBySlot.Sum(slot => slot[y])).ToArray();
        output.WriteLine($"  {pass}: sum {Scores(total)}");
    }

    private static string Scores(float[] scores) => string.Join(' ', scores.Select(v => MathF.Round(v, 2).ToString("+0.00;-0.00;+0.00", CultureInfo.InvariantCulture).PadLeft(7)));
}
