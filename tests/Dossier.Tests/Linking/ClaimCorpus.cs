using System.Collections.Immutable;
using System.Globalization;
using Dossier.Claims;
using Dossier.Documents;
using Dossier.Entities;

namespace Dossier.Tests.Linking;

/// <summary>
/// Seeded analysed articles for claim-linking tests: claims about a few organisations (so that a subject gathers more
/// earlier claims than a claim is compared with), restating a few propositions with words dropped and added, some
/// denied in answer to a claim of their own article, some resting on a named source; articles without entities (their
/// subjects are then the claims' capitalised words); exact copies (one story) and splices of two articles (joining two
/// earlier stories into one).
/// </summary>
internal static class ClaimCorpus
{
    private static readonly string[] Organisations = ["Acme Corp", "Globex", "Initech", "Umbrella Corp"];

    private static readonly string[][] Propositions =
    [
        ["paid", "bribes", "to", "port", "officials", "for", "the", "harbour", "contract"],
        ["shipped", "restricted", "chips", "through", "shell", "companies", "in", "the", "gulf"],
        ["hid", "losses", "from", "auditors", "by", "moving", "debt", "offshore"],
        ["laundered", "cartel", "money", "through", "property", "deals", "and", "casinos"],
        ["supplied", "drones", "to", "a", "sanctioned", "militia", "via", "brokers"],
        ["inflated", "revenue", "with", "fake", "invoices", "from", "related", "firms"],
    ];

    private static readonly string[] Sources = ["Reuters", "the Financial Times", "a leaked memo"];

    private sealed record Item(string Text, int Organisation, ClaimStatus? Status, string? Source);

    public static List<Document> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var articles = new List<List<Item>>(count);
        var documents = new List<Document>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(10);
            var items = roll switch
            {
                0 when articles.Count > 0 => articles[random.Next(articles.Count)],
                1 or 2 when articles.Count > 1 => [.. Part(articles[random.Next(articles.Count)], first: true), .. Part(articles[random.Next(articles.Count)], first: false)],
                _ => Fresh(random),
            };
            articles.Add(items);
            var id = "claims-" + random.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture) + "-" + i.ToString(CultureInfo.InvariantCulture);
            documents.Add(Render(id, items, withEntities: random.Next(5) != 0, site: "site" + random.Next(5).ToString(CultureInfo.InvariantCulture) + ".example"));
        }

        return documents;
    }

    /// <summary>Most of an article from its start or up to its end: enough of each for a splice to join both stories.</summary>
    private static IEnumerable<Item> Part(List<Item> items, bool first) => first ? items.Take((items.Count * 7 + 9) / 10) : items.Skip(items.Count * 3 / 10);

    private static List<Item> Fresh(Random random)
    {
        var items = new List<Item>();
        var claims = random.Next(1, 5);
        for (var c = 0; c < claims; c++)
        {
            items.Add(Filler(random));
            var organisation = random.Next(Organisations.Length);
            var proposition = Propositions[random.Next(Propositions.Length)];
            var words = proposition.Where(_ => random.Next(6) != 0).Concat(Enumerable.Range(0, random.Next(3)).Select(_ => Word(random))).ToList();
            var source = random.Next(4) == 0 ? Sources[random.Next(Sources.Length)] : null;
            var status = random.Next(3) == 0 ? ClaimStatus.Alleged : ClaimStatus.Asserted;
            items.Add(new Item($"{Organisations[organisation]} {string.Join(' ', words)}.", organisation, status, source));
            if (random.Next(4) == 0)
            {
                // A denial that restates the claim links by its words; one that only dismisses it links by answering it, and when
                // another organisation (a parent, a partner) dismisses it, shares no subject with the claims it then denies.
                var (denier, denial) = random.Next(3) switch
                {
                    0 => (organisation, $"denied that it {string.Join(' ', proposition.Take(5))}"),
                    1 => (organisation, $"dismissed the {Word(random)} report as false and malicious"),
                    _ => ((organisation + 1) % Organisations.Length, $"dismissed the {Word(random)} report on its partner as false and malicious"),
                };
                items.Add(new Item($"{Organisations[denier]} {denial}.", denier, ClaimStatus.Denied, null));
            }
        }

        items.Add(Filler(random));
        return items;
    }

    private static Item Filler(Random random) => new(string.Join(' ', Enumerable.Range(0, 12).Select(_ => Word(random))) + ".", -1, null, null);

    private static string Word(Random random) => "w" + random.Next(300).ToString(CultureInfo.InvariantCulture);

    /// <summary>The article's text with a claim on each claim item; a denial answers the claim just before it, when there is one.</summary>
    private static Document Render(string id, List<Item> items, bool withEntities, string site)
    {
        var text = string.Join(' ', items.Select(item => item.Text));
        var mentions = new List<EntityMention>();
        var entities = new Dictionary<int, DocumentEntity>();
        var claims = new List<Claim>();
        var position = 0;
        foreach (var item in items)
        {
            var start = text.IndexOf(item.Text, position, StringComparison.Ordinal);
            position = start + item.Text.Length;
            if (item.Status is not { } status) continue;
            var name = Organisations[item.Organisation];
            if (!entities.ContainsKey(item.Organisation)) entities[item.Organisation] = new DocumentEntity(item.Organisation, name, EntityLabel.ORG, [name]);
            mentions.Add(new EntityMention(new TextSpan(start, start + name.Length), EntityLabel.ORG, item.Organisation));
            int? respondsTo = status == ClaimStatus.Denied && claims.Count > 0 ? claims.Count - 1 : null;
            claims.Add(new Claim(new TextSpan(start, position), withEntities ? [item.Organisation] : [], "corruption", status, Polarity.Adverse, [],
                item.Source is null ? null : new ClaimSource(item.Source, null, null), [], 0.8, respondsTo));
        }

        var document = Document.Create(id, text, new DocumentMetadata { Source = id, Site = site }).With(Layers.Claims, claims.ToImmutableArray());
        return withEntities
            ? document.With(Layers.Entities, new EntityLayer(mentions.ToImmutableArray(), entities.Values.OrderBy(e => e.Id).ToImmutableArray()))
            : document;
    }
}
