using System.Text;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Ingestion.Web;
using Dossier.Pipeline;

namespace Dossier.Web;

/// <summary>One article sent to <c>POST /api/ingest</c>: plain text or HTML, with what is known about it.</summary>
public sealed record IngestArticle(string? Source, string? Text, string? Html, string? Url, string? Title, DateTimeOffset? Published);

/// <summary>Articles sent in the body, and pages (or feeds) for the server to fetch politely.</summary>
public sealed record IngestRequest(IReadOnlyList<IngestArticle>? Articles, IReadOnlyList<string>? Urls = null);

public sealed record IngestFailure(string Source, string Reason);

public sealed record IngestResult(IReadOnlyList<string> Added, IReadOnlyList<string> AlreadyStored, IReadOnlyList<IngestFailure> Failed);

/// <summary>
/// Analyses articles sent over HTTP, or fetched from the URLs sent, with the default pipeline and stores them, as
/// <c>dossier analyze</c> does with files and URLs.
/// </summary>
public sealed class WebIngestion(AnalysisPipeline pipeline, IDossierStore store, PoliteFetcher fetcher)
{
    public const int MaxArticles = 100;
    public const int MaxUrls = 20;
    public const int MaxUrlLength = 2048;

    /// <summary>The URLs given, each fetched with the polite fetcher (robots.txt, size caps, public addresses only unless allowed); a feed gives its articles.</summary>
    public async Task<IReadOnlyList<InputItem>> FetchAsync(IEnumerable<string> urls, CancellationToken cancellationToken)
    {
        var reader = new InputReader(InputLimits.Default, fetcher);
        var items = new List<InputItem>();
        foreach (var url in urls.Select(u => u.Trim()))
        {
            // The reader also opens files and folders: only http(s) URLs may reach it from the web.
            if (UrlProblem(url) is { } problem)
            {
                items.Add(InputItem.Failed(url, problem));
                continue;
            }

            await foreach (var item in reader.ReadAsync([url], () => Stream.Null, cancellationToken)) items.Add(item);
        }

        return items;
    }

    /// <summary>Why a URL cannot be fetched; null when it may be.</summary>
    public static string? UrlProblem(string url) =>
        url.Length > MaxUrlLength ? $"the URL is longer than {MaxUrlLength} characters"
        : !InputReader.IsUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out _) ? "not an http or https URL"
        : null;

    /// <summary>Analyses and stores the items as <c>dossier analyze</c> does: in parallel, stored in batches of one transaction each.</summary>
    public async Task<IngestResult> IngestAsync(IReadOnlyList<InputItem> items, CancellationToken cancellationToken)
    {
        var outcomes = new Outcomes();
        var runner = new AnalysisRunner(pipeline, store, new InputReader(InputLimits.Default, fetcher));
        await runner.RunAsync(items.ToAsyncEnumerable(), new RunOptions(), outcomes, cancellationToken);
        return new IngestResult(outcomes.Added, outcomes.AlreadyStored, outcomes.Failed);
    }

    private sealed class Outcomes : IRunObserver
    {
        public List<string> Added { get; } = [];
        public List<string> AlreadyStored { get; } = [];
        public List<IngestFailure> Failed { get; } = [];

        public void InputFailed(InputFailure failure) => Failed.Add(new IngestFailure(failure.Source, failure.Reason));
        public void DocumentAnalyzed(Document document, bool added) => (added ? Added : AlreadyStored).Add(document.Id);
        public void DocumentSkipped(string source, string documentId) => AlreadyStored.Add(documentId);
    }

    public static InputItem FromArticle(IngestArticle article, int index)
    {
        var isHtml = !string.IsNullOrEmpty(article.Html);
        var body = isHtml ? article.Html! : article.Text ?? "";
        var source = string.IsNullOrWhiteSpace(article.Source) ? article.Url ?? $"api:{index + 1}" : article.Source;
        return InputItem.Of(RawInput.FromBytes(source, Encoding.UTF8.GetBytes(body), isHtml ? InputFormat.Html : InputFormat.PlainText,
            new ArticleHints(article.Url, article.Title, article.Published)));
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
