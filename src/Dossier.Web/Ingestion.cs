using System.Text;
using Dossier.Analysis;
using Dossier.Ingestion;
using Dossier.Pipeline;

namespace Dossier.Web;

/// <summary>One article sent to <c>POST /api/ingest</c>: plain text or HTML, with what is known about it.</summary>
public sealed record IngestArticle(string? Source, string? Text, string? Html, string? Url, string? Title, DateTimeOffset? Published);

public sealed record IngestRequest(IReadOnlyList<IngestArticle>? Articles);

public sealed record IngestFailure(string Source, string Reason);

public sealed record IngestResult(IReadOnlyList<string> Added, IReadOnlyList<string> AlreadyStored, IReadOnlyList<IngestFailure> Failed);

/// <summary>Analyses articles sent over HTTP with the default pipeline and stores them, as <c>dossier analyze</c> does with files.</summary>
public sealed class WebIngestion(AnalysisPipeline pipeline, IDossierStore store)
{
    public const int MaxArticles = 100;

    public async Task<IngestResult> IngestAsync(IReadOnlyList<(string Source, byte[] Bytes, InputFormat Format, ArticleHints Hints)> inputs, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        var stored = new List<string>();
        var failed = new List<IngestFailure>();
        foreach (var (source, bytes, format, hints) in inputs)
        {
            var input = RawInput.FromBytes(source, bytes, format, hints);
            if (await store.ContainsDocumentAsync(input.Id, cancellationToken))
            {
                stored.Add(input.Id);
                continue;
            }

            AnalysisOutcome outcome;
            try
            {
                // Analysis is CPU-bound: off the request thread, like the CLI's runner.
                outcome = await Task.Run(() => pipeline.Analyze(input, cancellationToken), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                outcome = AnalysisOutcome.Failed(input, $"analysis failed: {error.GetType().Name}");
            }

            if (outcome.Document is { } document)
            {
                if (await store.AddDocumentAsync(document, cancellationToken)) added.Add(document.Id);
                else stored.Add(document.Id);
            }
            else
            {
                var reason = outcome.Failure ?? "nothing could be extracted";
                await store.RecordFailureAsync(source, reason, cancellationToken);
                failed.Add(new IngestFailure(source, reason));
            }
        }

        return new IngestResult(added, stored, failed);
    }

    public static (string Source, byte[] Bytes, InputFormat Format, ArticleHints Hints) FromArticle(IngestArticle article, int index)
    {
        var isHtml = !string.IsNullOrEmpty(article.Html);
        var body = isHtml ? article.Html! : article.Text ?? "";
        var source = string.IsNullOrWhiteSpace(article.Source) ? article.Url ?? $"api:{index + 1}" : article.Source;
        return (source, Encoding.UTF8.GetBytes(body), isHtml ? InputFormat.Html : InputFormat.PlainText, new ArticleHints(article.Url, article.Title, article.Published));
    }

    /// <summary>An uploaded file: HTML when its name or its first non-blank character says so, plain text otherwise.</summary>
    public static InputFormat FormatOf(string name, ReadOnlySpan<byte> bytes)
    {
        if (name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)) return InputFormat.Html;
        foreach (var b in bytes[..Math.Min(bytes.Length, 1024)])
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
            return b == (byte)'<' ? InputFormat.Html : InputFormat.PlainText;
        }

        return InputFormat.PlainText;
    }
}
