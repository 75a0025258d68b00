using System.CommandLine;
using System.Text.Json;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Serialization;

namespace Dossier.Cli.Commands;

/// <summary>`dossier quotes PATH...`: who says what in each article, without touching the store.</summary>
internal static class QuotesCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or folders (read recursively) of articles: plain text, HTML, .html.gz or JSON Lines; '-' reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = CommonOptions.Format("text", "text", "json");
        var output = CommonOptions.OutputFile();
        var command = new Command("quotes", "Print the quotes and attributions found in each article: what is said, by whom, with which cue.")
        {
            paths, format, output,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            context, parsed.GetValue(paths)!, parsed.GetValue(format) == "json", parsed.GetValue(output), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string[] paths, bool json, string? outputPath, CancellationToken cancellationToken)
    {
        var pipeline = DossierPipeline.CreateDefault();
        var reader = new InputReader();
        var documents = new List<DocumentQuotesJson>();
        var failures = new List<FailureJson>();
        await using var file = outputPath is null ? null : new StreamWriter(outputPath);
        var output = file ?? context.Out;
        await foreach (var item in reader.ReadAsync(paths, context.OpenStandardInput, cancellationToken))
        {
            if (item.Input is not { } input)
            {
                var failure = item.Failure!;
                failures.Add(new FailureJson(failure.Source, failure.Reason));
                await context.Error.WriteLineAsync($"dossier: {failure.Source}: {failure.Reason}");
                continue;
            }

            var outcome = pipeline.Analyze(input, cancellationToken);
            if (outcome.Document is not { } document)
            {
                failures.Add(new FailureJson(input.Source, outcome.Failure ?? "nothing could be extracted"));
                await context.Error.WriteLineAsync($"dossier: {input.Source}: {outcome.Failure}");
                continue;
            }

            var mapped = DossierJsonMapper.ToJson(document);
            if (json) documents.Add(new DocumentQuotesJson(mapped.Id, mapped.Source, mapped.Title, mapped.Quotes));
            else await WriteTextAsync(output, document, mapped.Quotes);
        }

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new QuotesJson(DossierJsonMapper.SchemaVersion, documents, failures), DossierJsonMapper.Options));
        }

        return failures.Count > 0 ? ExitCodes.FinishedWithFailures : ExitCodes.Success;
    }

    private static async Task WriteTextAsync(TextWriter output, Document document, IReadOnlyList<QuoteJson> quotes)
    {
        await output.WriteLineAsync($"{document.Metadata.Source}: {quotes.Count} quotes");
        foreach (var quote in quotes)
        {
            var speaker = quote.Speaker is null ? "(speaker unknown)" : $"{quote.Speaker} [{quote.SpeakerKind}]";
            if (quote.ResolvedSpeaker is { } resolved) speaker += $" = {resolved}";
            var cue = string.IsNullOrEmpty(quote.Cue) ? "" : $" {quote.Cue}";
            var text = quote.Text.ReplaceLineEndings(" ");
            await output.WriteLineAsync($"  {speaker}{cue} ({quote.Kind}): {(text.Length > 160 ? text[..157] + "..." : text)}");
        }
    }

    private sealed record QuotesJson(string SchemaVersion, IReadOnlyList<DocumentQuotesJson> Documents, IReadOnlyList<FailureJson> Failures);

    private sealed record DocumentQuotesJson(string Id, string Source, string? Title, IReadOnlyList<QuoteJson> Quotes);
}
