using Dossier.Documents;
using Dossier.Ingestion;

namespace Dossier.Extraction;

/// <summary>Decodes raw input, then reads it as plain text or HTML into a document with a paragraphs layer.</summary>
public sealed class ArticleExtractor : IArticleExtractor
{
    private readonly PlainTextExtractor _plainText;
    private readonly HtmlExtractor _html;

    public ArticleExtractor()
    {
        var chrome = new ChromeLines();
        _plainText = new PlainTextExtractor(chrome);
        _html = new HtmlExtractor(chrome);
    }

    public ExtractionResult Extract(RawInput input, CancellationToken cancellationToken)
    {
        var (decoded, failure) = TextDecoder.Decode(input.Bytes.Span, input.Hints.DeclaredCharset, sniffMarkup: input.Format == InputFormat.Html);
        if (decoded is null) return ExtractionResult.Failed(failure ?? "could not be decoded");
        List<string> warnings = decoded.Warning is null ? [] : [decoded.Warning];
        cancellationToken.ThrowIfCancellationRequested();

        var metadata = new DocumentMetadata { Source = input.Source, Url = input.Hints.Url, Title = input.Hints.Title, Published = input.Hints.Published };
        string text;
        System.Collections.Immutable.ImmutableArray<Paragraph> paragraphs;
        if (input.Format == InputFormat.Html)
        {
            var article = _html.Extract(decoded.Text, input.Hints);
            warnings.AddRange(article.Notes);
            var builder = new ArticleTextBuilder();
            if (article.Title is not null) builder.Add(article.Title, ParagraphKind.Title);
            foreach (var (block, kind) in article.Blocks)
            {
                builder.Add(block, kind);
            }

            (text, paragraphs) = builder.Build();
            metadata = metadata with
            {
                Title = article.Title,
                Published = article.Published,
                Site = article.Site ?? SiteOf(input.Hints.Url),
                Language = article.Language,
                Authors = article.Authors,
            };
        }
        else
        {
            var (title, plain, plainParagraphs, _) = _plainText.Extract(decoded.Text);
            (text, paragraphs) = (plain, plainParagraphs);
            metadata = metadata with { Title = metadata.Title ?? title, Site = SiteOf(input.Hints.Url) };
        }

        if (paragraphs.All(p => p.Kind == ParagraphKind.Title))
        {
            var reason = warnings.Count > 0 ? "no article text found: " + string.Join("; ", warnings) : "no article text found";
            return ExtractionResult.Failed(reason, warnings);
        }

        var document = Document.Create(input.Id, text, metadata).With(Layers.Paragraphs, paragraphs);
        return new ExtractionResult(document, null, warnings);
    }

    private static string? SiteOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host : null;
}
