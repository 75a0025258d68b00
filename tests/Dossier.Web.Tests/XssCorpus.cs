using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Dossier.Analysis;
using Dossier.Claims;
using Dossier.Credibility;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Quotes;
using Dossier.Serialization;
using Dossier.Tests;

namespace Dossier.Web.Tests;

/// <summary>The XSS payloads of tests/fixtures/xss, each planted in every field of one test document that the web shows.</summary>
internal static class XssCorpus
{
    public static IReadOnlyList<string> Payloads { get; } =
        File.ReadAllLines(RepoPaths.Fixture("xss", "payloads.txt")).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

    public static Document DocumentFor(string payload, int index)
    {
        var text = $"{payload} was accused of fraud by regulators in case {index}.\n\n“{payload} is innocent,” said {payload} on Monday.";
        var metadata = new DocumentMetadata { Source = payload, Url = payload, Title = payload, Site = payload, Authors = [payload], Published = new DateTimeOffset(2024, 1, 1 + index % 28, 0, 0, 0, TimeSpan.Zero) };
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var first = new TextSpan(0, payload.Length);
        var quoteStart = text.IndexOf('“', StringComparison.Ordinal);
        var quote = new TextSpan(quoteStart, text.IndexOf('”', StringComparison.Ordinal) + 1);
        var speakerStart = text.IndexOf("said ", StringComparison.Ordinal) + 5;
        var speaker = new TextSpan(speakerStart, speakerStart + payload.Length);
        var claim = new TextSpan(0, text.IndexOf('\n', StringComparison.Ordinal));
        return Document.Create(id, text, metadata)
            .With(Layers.Entities, new EntityLayer(
                [new EntityMention(first, EntityLabel.ORG, 0), new EntityMention(new TextSpan(quoteStart + 1, quoteStart + 1 + payload.Length), EntityLabel.ORG, 0), new EntityMention(speaker, EntityLabel.ORG, 0, MentionKind.Name, payload)],
                [new DocumentEntity(0, payload, EntityLabel.ORG, [payload + " Ltd"])]))
            .With(Layers.Quotes, [new Quote(quote, payload, new TextSpan(speaker.Start - 5, speaker.Start - 1), QuoteKind.Direct, payload, speaker, SpeakerKind.Organisation, 0)])
            .With(Layers.Claims,
            [
                new Claim(claim, [0], payload, ClaimStatus.Alleged, Polarity.Adverse, [], new ClaimSource(payload, first, null), [], 0.9),
                new Claim(new TextSpan(quote.Start + 1, quote.End - 2), [0], payload, ClaimStatus.Denied, Polarity.Favourable, [], new ClaimSource(payload, speaker, 0), [], 0.5, 0),
            ])
            .With(Layers.Credibility, new CredibilityAssessment(0.5, [new CredibilitySignal(payload, 1, -0.2, payload, [first])]));
    }

    public static async Task SeedAsync(IDossierStore store, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < Payloads.Count; i++) await store.AddDocumentAsync(DocumentFor(Payloads[i], i), cancellationToken);
        foreach (var summary in await store.ListEntitiesAsync(null, 1000, cancellationToken))
        {
            var name = summary.Entity.Name;
            await store.AddWatchlistHitAsync(summary.Entity.Id, new WatchlistHitJson(name, name, name, 0.9, name, name, name, HitDecisions.Open), cancellationToken);
        }
    }
}
