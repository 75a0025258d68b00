using System.Collections.Immutable;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Extraction;
using Dossier.Ingestion;
using Dossier.Quotes;
using Dossier.Text;

namespace Dossier.Tests.Quotes;

internal static class QuoteTestDocuments
{
    /// <summary>Runs tokens, sentences and quotes over text whose paragraphs are separated by blank lines.</summary>
    public static (Document Document, ImmutableArray<Quote> Quotes) Analyze(string text, EntityLayer? entities = null, QuoteOptions? options = null)
    {
        var document = Document.Create("test", text, new DocumentMetadata { Source = "test" }).With(Layers.Paragraphs, Paragraphs(text));
        var tokens = new Tokenizer().Tokenize(text);
        document = document.With(Layers.Tokens, tokens);
        document = document.With(Layers.Sentences, new SentenceSplitter().Split(text, tokens, document.Get(Layers.Paragraphs)));
        if (entities is not null) document = document.With(Layers.Entities, entities);
        document = new QuoteStage(options).Process(document, CancellationToken.None);
        return (document, document.Get(Layers.Quotes));
    }

    /// <summary>Paragraphs are separated by blank lines.</summary>
    public static ImmutableArray<Paragraph> Paragraphs(string text)
    {
        var paragraphs = ImmutableArray.CreateBuilder<Paragraph>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            if (end < 0) end = text.Length;
            if (end > start) paragraphs.Add(new Paragraph(new TextSpan(start, end)));
            start = end + 2;
        }

        return paragraphs.ToImmutable();
    }

    public static Document AnalyzeSample(string fileName)
    {
        var path = Path.Combine(RepoPaths.Samples, fileName);
        var outcome = DossierPipeline.CreateDefault().Analyze(RawInput.FromBytes(path, File.ReadAllBytes(path), InputFormat.PlainText), CancellationToken.None);
        return outcome.Document ?? throw new InvalidOperationException(outcome.Failure);
    }
}
