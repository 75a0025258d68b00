using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Entities.Ner;
using Dossier.Extraction;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>
/// CoNLL-2003 phrase-level F1 (exact span and type, as conlleval) on dev and test, per type and overall, and
/// tokens per second on one core, side by side with npm compromise in the same run.
/// Options: --split testa|testb|both (default both), --model FILE (a candidate model instead of the shipped one),
/// --skip-compromise.
/// </summary>
public sealed class NerBenchmark : IBenchmark
{
    private static readonly string[] TypeNames = ["PER", "ORG", "LOC", "MISC"];

    public string Name => "ner";
    public string Description => "entity recognition: CoNLL-2003 F1 (dev, test) and speed on one core against npm compromise";

    public async Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var folder = context.SharedPath("bench", "ner", "conll2003");
        if (!Directory.Exists(folder))
        {
            context.Out.WriteLine($"no CoNLL-2003 data under {folder}");
            return 1;
        }

        PinToOneCore();
        var split = Option(args, "--split") ?? "both";
        var load = Stopwatch.StartNew();
        var modelPath = Option(args, "--model") ?? NerModelFiles.DefaultPath;
        var tagger = new NerTagger(NerModel.Load(modelPath));
        context.Out.WriteLine($"model: {modelPath} loaded in {load.Elapsed.TotalSeconds:F2} s; {tagger.Model.Description}");

        var splits = split == "both" ? new[] { "testa", "testb" } : [split];
        IReadOnlyList<ConllDocument> last = [];
        foreach (var name in splits)
        {
            var documents = ConllReader.ReadFile(Path.Combine(folder, "eng." + name));
            var score = NerTrainer.Evaluate(tagger, documents);
            context.Out.WriteLine(score.Format($"eng.{name} ({(name == "testa" ? "dev" : "test")})"));
            var (p, r, f, _) = score.OverTypes(0, 1, 2);
            context.Out.WriteLine($"  PER+ORG+LOC  precision {p:F2}  recall {r:F2}  F1 {f:F2}");
            last = documents;
        }

        var tokenCount = last.Sum(d => d.TokenCount);
        var taggerSeconds = BestOf(3, () =>
        {
            foreach (var document in last) tagger.Tag(NerTrainer.Tokens(document));
        });
        var texts = last.Select(DocumentText).ToList();
        var pipeline = new PipelineBuilder().UseTokens().UseSentences().UseEntities(tagger).Build();
        var documentsFromText = texts.Select((text, i) => Document.Create($"d{i}", text, new DocumentMetadata { Source = "bench" })
            .With(Layers.Paragraphs, [new Paragraph(new TextSpan(0, text.Length))])).ToList();
        var pipelineSeconds = BestOf(3, () =>
        {
            foreach (var document in documentsFromText) pipeline.Process(document, cancellationToken);
        });
        context.Out.WriteLine($"speed on one core over {tokenCount:N0} tokens of eng.{splits[^1]}:");
        context.Out.WriteLine($"  dossier tagger (tokens given)               {tokenCount / taggerSeconds,12:N0} tokens/s");
        context.Out.WriteLine($"  dossier pipeline (raw text: tokenize, split, tag, resolve) {tokenCount / pipelineSeconds,12:N0} tokens/s");

        if (args.Contains("--skip-compromise")) return 0;
        var compromise = await RunCompromiseAsync(context, last, tokenCount, cancellationToken);
        if (compromise is not { } result) return 0;
        context.Out.WriteLine($"  compromise (people/organizations/places per sentence) {result.TokensPerSecond,12:N0} tokens/s");
        context.Out.WriteLine($"  speed ratio: tagger {tokenCount / taggerSeconds / result.TokensPerSecond:F1}x, pipeline {tokenCount / pipelineSeconds / result.TokensPerSecond:F1}x compromise");
        context.Out.WriteLine($"  compromise on eng.{splits[^1]}, PER+ORG+LOC by phrase text per sentence: precision {result.Precision:F2}  recall {result.Recall:F2}  F1 {result.F1:F2}");
        return 0;
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static void PinToOneCore()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = 1;
    }

    private static double BestOf(int runs, Action action)
    {
        action();
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static string DocumentText(ConllDocument document) => string.Join("\n\n", document.Sentences.Select(s => Detokenize(s.Tokens)));

    /// <summary>Tokens back to running text: no space before closing punctuation and clitics, none after opening brackets.</summary>
    public static string Detokenize(IReadOnlyList<string> tokens)
    {
        var text = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var glue = i == 0 || token is "," or "." or ";" or ":" or "!" or "?" or ")" or "'s" or "n't" or "%" || (i > 0 && tokens[i - 1] is "(" or "$");
            if (!glue) text.Append(' ');
            text.Append(token);
        }

        return text.ToString();
    }

    private sealed record CompromiseResult(double TokensPerSecond, double Precision, double Recall, double F1);

    private static async Task<CompromiseResult?> RunCompromiseAsync(BenchContext context, IReadOnlyList<ConllDocument> documents, int tokens, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(context.RepoRoot, "bench", "compromise");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "compromise")))
        {
            context.Out.WriteLine("installing npm compromise into bench/compromise (git-ignored node_modules)...");
            if (await Run("npm", ["install", "--no-audit", "--no-fund"], folder, cancellationToken) is not { ExitCode: 0 })
            {
                context.Out.WriteLine("  could not install compromise (is npm on the PATH?); skipping the comparison");
                return null;
            }
        }

        var sentences = documents.SelectMany(d => d.Sentences).ToList();
        var input = Path.Combine(Path.GetTempPath(), $"dossier-ner-bench-{Environment.ProcessId}.txt");
        await File.WriteAllLinesAsync(input, sentences.Select(s => Detokenize(s.Tokens)), cancellationToken);
        try
        {
            // taskset keeps node on one core too, where the machine has it.
            var useTaskset = File.Exists("/usr/bin/taskset");
            var result = useTaskset
                ? await Run("taskset", ["-c", "0", "node", "run.js", input, tokens.ToString(CultureInfo.InvariantCulture), "1"], folder, cancellationToken)
                : await Run("node", ["run.js", input, tokens.ToString(CultureInfo.InvariantCulture), "1"], folder, cancellationToken);
            if (result is not { ExitCode: 0 })
            {
                context.Out.WriteLine($"  compromise failed: {result?.Error}");
                return null;
            }

            using var json = JsonDocument.Parse(result.Output);
            var seconds = json.RootElement.GetProperty("seconds").GetDouble();
            var results = json.RootElement.GetProperty("results");
            int correct = 0, predicted = 0, gold = 0;
            for (var s = 0; s < sentences.Count; s++)
            {
                var expected = new List<string>();
                foreach (var chunk in ConllScore.Chunks(sentences[s].Tags!).Where(c => c.Type < 3))
                {
                    expected.Add(TypeNames[chunk.Type] + "|" + Normalize(Detokenize(sentences[s].Tokens.Skip(chunk.Start).Take(chunk.End - chunk.Start).ToList())));
                }

                gold += expected.Count;
                foreach (var type in TypeNames.Take(3))
                {
                    foreach (var phrase in results[s].GetProperty(type).EnumerateArray())
                    {
                        predicted++;
                        var key = type + "|" + Normalize(phrase.GetString() ?? "");
                        if (expected.Remove(key)) correct++;
                    }
                }
            }

            var p = predicted == 0 ? 0 : 100.0 * correct / predicted;
            var r = gold == 0 ? 0 : 100.0 * correct / gold;
            return new CompromiseResult(tokens / seconds, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
        }
        finally
        {
            File.Delete(input);
        }
    }

    // compromise returns phrases with their trailing punctuation and possessives; compare names only.
    private static string Normalize(string phrase)
    {
        var trimmed = phrase.Trim().TrimEnd('.', ',', ';', ':', '!', '?', '"', '\'', ')').Trim();
        if (trimmed.EndsWith("'s", StringComparison.Ordinal)) trimmed = trimmed[..^2];
        return trimmed.Trim();
    }

    private sealed record ProcessResult(int ExitCode, string Output, string Error);

    private static async Task<ProcessResult?> Run(string file, string[] arguments, string folder, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new ProcessResult(process.ExitCode, await output, await error);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
