using System.Globalization;
using Dossier.Analysis;
using Dossier.Entities;
using Dossier.Linking;
using Dossier.Screening;
using Dossier.Serialization;

namespace Dossier.Export;

/// <summary>
/// Writes the store as FollowTheMoney entities, one JSON object a line, for Aleph and OpenSanctions tooling:
/// canonical organisations and people (Organization, Person), articles (Article), which article names which entity
/// (Mention), which article makes a claim about an entity (Documentation), and list hits (Sanction when an analyst
/// confirmed the hit, Note while it is open; dismissed hits are left out). Places and other names are not legal
/// entities and stay out. Documents are read a page at a time; only the ids of entities already written are kept.
/// </summary>
public static class FtmWriter
{
    public static async Task<int> WriteAsync(IDossierStore store, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        var written = new Dictionary<long, string>();
        var count = 0;

        async Task EmitAsync(FtmEntity entity)
        {
            await output.WriteAsync(entity.ToJsonLine());
            await output.WriteAsync('\n');
            count++;
        }

        await foreach (var page in StorePages.ReadAsync(store, cancellationToken))
        {
            var entities = await store.GetEntitiesAsync(page.Select(d => d.Document.Id).ToList(), cancellationToken);
            foreach (var entity in entities.Where(e => !written.ContainsKey(e.Id) && SchemaOf(e.Label) is not null))
            {
                var ftm = ToFtm(entity);
                written[entity.Id] = ftm.Id;
                await EmitAsync(ftm);
            }

            foreach (var stored in page)
            {
                foreach (var ftm in ForDocument(stored, written)) await EmitAsync(ftm);
            }
        }

        foreach (var review in await store.GetWatchlistHitsAsync(null, cancellationToken))
        {
            if (!written.TryGetValue(review.EntityId, out var entityId))
            {
                if (await store.GetEntityAsync(review.EntityId, cancellationToken) is not { } entity || SchemaOf(entity.Label) is null) continue;
                var ftm = ToFtm(entity);
                written[entity.Id] = entityId = ftm.Id;
                await EmitAsync(ftm);
            }

            if (ForHit(review, entityId) is { } hit) await EmitAsync(hit);
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }

    public static FtmEntity ToFtm(CanonicalEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var schema = SchemaOf(entity.Label) ?? throw new ArgumentException($"{entity.Label} entities are not legal entities.", nameof(entity));
        return new FtmEntity(
            EntityId(entity.Name, entity.Label),
            schema,
            new FtmProperties()
                .Add("name", entity.Name)
                .AddAll("alias", entity.Aliases.Where(a => !string.Equals(a, entity.Name, StringComparison.Ordinal)))
                .Build());
    }

    private static string? SchemaOf(EntityLabel label) => label switch
    {
        EntityLabel.ORG => "Organization",
        EntityLabel.PER => "Person",
        _ => null,
    };

    private static string EntityId(string name, EntityLabel label) => FtmEntity.IdFor(label == EntityLabel.PER ? "person" : "org", label + ":" + EntityKey.For(name, label));

    private static IEnumerable<FtmEntity> ForDocument(StoredDocument stored, IReadOnlyDictionary<long, string> entityIds)
    {
        var document = stored.Document;
        var articleId = FtmEntity.IdFor("article", document.Id);
        var published = ClaimTable.ParsePublished(document.Published)?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        yield return new FtmEntity(articleId, "Article", new FtmProperties()
            .Add("name", document.Title ?? document.Source)
            .Add("title", document.Title)
            .AddAll("author", document.Authors)
            .Add("publishedAt", published)
            .Add("language", document.Language)
            .Add("sourceUrl", document.Url)
            .Add("publisher", document.Site)
            .Add("description", document.Text)
            .Build());

        // Countries the article names (places and demonyms such as "Chinese") give each mention its context country.
        var countries = document.DocumentEntities
            .Where(e => e.Label is nameof(EntityLabel.LOC) or nameof(EntityLabel.MISC))
            .Select(e => CountryCodes.Normalize(e.Name))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var local = document.DocumentEntities
            .Where(e => stored.CanonicalIds.TryGetValue(e.Id, out var canonical) && entityIds.ContainsKey(canonical))
            .GroupBy(e => stored.CanonicalIds[e.Id]);
        foreach (var group in local)
        {
            var entityId = entityIds[group.Key];
            var mentioned = group.First().Label == nameof(EntityLabel.PER) ? "personMentioned" : "companyMentioned";
            yield return new FtmEntity(FtmEntity.IdFor("mention", document.Id + "|" + entityId), "Mention", new FtmProperties()
                .Add("document", articleId)
                .Add("resolved", entityId)
                .AddAll(mentioned, group.Select(e => e.Name))
                .AddAll("contextCountry", countries)
                .Build());
        }

        for (var i = 0; i < document.Claims.Count; i++)
        {
            var claim = document.Claims[i];
            var subjects = claim.SubjectEntityIds
                .Where(stored.CanonicalIds.ContainsKey)
                .Select(local => stored.CanonicalIds[local])
                .Where(entityIds.ContainsKey)
                .Distinct();
            foreach (var subject in subjects)
            {
                var entityId = entityIds[subject];
                yield return new FtmEntity(FtmEntity.IdFor("claim", $"{document.Id}|{i.ToString(CultureInfo.InvariantCulture)}|{entityId}"), "Documentation", new FtmProperties()
                    .Add("document", articleId)
                    .Add("entity", entityId)
                    .Add("role", "subject of a claim (" + claim.Category + ")")
                    .Add("status", claim.Status)
                    .Add("summary", claim.Text)
                    .Add("date", published)
                    .Add("sourceUrl", document.Url)
                    .Build());
            }
        }
    }

    /// <summary>
    /// A confirmed hit is the analyst's word that the entity is the listed party, so it becomes a Sanction; an open hit
    /// is only a candidate match and becomes a Note saying so; a dismissed hit says nothing about the entity.
    /// </summary>
    private static FtmEntity? ForHit(HitReview review, string entityId)
    {
        var hit = review.Hit;
        var id = FtmEntity.IdFor("hit", $"{entityId}|{hit.List}|{hit.ListEntryId}");
        return hit.Decision switch
        {
            HitDecisions.Confirmed => new FtmEntity(id, "Sanction", new FtmProperties()
                .Add("entity", entityId)
                .Add("authority", hit.List)
                .Add("authorityId", hit.ListEntryId)
                .Add("program", hit.Program)
                .Add("listingDate", hit.ListedOn)
                .Add("summary", $"Listed as {hit.Name}; confirmed by an analyst")
                .Build()),
            HitDecisions.Open => new FtmEntity(id, "Note", new FtmProperties()
                .Add("name", $"Possible list match: {hit.Name} ({hit.List})")
                .Add("entity", entityId)
                .Add("description", string.Create(CultureInfo.InvariantCulture,
                    $"Name screening scored {hit.Score:0.###} against {hit.List} entry {hit.ListEntryId} ({hit.Name}{(hit.Program is null ? "" : ", " + hit.Program)}); not reviewed. {hit.Explanation}"))
                .Build()),
            _ => null,
        };
    }
}
