using System.Collections.Immutable;
using Dossier.Analysis;
using Dossier.Claims;
using Dossier.Credibility;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Ingestion;
using Dossier.Quotes;
using Dossier.Serialization;
using Dossier.Tests;

namespace Dossier.Web.Tests;

/// <summary>
/// The three sample articles through the real extraction, tokens and sentences, with entity, quote, claim and credibility
/// layers written by hand here: test data for the report and the web, standing in for stages that are not merged yet.
/// Each annotation is found by its phrase in the extracted text, so a change in extraction fails loudly instead of silently.
/// </summary>
internal static class SampleDossiers
{
    public const string Alibaba = "Alibaba";

    public static IReadOnlyList<Document> Load()
    {
        var pipeline = DossierPipeline.CreateDefault();
        var files = Directory.GetFiles(RepoPaths.Samples, "*.txt").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, files.Count);
        var documents = files.Select(file =>
        {
            var outcome = pipeline.Analyze(RawInput.FromBytes(Path.GetFileName(file), File.ReadAllBytes(file), InputFormat.PlainText), CancellationToken.None);
            return outcome.Document ?? throw new InvalidOperationException($"{file}: {outcome.Failure}");
        }).ToList();
        return [Lobbying(documents[0]), CleanNetwork(documents[1]), MilitaryTies(documents[2])];
    }

    public static async Task SeedAsync(IDossierStore store, CancellationToken cancellationToken = default)
    {
        foreach (var document in Load()) await store.AddDocumentAsync(document, cancellationToken);
        var alibaba = (await store.FindEntitiesAsync(Alibaba, cancellationToken))[0];
        await store.AddWatchlistHitAsync(alibaba.Id, new WatchlistHitJson(
            "test-list-0001", "Test list", "Alibaba Group Holding Ltd", 0.91, "TEST-PROGRAM", "2021-01-14", "name matches after legal-form folding", HitDecisions.Open), cancellationToken);
    }

    private static Document Lobbying(Document document)
    {
        var text = document.Text;
        document = Describe(document, "news.example", "2022-10-05T00:00:00Z", ["Staff Writer"]);
        document = WithEntities(document, (Alibaba, EntityLabel.ORG), ("Jim Carafano", EntityLabel.PER), ("Democratic Party", EntityLabel.ORG));
        var carafano = Find(text, "“Let’s be clear: every company in China works for the Chinese Communist Party.");
        var quoteEnd = text.IndexOf("intellectual property.”", carafano.Start, StringComparison.Ordinal) + "intellectual property.”".Length;
        return document
            .With(Layers.Quotes, [new Quote(new TextSpan(carafano.Start, quoteEnd), "stated", Find(text, "stated"), QuoteKind.Direct, "Jim Carafano", Find(text, "Jim Carafano"), SpeakerKind.NamedPerson, 1)])
            .With(Layers.Claims,
            [
                Claim(Find(text, "Alibaba, has been dishing out over $2.5 million on influencing practices in the U.S."), [0], "political_influence", ClaimStatus.Reported, "Just The News"),
                Claim(Find(text, "the nominees raised over $1.2 million from Alibaba affiliates"), [0, 2], "political_influence", ClaimStatus.Reported, null),
            ]);
    }

    private static Document CleanNetwork(Document document)
    {
        var text = document.Text;
        document = Describe(document, "blog.example", "2020-08-20T00:00:00Z", []);
        document = WithEntities(document, (Alibaba, EntityLabel.ORG), ("Mike Pompeo", EntityLabel.PER));
        var quote = Find(text, "“As the world’s largest e-commerce platform, Alibaba’s primary commercial focus in the U.S is to support American brands");
        var quoteEnd = text.IndexOf("around the world,”", quote.Start, StringComparison.Ordinal) + "around the world,”".Length;
        return document
            .With(Layers.Quotes, [new Quote(new TextSpan(quote.Start, quoteEnd), "said", Find(text, "said on the earnings call"), QuoteKind.Direct,
                "Chief Executive Officer of Alibaba", Find(text, "Chief Executive Officer of Alibaba"), SpeakerKind.Role, null, 0)])
            .With(Layers.Claims,
            [
                Claim(Find(text, "Alibaba, a Chinese e-commerce giant, is one of the targets of the administration’s “Clean Network” program."), [0], "sanctions_trade", ClaimStatus.Reported, null),
            ]);
    }

    private static Document MilitaryTies(Document document)
    {
        var text = document.Text;
        document = Describe(document, "wire.example", "2025-11-15T00:00:00Z", ["Desk Reporter"]);
        document = WithEntities(document, (Alibaba, EntityLabel.ORG), ("Financial Times", EntityLabel.ORG));
        var denial = Find(text, "“The assertions and innuendos in the article are completely false,”");
        return document
            .With(Layers.Quotes, [new Quote(denial, "said", Find(text, "said on Saturday"), QuoteKind.Direct, "an Alibaba spokesperson", Find(text, "an Alibaba spokesperson"), SpeakerKind.Role, null, 0)])
            .With(Layers.Claims,
            [
                Claim(Find(text, "It alleged that Alibaba had been involved in providing unspecified support to the People’s Liberation Army (PLA)"), [0], "military_ties", ClaimStatus.Alleged, "Financial Times"),
                Claim(new TextSpan(denial.Start + 1, denial.End - 2), [0], "military_ties", ClaimStatus.Denied, "an Alibaba spokesperson", respondsTo: 0, quoteIndex: 0),
            ])
            .With(Layers.Credibility, new CredibilityAssessment(0.62,
            [
                new CredibilitySignal("anonymous_source", 1, -0.1, "relies on an unnamed analyst", [Find(text, "a Hong Kong-based geopolitical analyst")]),
            ]));
    }

    private static Document Describe(Document document, string site, string published, IReadOnlyList<string> authors)
    {
        var title = document.Metadata.Title ?? document.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        return document.WithMetadata(document.Metadata with { Site = site, Published = DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture), Title = title, Authors = authors });
    }

    /// <summary>An entity layer with every occurrence of each name as a mention; the entity's id is its position.</summary>
    private static Document WithEntities(Document document, params (string Name, EntityLabel Label)[] entities)
    {
        var mentions = new List<EntityMention>();
        for (var id = 0; id < entities.Length; id++)
        {
            var (name, label) = entities[id];
            for (var at = document.Text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = document.Text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                mentions.Add(new EntityMention(new TextSpan(at, at + name.Length), label, id));
            }

            Assert.True(mentions.Any(m => m.EntityId == id), $"'{name}' is not in the sample text");
        }

        return document.With(Layers.Entities, new EntityLayer(
            [.. mentions.OrderBy(m => m.Span.Start)],
            [.. entities.Select((e, id) => new DocumentEntity(id, e.Name, e.Label, ImmutableArray<string>.Empty))]));
    }

    private static Claim Claim(TextSpan span, int[] subjects, string category, ClaimStatus status, string? source, int? respondsTo = null, int? quoteIndex = null) =>
        new(span, [.. subjects], category, status, status == ClaimStatus.Denied ? Polarity.Favourable : Polarity.Adverse, [],
            source is null ? null : new ClaimSource(source, null, quoteIndex), [], 0.8, respondsTo);

    private static TextSpan Find(string text, string phrase)
    {
        var at = text.IndexOf(phrase, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{phrase}' is not in the extracted sample text");
        return new TextSpan(at, at + phrase.Length);
    }
}
