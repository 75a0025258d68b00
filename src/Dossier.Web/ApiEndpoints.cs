using System.Text.Json;
using Dossier.Analysis;
using Dossier.Linking;
using Dossier.Reports;
using Dossier.Screening;
using Dossier.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dossier.Web;

public sealed record EntityListItemJson(long Id, string Name, string Label, IReadOnlyList<string> Aliases, int Documents, int Mentions, int Quotes, int Claims);

public sealed record ScreenRequest(string? Name, string? Type = null, string? Country = null, string? BirthDate = null);

public sealed record ScreenFeatureJson(string Feature, double Effect, string Detail);

public sealed record ScreenCandidateJson(
    string ListEntryId, string List, string Name, double Score, bool Match, string? Program, string? ListedOn, string MatchedName, string Explanation,
    IReadOnlyList<ScreenFeatureJson> Features);

public sealed record ScreenResponseJson(string Query, IReadOnlyList<ScreenCandidateJson> Candidates);

/// <summary>The imported lists the server screens against, if any.</summary>
public sealed record ScreeningLists(WatchlistScreener? Screener);

public sealed record HitDecisionRequest(string? Decision, string? Note = null);

/// <summary>The JSON API under /api. Reads are open on loopback; writes need the API key.</summary>
internal static class ApiEndpoints
{
    public static readonly string[] Kinds = ["article", "quote", "claim"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("api");

        api.MapGet("/search", SearchAsync).WithName("Search").WithSummary("Full-text search over articles, quotes and claims (BM25), with filters.");
        api.MapGet("/entities", ListEntitiesAsync).WithName("ListEntities").WithSummary("The most mentioned entities; q filters by name or alias.");
        api.MapGet("/entities/{id:long}", GetDossierAsync).WithName("GetEntityDossier").WithSummary("The dossier of one entity: the full report as JSON.");
        api.MapGet("/documents/{id}", GetDocumentAsync).WithName("GetDocument").WithSummary("One stored document with its annotations.");
        api.MapGet("/claims", ListClaimsAsync).WithName("ListClaims").WithSummary("Claims, filtered and optionally searched.");

        var writes = api.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            var guard = context.HttpContext.RequestServices.GetRequiredService<ApiKeyGuard>();
            return guard.Matches(ApiKeyGuard.FromHeaders(context.HttpContext.Request)) ? await next(context) : Problems.Unauthorized(guard);
        });
        writes.MapPost("/screen", ScreenAsync).WithName("Screen").WithSummary("Screen a name against the sanctions and watch lists.")
            .Accepts<ScreenRequest>("application/json");
        writes.MapPost("/ingest", IngestAsync).WithName("Ingest").WithSummary("Analyse and store articles sent as text or HTML, and pages or feeds fetched from the URLs sent.")
            .Accepts<IngestRequest>("application/json");
        writes.MapPost("/hits/{id:long}/decision", DecideHitAsync).WithName("DecideHit").WithSummary("Accept or dismiss a list hit; the decision is remembered.")
            .Accepts<HitDecisionRequest>("application/json");
        writes.MapPost("/entities/{id:long}/merge", MergeEntityAsync).WithName("MergeEntity")
            .WithSummary("Merge this entity into another; mentions stored later under it follow. The reason is kept with the decision.")
            .Accepts<EntityMergeRequest>("application/json");
        writes.MapPost("/entities/{id:long}/split", SplitEntityAsync).WithName("SplitEntity")
            .WithSummary("Split one alias off this entity into a new entity; later mentions of that name go to the new one.")
            .Accepts<EntitySplitRequest>("application/json");
    }

    private static async Task<Results<Ok<EntityDecisionJson>, ProblemHttpResult>> MergeEntityAsync(
        long id, HttpRequest request, IOptions<JsonOptions> json, IDossierStore store, ILinkStore links, CancellationToken cancellationToken)
    {
        var (body, problem) = await Problems.ReadJsonAsync<EntityMergeRequest>(request, DossierWebOptions.MaxSmallBodyBytes, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var (decision, refused) = await EntityCorrections.MergeAsync(store, links, id, body!.Into, body.Reason, cancellationToken);
        if (refused is not null) return refused;
        return TypedResults.Ok(EntityDecisionJson.From(decision!));
    }

    private static async Task<Results<Ok<EntityDecisionJson>, ProblemHttpResult>> SplitEntityAsync(
        long id, HttpRequest request, IOptions<JsonOptions> json, IDossierStore store, ILinkStore links, CancellationToken cancellationToken)
    {
        var (body, problem) = await Problems.ReadJsonAsync<EntitySplitRequest>(request, DossierWebOptions.MaxSmallBodyBytes, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var (decision, refused) = await EntityCorrections.SplitAsync(store, links, id, body!.Alias, body.Reason, cancellationToken);
        if (refused is not null) return refused;
        return TypedResults.Ok(EntityDecisionJson.From(decision!));
    }

    private static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SearchAsync(
        string? q, string? kind, long? entity, string? category, string? status, string? from, string? to, string? source, int? limit, int? offset,
        IDossierStore store, CancellationToken cancellationToken)
    {
        if (Validate(kind, from, to, limit, offset) is { } problem) return problem;
        return TypedResults.Ok(await store.SearchAsync(new SearchQuery(q, kind, entity, category, status, from, to, source, limit ?? 20, offset ?? 0), cancellationToken));
    }

    private static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> ListClaimsAsync(
        string? q, long? entity, string? category, string? status, string? from, string? to, string? source, int? limit, int? offset,
        IDossierStore store, CancellationToken cancellationToken)
    {
        if (Validate("claim", from, to, limit, offset) is { } problem) return problem;
        return TypedResults.Ok(await store.SearchAsync(new SearchQuery(q, "claim", entity, category, status, from, to, source, limit ?? 50, offset ?? 0), cancellationToken));
    }

    private static async Task<Results<Ok<List<EntityListItemJson>>, ProblemHttpResult>> ListEntitiesAsync(string? q, int? limit, IDossierStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000) return Problems.BadRequest("limit must be between 1 and 1000.");
        var entities = await store.ListEntitiesAsync(q, limit ?? 100, cancellationToken);
        return TypedResults.Ok(entities.Select(s => new EntityListItemJson(
            s.Entity.Id, s.Entity.Name, s.Entity.Label.ToString(), s.Entity.Aliases, s.Entity.Documents.Count, s.Mentions, s.Quotes, s.Claims)).ToList());
    }

    private static async Task<Results<Ok<DossierReport>, ProblemHttpResult>> GetDossierAsync(
        long id, IDossierStore store, CrossArticleLinkCache crossArticleLinks, CancellationToken cancellationToken) =>
        await DossierLoader.LoadAsync(store, crossArticleLinks, id, cancellationToken) is { } dossier
            ? TypedResults.Ok(ReportBuilder.Build(dossier))
            : Problems.NotFound($"No entity {id}.");

    private static async Task<Results<Ok<DocumentJson>, ProblemHttpResult>> GetDocumentAsync(string id, IDossierStore store, CancellationToken cancellationToken) =>
        await store.GetDocumentAsync(id, cancellationToken) is { } stored
            ? TypedResults.Ok(DossierLoader.WithCanonicalIds(stored))
            : Problems.NotFound($"No document {id}.");

    private static async Task<Results<Ok<ScreenResponseJson>, ProblemHttpResult>> ScreenAsync(
        HttpRequest request, IOptions<JsonOptions> json, ScreeningLists lists, CancellationToken cancellationToken)
    {
        var (body, problem) = await Problems.ReadJsonAsync<ScreenRequest>(request, DossierWebOptions.MaxSmallBodyBytes, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.Name)) return Problems.BadRequest("name is required.");
        var kind = body.Type?.ToLowerInvariant() switch
        {
            null or "" => EntryKind.Unknown,
            "org" or "organization" or "organisation" => EntryKind.Organization,
            "person" => EntryKind.Person,
            _ => (EntryKind?)null,
        };
        if (kind is null) return Problems.BadRequest("type must be 'org' or 'person'.");
        if (lists.Screener is not { } screener)
        {
            return Problems.Of(StatusCodes.Status501NotImplemented, "No lists loaded", "This server has no screening lists to screen against: run 'dossier lists import' first.");
        }

        var query = new ScreeningQuery(body.Name.Trim(), kind.Value, body.Country is { Length: > 0 } country ? [country] : null, body.BirthDate);
        var candidates = screener.Screen(query, limit: 10);
        return TypedResults.Ok(new ScreenResponseJson(query.Name, candidates.Select(c => new ScreenCandidateJson(
            c.Entry.Id, c.Entry.List, c.Entry.Name, Math.Round(c.Score, 4), c.IsMatch, c.Entry.Program, c.Entry.ListedOn, c.MatchedName, c.Explain(),
            c.Features.Select(f => new ScreenFeatureJson(f.Feature, Math.Round(f.Effect, 4), f.Detail)).ToList())).ToList()));
    }

    private static async Task<Results<Ok<IngestResult>, ProblemHttpResult>> IngestAsync(
        HttpRequest request, IOptions<JsonOptions> json, DossierWebOptions options, WebIngestion ingestion, CancellationToken cancellationToken)
    {
        var (body, problem) = await Problems.ReadJsonAsync<IngestRequest>(request, options.MaxIngestBytes, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var articles = body!.Articles ?? [];
        var urls = body.Urls ?? [];
        if (articles.Count == 0 && urls.Count == 0) return Problems.BadRequest("Send at least one article in articles or one URL in urls.");
        if (articles.Count > WebIngestion.MaxArticles) return Problems.BadRequest($"At most {WebIngestion.MaxArticles} articles per request.");
        if (urls.Count > WebIngestion.MaxUrls) return Problems.BadRequest($"At most {WebIngestion.MaxUrls} URLs per request.");
        for (var i = 0; i < articles.Count; i++)
        {
            if (articles[i] is null || (string.IsNullOrWhiteSpace(articles[i].Text) && string.IsNullOrWhiteSpace(articles[i].Html)))
            {
                return Problems.BadRequest($"articles[{i}] needs text or html.");
            }
        }

        for (var i = 0; i < urls.Count; i++)
        {
            var urlProblem = urls[i] is { } url ? WebIngestion.UrlProblem(url.Trim()) : "null is not a URL";
            if (urlProblem is not null) return Problems.BadRequest($"urls[{i}]: {urlProblem}.");
        }

        var items = articles.Select(WebIngestion.FromArticle).Concat(await ingestion.FetchAsync(urls, cancellationToken)).ToList();
        return TypedResults.Ok(await ingestion.IngestAsync(items, cancellationToken));
    }

    private static async Task<Results<Ok<HitReview>, ProblemHttpResult>> DecideHitAsync(
        long id, HttpRequest request, IOptions<JsonOptions> json, IDossierStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await Problems.ReadJsonAsync<HitDecisionRequest>(request, DossierWebOptions.MaxSmallBodyBytes, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        if (HitDecisions.Parse(body!.Decision) is not { } decision)
        {
            return Problems.BadRequest($"decision must be one of: {string.Join(", ", HitDecisions.All)} (or accept, dismiss).");
        }

        return await store.DecideHitAsync(id, decision, body.Note, cancellationToken) is { } hit ? TypedResults.Ok(hit) : Problems.NotFound($"No list hit {id}.");
    }

    /// <summary>Checks the filters every listing shares; null when they are fine.</summary>
    internal static ProblemHttpResult? Validate(string? kind, string? from, string? to, int? limit, int? offset)
    {
        if (kind is { Length: > 0 } && !Kinds.Contains(kind)) return Problems.BadRequest($"kind must be one of: {string.Join(", ", Kinds)}.");
        if (from is { Length: > 0 } && !IsIsoDate(from)) return Problems.BadRequest("from must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD.");
        if (to is { Length: > 0 } && !IsIsoDate(to)) return Problems.BadRequest("to must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD.");
        if (limit is < 1 or > SearchQuery.MaxLimit) return Problems.BadRequest($"limit must be between 1 and {SearchQuery.MaxLimit}.");
        if (offset is < 0 or > 100_000) return Problems.BadRequest("offset must be between 0 and 100000.");
        return null;
    }

    public static bool IsIsoDate(string value) =>
        value.Length is 4 or 7 or 10 && value.Select((c, i) => i is 4 or 7 ? c == '-' : char.IsAsciiDigit(c)).All(ok => ok);
}
