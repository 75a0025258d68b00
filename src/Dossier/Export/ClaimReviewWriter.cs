using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Dossier.Analysis;
using Dossier.Entities;
using Dossier.Serialization;

namespace Dossier.Export;

/// <summary>
/// Writes claims as schema.org JSON-LD, one object a line: a <c>Claim</c> for every claim, and a <c>ClaimReview</c>
/// only where the texts themselves dispute it. Dossier does not fact-check: the rating reports what the articles
/// say, "Denied by subject" when the denial comes from an entity the claim is about, "Disputed" otherwise.
/// </summary>
public static class ClaimReviewWriter
{
    public const string DeniedBySubject = "Denied by subject";
    public const string Disputed = "Disputed";

    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static async Task<int> WriteAsync(IDossierStore store, IReadOnlyList<ClaimLinkJson> links, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(output);
        var linked = await LinkedClaimsAsync(store, links, cancellationToken);
        var first = FirstAppearances(links, linked);
        var denials = CrossArticleDenials(links, linked);
        var count = 0;
        await foreach (var stored in store.ReadDocumentsAsync(cancellationToken))
        {
            var document = stored.Document;
            var appearance = Appearance(document);
            for (var i = 0; i < document.Claims.Count; i++)
            {
                var reference = new ClaimRefJson(document.Id, i);
                var claim = ClaimNode(document, i, appearance, first.GetValueOrDefault(reference));
                var answers = denials.GetValueOrDefault(reference, []).Concat(InDocumentDenials(stored, i)).ToList();
                await WriteLineAsync(output, WithContext(claim));
                count++;
                if (answers.Count == 0) continue;
                await WriteLineAsync(output, Review(document, i, claim, answers, Subjects(stored, i)));
                count++;
            }
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>What the export needs of a claim at either end of a link: where it appeared, its status and its subjects.</summary>
    private sealed record LinkedClaim(JsonObject Appearance, DateTimeOffset? Published, string Status, string Text, IReadOnlySet<long> Subjects);

    /// <summary>A denial answering a claim: where it was said, and whether its speaker is one of the claim's subjects.</summary>
    private sealed record Denial(JsonObject Appearance, string Text, IReadOnlySet<long> Subjects);

    private static async Task<Dictionary<ClaimRefJson, LinkedClaim>> LinkedClaimsAsync(
        IDossierStore store, IReadOnlyList<ClaimLinkJson> links, CancellationToken cancellationToken)
    {
        var linked = new Dictionary<ClaimRefJson, LinkedClaim>();
        var wanted = links.SelectMany(l => new[] { l.From, l.To }).GroupBy(r => r.Document, StringComparer.Ordinal);
        foreach (var group in wanted)
        {
            // Only documents that take part in a link are read again, one at a time.
            if (await store.GetDocumentAsync(group.Key, cancellationToken) is not { } stored) continue;
            var appearance = Appearance(stored.Document);
            var published = ClaimTable.ParsePublished(stored.Document.Published);
            foreach (var reference in group.Distinct())
            {
                if (reference.Claim < 0 || reference.Claim >= stored.Document.Claims.Count) continue;
                var claim = stored.Document.Claims[reference.Claim];
                linked[reference] = new LinkedClaim(appearance, published, claim.Status, claim.Text, Subjects(stored, reference.Claim));
            }
        }

        return linked;
    }

    /// <summary>The earliest dated article of each group of claims that repeat or support one another.</summary>
    private static Dictionary<ClaimRefJson, JsonObject> FirstAppearances(IReadOnlyList<ClaimLinkJson> links, Dictionary<ClaimRefJson, LinkedClaim> linked)
    {
        var parent = new Dictionary<ClaimRefJson, ClaimRefJson>();
        ClaimRefJson Find(ClaimRefJson x)
        {
            while (parent.TryGetValue(x, out var up) && up != x) x = up;
            return x;
        }

        foreach (var link in links.Where(l => l.Relation != "denies" && linked.ContainsKey(l.From) && linked.ContainsKey(l.To)))
        {
            var (a, b) = (Find(link.From), Find(link.To));
            parent.TryAdd(a, a);
            if (a != b) parent[b] = a;
        }

        var first = new Dictionary<ClaimRefJson, JsonObject>();
        foreach (var group in parent.Keys.GroupBy(Find))
        {
            var earliest = group.Where(r => linked[r].Published is not null).OrderBy(r => linked[r].Published).ThenBy(r => r.Document, StringComparer.Ordinal).FirstOrDefault();
            if (earliest is null) continue;
            foreach (var member in group) first[member] = linked[earliest].Appearance;
        }

        return first;
    }

    /// <summary>Claims of other articles that deny each claim, from the store's claim links.</summary>
    private static Dictionary<ClaimRefJson, List<Denial>> CrossArticleDenials(IReadOnlyList<ClaimLinkJson> links, Dictionary<ClaimRefJson, LinkedClaim> linked)
    {
        var denials = new Dictionary<ClaimRefJson, List<Denial>>();
        foreach (var link in links.Where(l => l.Relation == "denies" && linked.ContainsKey(l.From) && linked.ContainsKey(l.To)))
        {
            var (from, to) = (linked[link.From], linked[link.To]);
            var (reviewed, denial) = IsDenial(from.Status) ? (link.To, from) : (link.From, to);
            if (IsDenial(linked[reviewed].Status)) continue;
            if (!denials.TryGetValue(reviewed, out var list)) denials[reviewed] = list = [];
            list.Add(new Denial(denial.Appearance, denial.Text, denial.Subjects));
        }

        return denials;
    }

    /// <summary>Denials in the claim's own article that answer it.</summary>
    private static IEnumerable<Denial> InDocumentDenials(StoredDocument stored, int index)
    {
        var claims = stored.Document.Claims;
        if (IsDenial(claims[index].Status)) yield break;
        for (var j = 0; j < claims.Count; j++)
        {
            if (j != index && claims[j].RespondsTo == index && IsDenial(claims[j].Status))
            {
                yield return new Denial(Appearance(stored.Document), claims[j].Text, Subjects(stored, j));
            }
        }
    }

    private static bool IsDenial(string status) => status is "denied" or "negated";

    private static HashSet<long> Subjects(StoredDocument stored, int claimIndex) =>
        stored.Document.Claims[claimIndex].SubjectEntityIds.Where(stored.CanonicalIds.ContainsKey).Select(id => stored.CanonicalIds[id]).ToHashSet();

    private static JsonObject Appearance(DocumentJson document)
    {
        var work = new JsonObject { ["@type"] = "CreativeWork", ["@id"] = "urn:dossier:document:" + document.Id };
        if (document.Url is not null) work["url"] = document.Url;
        if (document.Title is not null) work["headline"] = document.Title;
        if (ClaimTable.ParsePublished(document.Published) is { } published)
        {
            work["datePublished"] = published.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        }

        if (document.Site is not null) work["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = document.Site };
        return work;
    }

    private static JsonObject ClaimNode(DocumentJson document, int index, JsonObject appearance, JsonObject? firstAppearance)
    {
        var claim = document.Claims[index];
        var node = new JsonObject
        {
            ["@type"] = "Claim",
            ["@id"] = ClaimId(document.Id, index),
            ["text"] = claim.Text,
            ["appearance"] = appearance.DeepClone(),
        };
        if (firstAppearance is not null) node["firstAppearance"] = firstAppearance.DeepClone();
        if (claim.Source is { Text.Length: > 0 } source) node["author"] = Author(document, source);
        var about = new JsonArray();
        foreach (var entity in document.DocumentEntities.Where(e => claim.SubjectEntityIds.Contains(e.Id)).DistinctBy(e => e.Id))
        {
            about.Add(new JsonObject { ["@type"] = TypeOf(entity.Label) ?? "Thing", ["name"] = entity.Name });
        }

        if (about.Count > 0) node["about"] = about;
        return node;
    }

    /// <summary>The claim's source; typed only when it is a quote whose speaker the text resolves to a person or an organisation.</summary>
    private static JsonObject Author(DocumentJson document, ClaimSourceJson source)
    {
        var author = new JsonObject();
        if (source.QuoteIndex is { } q && q >= 0 && q < document.Quotes.Count && document.Quotes[q].SpeakerEntityId is { } speaker
            && document.DocumentEntities.FirstOrDefault(e => e.Id == speaker) is { } entity && TypeOf(entity.Label) is { } type)
        {
            author["@type"] = type;
        }

        author["name"] = source.Text;
        return author;
    }

    private static string? TypeOf(string label) => label switch
    {
        nameof(EntityLabel.PER) => "Person",
        nameof(EntityLabel.ORG) => "Organization",
        nameof(EntityLabel.LOC) => "Place",
        _ => null,
    };

    private static JsonObject Review(DocumentJson document, int index, JsonObject claim, List<Denial> denials, HashSet<long> subjects)
    {
        var bySubject = denials.Any(d => d.Subjects.Overlaps(subjects));
        var explanation = string.Join(" ", denials.Select(d =>
            $"\"{d.Text}\" ({(d.Appearance["url"] ?? d.Appearance["@id"])!.GetValue<string>()})."));
        return WithContext(new JsonObject
        {
            ["@type"] = "ClaimReview",
            ["@id"] = "urn:dossier:review:" + document.Id + ":" + index.ToString(CultureInfo.InvariantCulture),
            ["claimReviewed"] = document.Claims[index].Text,
            ["itemReviewed"] = claim.DeepClone(),
            ["reviewRating"] = new JsonObject
            {
                ["@type"] = "Rating",
                ["alternateName"] = bySubject ? DeniedBySubject : Disputed,
                ["ratingExplanation"] = "Not a fact-check: the claim is answered by a denial in the articles. " + explanation,
            },
            ["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = "Dossier (automated text analysis, not a fact-checker)" },
        });
    }

    private static string ClaimId(string documentId, int index) => "urn:dossier:claim:" + documentId + ":" + index.ToString(CultureInfo.InvariantCulture);

    private static JsonObject WithContext(JsonObject node)
    {
        var withContext = new JsonObject { ["@context"] = "https://schema.org" };
        foreach (var (key, value) in node) withContext[key] = value?.DeepClone();

        return withContext;
    }

    private static async Task WriteLineAsync(TextWriter output, JsonObject node)
    {
        await output.WriteAsync(node.ToJsonString(Options));
        await output.WriteAsync('\n');
    }
}
