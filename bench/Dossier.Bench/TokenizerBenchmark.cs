using System.Diagnostics;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>Tokens and sentences per second over the Reuters-21578 text, one core.</summary>
public sealed class TokenizerBenchmark : IBenchmark
{
    public string Name => "tokenizer";
    public string Description => "tokenizer and sentence splitter throughput on Reuters-21578 text (one core)";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var folder = context.SharedPath("bench", "ner", "resources", "reuters21578");
        var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(200).ToList() : [];
        if (files.Count == 0)
        {
            context.Out.WriteLine($"no text under {folder}");
            return Task.FromResult(1);
        }

        var text = string.Join("\n\n", files.Select(File.ReadAllText));
        var tokenizer = new Tokenizer();
        var splitter = new SentenceSplitter();
        tokenizer.Tokenize(text[..Math.Min(text.Length, 100_000)]);
        var watch = Stopwatch.StartNew();
        var tokens = tokenizer.Tokenize(text);
        var tokenSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var sentences = splitter.Split(text, tokens, default);
        var sentenceSeconds = watch.Elapsed.TotalSeconds;
        context.Out.WriteLine($"text: {text.Length:N0} chars; tokens: {tokens.Length:N0}; sentences: {sentences.Length:N0}");
        context.Out.WriteLine($"tokenizer: {tokens.Length / tokenSeconds:N0} tokens/s; sentence splitter: {tokens.Length / sentenceSeconds:N0} tokens/s");
        return Task.FromResult(0);
    }
}
