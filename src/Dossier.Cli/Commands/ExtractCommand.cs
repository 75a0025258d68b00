using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Ingestion;

namespace Dossier.Cli.Commands;

/// <summary><c>dossier extract PATH...</c>: the clean article of each input, without analysing or storing it.</summary>
internal static class ExtractCommand
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };

    private static readonly JsonSerializerOptions Compact = new(Indented) { WriteIndented = false };

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or folders (read recursively) of articles: HTML, .html.gz, plain text or JSON Lines; '-' reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = CommonOptions.Format("text", "text", "json", "jsonl");
        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "Largest input read (after decompression); larger ones fail with a reason.",
            DefaultValueFactory = _ => InputLimits.Default.MaxBytes,
        };
        var command = new Command("extract", "Print each article's title, authors, date, site, language and body text, with paragraph offsets.")
        {
            paths, format, maxBytes,
        };
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(context, parsed.GetValue(paths)!, parsed.GetValue(format)!, new InputLimits { MaxBytes = parsed.GetValue(maxBytes) }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string[] paths, string format, InputLimits limits, CancellationToken cancellationToken)
    {
        var extractor = new ArticleExtractor();
        var reader = new InputReader(limits);
        var records = new List<ExtractedJson>();
        var failures = 0;
        await foreach (var item in reader.ReadAsync(paths, context.OpenStandardInput, cancellationToken))
        {
            ExtractedJson record;
            if (item.Input is not { } input)
            {
                record = ExtractedJson.Failed(item.Failure!.Source, item.Failure.Reason);
            }
            else
            {
                var result = extractor.Extract(input, cancellationToken);
                foreach (var warning in result.Warnings) await context.Error.WriteLineAsync($"dossier: {input.Source}: warning: {warning}");
                record = result.Document is { } document ? ExtractedJson.From(document) : ExtractedJson.Failed(input.Source, result.Failure ?? "no article text found");
            }

            if (record.Failure is not null)
            {
                failures++;
                await context.Error.WriteLineAsync($"dossier: {record.Source}: {record.Failure}");
            }

            switch (format)
            {
                case "jsonl":
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(record, Compact));
                    break;
                case "json":
                    records.Add(record);
                    break;
                default:
                    if (record.Failure is null) await WriteTextAsync(context.Out, record);
                    break;
            }
        }

        if (format == "json") await context.Out.WriteLineAsync(JsonSerializer.Serialize(records, Indented));
        return failures > 0 ? ExitCodes.FinishedWithFailures : ExitCodes.Success;
    }

    private static async Task WriteTextAsync(TextWriter output, ExtractedJson record)
    {
        await output.WriteLineAsync($"# {record.Source}");
        if (record.Title is not null) await output.WriteLineAsync($"title: {record.Title}");
        if (record.Authors.Count > 0) await output.WriteLineAsync($"authors: {string.Join("; ", record.Authors)}");
        if (record.Published is not null) await output.WriteLineAsync($"published: {record.Published}");
        if (record.Site is not null) await output.WriteLineAsync($"site: {record.Site}");
        if (record.Language is not null) await output.WriteLineAsync($"language: {record.Language}");
        await output.WriteLineAsync();
        await output.WriteLineAsync(record.Text);
        await output.WriteLineAsync();
    }

    /// <summary>One input's extraction as printed: metadata, the body text, and each paragraph's span in that text.</summary>
    internal sealed record ExtractedJson(
        string Source,
        string? Title,
        IReadOnlyList<string> Authors,
        string? Published,
        string? Site,
        string? Language,
        string Text,
        IReadOnlyList<ParagraphJson> Paragraphs,
        string? Failure)
    {
        public static ExtractedJson Failed(string source, string reason) => new(source, null, [], null, null, null, "", [], reason);

        /// <summary>The body without the title paragraph, laid out again so that offsets index <see cref="Text"/>.</summary>
        public static ExtractedJson From(Document document)
        {
            var text = new System.Text.StringBuilder();
            var paragraphs = new List<ParagraphJson>();
            foreach (var paragraph in document.Get(Layers.Paragraphs))
            {
                if (paragraph.Kind == ParagraphKind.Title) continue;
                if (text.Length > 0) text.Append("\n\n");
                var start = text.Length;
                text.Append(document.TextOf(paragraph.Span));
                paragraphs.Add(new ParagraphJson(start, text.Length, KindName(paragraph.Kind)));
            }

            var meta = document.Metadata;
            return new ExtractedJson(
                meta.Source,
                meta.Title,
                meta.Authors,
                meta.Published?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                meta.Site,
                meta.Language,
                text.ToString(),
                paragraphs,
                null);
        }

        private static string KindName(ParagraphKind kind) => kind switch
        {
            ParagraphKind.Heading => "heading",
            ParagraphKind.Quote => "quote",
            ParagraphKind.ListItem => "list_item",
            _ => "body",
        };
    }

    internal sealed record ParagraphJson(int Start, int End, string Kind);
}
