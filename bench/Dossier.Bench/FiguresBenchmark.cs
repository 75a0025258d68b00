using System.Text;
using System.Text.RegularExpressions;
using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Figures;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>
/// Figure spans and their normalised values against the hand-labelled fixture bench/fixtures/figures.txt:
/// precision and recall of exact spans with the right kind, per kind and overall, and how many matched
/// figures have the right normalised value.
/// </summary>
public sealed partial class FiguresBenchmark : IBenchmark
{
    public string Name => "figures";
    public string Description => "money, percent, quantity and date spans and values on the hand-labelled figure fixture";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var path = Path.Combine(context.RepoRoot, "bench", "fixtures", "figures.txt");
        var pipeline = new PipelineBuilder().UseTokens().UseSentences().Use(new FigureStage(FigureLexicon.Load())).Build();
        var kinds = Enum.GetValues<FigureKind>();
        var correct = new int[kinds.Length];
        var predicted = new int[kinds.Length];
        var gold = new int[kinds.Length];
        var rightValue = 0;
        var misses = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var (text, expected) = Parse(line);
            var document = Document.Create("f", text, new DocumentMetadata { Source = "fixture" }).With(Layers.Paragraphs, [new Paragraph(new TextSpan(0, text.Length))]);
            var figures = pipeline.Process(document, cancellationToken).Get(Layers.Figures);
            foreach (var g in expected) gold[(int)g.Kind]++;
            foreach (var figure in figures)
            {
                predicted[(int)figure.Kind]++;
                var match = expected.FirstOrDefault(g => g.Span == figure.Span && g.Kind == figure.Kind);
                if (match is null)
                {
                    misses.Add($"  extra   {figure.Kind} '{text[figure.Span.Start..figure.Span.End]}'");
                    continue;
                }

                correct[(int)figure.Kind]++;
                if (match.Normalized == figure.Normalized) rightValue++;
                else misses.Add($"  value   {figure.Kind} '{match.Surface}': {figure.Normalized} (expected {match.Normalized})");
                expected.Remove(match);
            }

            misses.AddRange(expected.Select(g => $"  missed  {g.Kind} '{g.Surface}'"));
        }

        context.Out.WriteLine($"figures fixture: {gold.Sum()} labelled spans");
        for (var k = 0; k < kinds.Length; k++) context.Out.WriteLine(Line(kinds[k].ToString(), correct[k], predicted[k], gold[k]));
        context.Out.WriteLine(Line("overall", correct.Sum(), predicted.Sum(), gold.Sum()));
        context.Out.WriteLine($"  normalised value right on {rightValue} of {correct.Sum()} matched spans");
        if (args.Contains("--errors")) foreach (var miss in misses) context.Out.WriteLine(miss);
        return Task.FromResult(0);
    }

    private static string Line(string name, int correct, int predicted, int gold)
    {
        var p = predicted == 0 ? 0 : 100.0 * correct / predicted;
        var r = gold == 0 ? 0 : 100.0 * correct / gold;
        var f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return $"  {name,-9} precision {p:F1}  recall {r:F1}  F1 {f:F1}  ({gold})";
    }

    private sealed record Labelled(TextSpan Span, FigureKind Kind, string Normalized, string Surface);

    private static (string Text, List<Labelled> Figures) Parse(string line)
    {
        var text = new StringBuilder();
        var figures = new List<Labelled>();
        var last = 0;
        foreach (Match match in Markup().Matches(line))
        {
            text.Append(line, last, match.Index - last);
            var start = text.Length;
            var surface = match.Groups[3].Value;
            text.Append(surface);
            figures.Add(new Labelled(new TextSpan(start, text.Length), Enum.Parse<FigureKind>(match.Groups[1].Value), match.Groups[2].Value, surface));
            last = match.Index + match.Length;
        }

        text.Append(line, last, line.Length - last);
        return (text.ToString(), figures);
    }

    [GeneratedRegex(@"\{([A-Z]+):([^|]*)\|([^}]*)\}")]
    private static partial Regex Markup();
}
