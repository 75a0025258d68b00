using System.Globalization;
using System.Text;
using Dossier.Analysis;
using Dossier.Claims;
using Dossier.Ingestion;
using Dossier.Linking;
using Dossier.Reports;
using Dossier.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dossier.Web;

/// <summary>The server-rendered pages: no script at all, every string from an article encoded, charts as inline SVG.</summary>
internal static class Pages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/search")).ExcludeFromDescription();
        app.MapGet("/static/site.css", () => Results.Text(ArticleHtml.Styles, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/search", SearchAsync).ExcludeFromDescription();
        app.MapGet("/entities", EntitiesAsync).ExcludeFromDescription();
        app.MapGet("/entities/{id:long}", EntityAsync).ExcludeFromDescription();
        app.MapPost("/entities/{id:long}/merge", MergeEntityAsync).ExcludeFromDescription();
        app.MapPost("/entities/{id:long}/split", SplitEntityAsync).ExcludeFromDescription();
        app.MapGet("/documents/{id}", DocumentAsync).ExcludeFromDescription();
        app.MapGet("/claims/{documentId}/{index:int}", ClaimAsync).ExcludeFromDescription();
        app.MapGet("/hits", HitsAsync).ExcludeFromDescription();
        app.MapPost("/hits/{id:long}", DecideHitAsync).ExcludeFromDescription();
        app.MapGet("/ingest", () => Page("Ingest", IngestForm(null))).ExcludeFromDescription();
        app.MapPost("/ingest", IngestAsync).ExcludeFromDescription();
    }

    private static ContentHttpResult Page(string title, StringBuilder body, int status = 200)
    {
        var html = new StringBuilder(body.Length + 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(title)} — Dossier</title><link rel=\"stylesheet\" href=\"/static/site.css\"></head><body>");
        html.Append("<nav><a href=\"/search\">Search</a><a href=\"/entities\">Entities</a><a href=\"/hits\">List hits</a><a href=\"/ingest\">Ingest</a></nav>");
        html.Append("<main>").Append(body).Append("</main></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static ContentHttpResult NotFoundPage(string what) => Page("Not found", new StringBuilder($"<h1>Not found</h1><p>{E(what)}</p>"), 404);

    private static async Task<ContentHttpResult> SearchAsync(HttpRequest request, IDossierStore store, CancellationToken cancellationToken)
    {
        var query = request.Query;
        string? Get(string name) => query[name] is [{ Length: > 0 } value] ? value : null;
        var (q, kind, category, status, from, to, source) = (Get("q"), Get("kind"), Get("category"), Get("status"), Get("from"), Get("to"), Get("source"));
        var entity = long.TryParse(Get("entity"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        var offset = int.TryParse(Get("offset"), NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? Math.Min(o, 100_000) : 0;

        var body = new StringBuilder("<h1>Search</h1><form class=\"search\" method=\"get\" action=\"/search\">");
        body.Append(CultureInfo.InvariantCulture, $"<input type=\"search\" name=\"q\" value=\"{E(q)}\" placeholder=\"words in articles, quotes and claims\" autofocus> ");
        body.Append(Select("kind", kind, ["", .. ApiEndpoints.Kinds])).Append(Select("status", status, ["", .. Enum.GetValues<ClaimStatus>().Select(DossierJsonMapper.Snake)]));
        body.Append(CultureInfo.InvariantCulture, $" <input name=\"category\" value=\"{E(category)}\" placeholder=\"category\" size=\"12\">");
        body.Append(CultureInfo.InvariantCulture, $" <input name=\"source\" value=\"{E(source)}\" placeholder=\"outlet\" size=\"12\">");
        body.Append(CultureInfo.InvariantCulture, $" <input name=\"from\" value=\"{E(from)}\" placeholder=\"from YYYY-MM-DD\" size=\"12\"> <input name=\"to\" value=\"{E(to)}\" placeholder=\"to\" size=\"12\">");
        if (entity is { } entityId) body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"entity\" value=\"{entityId}\">");
        body.Append(" <button type=\"submit\">Search</button></form>");

        if (ApiEndpoints.Validate(kind, from, to, null, null) is { } problem)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"error\">{E(problem.ProblemDetails.Detail)}</p>");
            return Page("Search", body, 400);
        }

        if (q is null && kind is null && category is null && status is null && from is null && to is null && source is null && entity is null)
        {
            return Page("Search", body);
        }

        var results = await store.SearchAsync(new SearchQuery(q, kind, entity, category, status, from, to, source, 50, offset), cancellationToken);
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"ref\">{(results.Hits.Count == 0 ? "No results." : $"Results {offset + 1}–{offset + results.Hits.Count}")}</p><ol class=\"results\">");
        foreach (var hit in results.Hits)
        {
            var href = hit.Kind switch
            {
                "claim" => $"/claims/{Uri.EscapeDataString(hit.DocumentId)}/{hit.Item}",
                "quote" => $"/documents/{Uri.EscapeDataString(hit.DocumentId)}#{Anchors.Quote(hit.DocumentId, hit.Item ?? 0)}",
                _ => $"/documents/{Uri.EscapeDataString(hit.DocumentId)}",
            };
            body.Append(CultureInfo.InvariantCulture, $"<li class=\"result result-{E(hit.Kind)}\"><a href=\"{E(href)}\">{E(hit.Kind)}: {E(hit.Title ?? hit.DocumentId)}</a> ");
            if (hit.Status is { } hitStatus) body.Append(CultureInfo.InvariantCulture, $"<span class=\"status status-{ArticleHtml.CssName(hitStatus)}\">{E(hitStatus)}</span> ");
            if (hit.Category is { } hitCategory) body.Append(CultureInfo.InvariantCulture, $"<span class=\"ref\">{E(hitCategory)}</span> ");
            body.Append(CultureInfo.InvariantCulture, $"<span class=\"ref\">{E(hit.Outlet)} · {E(ArticleHtml.DayOf(hit.Published))}</span><br>");
            var highlights = hit.Highlights.Select(h => new Highlight(h.Start, h.End, "match"));
            body.Append("<span class=\"snippet\">");
            ArticleHtml.Render(body, hit.Snippet, highlights);
            body.Append("</span></li>");
        }

        body.Append("</ol>");
        if (results.HasMore)
        {
            var next = QueryString.Create(query.Where(p => p.Key != "offset").Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()))
                .Append(new KeyValuePair<string, string?>("offset", (offset + results.Hits.Count).ToString(CultureInfo.InvariantCulture))));
            body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/search{E(next.ToString())}\">More results</a></p>");
        }

        return Page(q is null ? "Search" : $"Search: {q}", body);
    }

    private static async Task<ContentHttpResult> EntitiesAsync(string? q, IDossierStore store, CancellationToken cancellationToken)
    {
        var entities = await store.ListEntitiesAsync(q, 200, cancellationToken);
        var body = new StringBuilder("<h1>Entities</h1><form method=\"get\" action=\"/entities\">");
        body.Append(CultureInfo.InvariantCulture, $"<input type=\"search\" name=\"q\" value=\"{E(q)}\" placeholder=\"name or alias\"> <button type=\"submit\">Find</button></form>");
        if (entities.Count == 0) body.Append("<p class=\"ref\">No entities in the store.</p>");
        else
        {
            body.Append("<table><tr><th>Entity</th><th>Label</th><th>Articles</th><th>Mentions</th><th>Quotes</th><th>Claims</th></tr>");
            foreach (var summary in entities)
            {
                var entity = summary.Entity;
                body.Append(CultureInfo.InvariantCulture,
                    $"<tr><td><a href=\"/entities/{entity.Id}\">{E(entity.Name)}</a></td><td>{E(entity.Label.ToString())}</td><td>{entity.Documents.Count}</td><td>{summary.Mentions}</td><td>{summary.Quotes}</td><td>{summary.Claims}</td></tr>");
            }

            body.Append("</table>");
        }

        return Page("Entities", body);
    }

    private static async Task<ContentHttpResult> EntityAsync(
        long id, IDossierStore store, ILinkStore links, CrossArticleLinkCache crossArticleLinks, CancellationToken cancellationToken)
    {
        if (await DossierLoader.LoadAsync(store, crossArticleLinks, id, cancellationToken) is not { } dossier) return NotFoundPage($"No entity {id}.");
        var body = new StringBuilder();
        var writer = new HtmlReportWriter((document, anchor) => $"/documents/{Uri.EscapeDataString(document)}#{anchor}");
        writer.WriteBody(body, ReportBuilder.Build(dossier));
        body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/hits?entity={id}\">Review list hits</a> · <a href=\"/search?entity={id}&amp;kind=claim\">Search its articles</a> · <a href=\"/api/entities/{id}\">JSON</a></p>");
        await NamesAndCorrectionsAsync(body, dossier.Entity, links, cancellationToken);
        return Page(dossier.Entity.Name, body);
    }

    /// <summary>Why each name belongs to the entity, and the forms an analyst corrects the grouping with.</summary>
    private static async Task NamesAndCorrectionsAsync(StringBuilder body, CanonicalEntity entity, ILinkStore links, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> reasons;
        try
        {
            reasons = await links.ExplainAsync(entity.Id, cancellationToken);
        }
        catch (ArgumentException)
        {
            // Merged away between loading the dossier and explaining it: nothing left to explain here.
            reasons = [];
        }

        body.Append("<section id=\"names\"><h2>Names and corrections</h2>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"aliases\">Aliases: {(entity.Aliases.Count == 0 ? "none" : string.Join(", ", entity.Aliases.Select(E)))}</p>");
        if (reasons.Count == 0) body.Append("<p class=\"ref\">One name only; nothing was merged.</p>");
        else
        {
            body.Append("<ul class=\"explain\">");
            foreach (var reason in reasons) body.Append(CultureInfo.InvariantCulture, $"<li>{E(reason)}</li>");
            body.Append("</ul>");
        }

        var key = $"<input type=\"password\" name=\"{ApiKeyGuard.FormField}\" placeholder=\"API key\" autocomplete=\"off\" required>";
        var reasonField = $"<input name=\"reason\" placeholder=\"reason\" maxlength=\"{EntityCorrections.MaxReasonLength}\" size=\"30\" required>";
        body.Append(CultureInfo.InvariantCulture,
            $"<form class=\"merge\" method=\"post\" action=\"/entities/{entity.Id}/merge\"><label>Merge into entity <input name=\"into\" type=\"number\" min=\"1\" size=\"8\" required></label> {reasonField} {key} <button type=\"submit\">Merge</button></form>");
        if (entity.Aliases.Count > 1)
        {
            body.Append(CultureInfo.InvariantCulture, $"<form class=\"split\" method=\"post\" action=\"/entities/{entity.Id}/split\"><label>Split off <select name=\"alias\">");
            foreach (var alias in entity.Aliases) body.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(alias)}\">{E(alias)}</option>");
            body.Append(CultureInfo.InvariantCulture, $"</select></label> {reasonField} {key} <button type=\"submit\">Split</button></form>");
        }

        body.Append("</section>");
    }

    private static async Task<IResult> MergeEntityAsync(long id, HttpRequest request, ApiKeyGuard guard, IDossierStore store, ILinkStore links, CancellationToken cancellationToken)
    {
        var (form, refusal) = await ReadAuthorisedFormAsync(request, guard, $"/entities/{id}", cancellationToken);
        if (refusal is not null) return refusal;
        long? into = long.TryParse(form!["into"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var target) ? target : null;
        var (decision, problem) = await EntityCorrections.MergeAsync(store, links, id, into, form["reason"].ToString(), cancellationToken);
        return problem is not null ? ProblemPage(problem, $"/entities/{id}") : Results.Redirect($"/entities/{decision!.OtherId}#names");
    }

    private static async Task<IResult> SplitEntityAsync(long id, HttpRequest request, ApiKeyGuard guard, IDossierStore store, ILinkStore links, CancellationToken cancellationToken)
    {
        var (form, refusal) = await ReadAuthorisedFormAsync(request, guard, $"/entities/{id}", cancellationToken);
        if (refusal is not null) return refusal;
        var (_, problem) = await EntityCorrections.SplitAsync(store, links, id, form!["alias"].ToString(), form["reason"].ToString(), cancellationToken);
        return problem is not null ? ProblemPage(problem, $"/entities/{id}") : Results.Redirect($"/entities/{id}#names");
    }

    /// <summary>A form post that carries the API key; otherwise the page that says why it was refused.</summary>
    private static async Task<(IFormCollection? Form, IResult? Refusal)> ReadAuthorisedFormAsync(HttpRequest request, ApiKeyGuard guard, string back, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return (null, Page("Bad request", new StringBuilder($"<h1>Bad request</h1><p>Send the form. <a href=\"{E(back)}\">Back</a></p>"), 400));
        var form = await request.ReadFormAsync(cancellationToken);
        return guard.Matches(form[ApiKeyGuard.FormField].ToString())
            ? (form, null)
            : (null, Page("Not allowed", new StringBuilder($"<h1>Not allowed</h1><p>The API key is missing or wrong. <a href=\"{E(back)}\">Back</a></p>"), 401));
    }

    private static ContentHttpResult ProblemPage(ProblemHttpResult problem, string back) =>
        Page(problem.ProblemDetails.Title ?? "Refused", new StringBuilder(
            $"<h1>{E(problem.ProblemDetails.Title)}</h1><p class=\"error\">{E(problem.ProblemDetails.Detail)}</p><p><a href=\"{E(back)}\">Back</a></p>"), problem.StatusCode);

    private static async Task<ContentHttpResult> DocumentAsync(string id, IDossierStore store, CancellationToken cancellationToken)
    {
        if (await store.GetDocumentAsync(id, cancellationToken) is not { } stored) return NotFoundPage($"No document {id}.");
        var document = stored.Document;
        var body = new StringBuilder();
        ArticleHtml.RenderArticle(body, document, stored.CanonicalIds, null, 1);
        body.Append("<h2>Claims</h2>");
        if (document.Claims.Count == 0) body.Append("<p class=\"ref\">No claims.</p>");
        else
        {
            body.Append("<ol start=\"0\">");
            for (var i = 0; i < document.Claims.Count; i++)
            {
                var claim = document.Claims[i];
                body.Append(CultureInfo.InvariantCulture,
                    $"<li><span class=\"status status-{ArticleHtml.CssName(claim.Status)}\">{E(claim.Status)}</span> {E(claim.Category)}: <a href=\"#{Anchors.Claim(document.Id, i)}\">{E(claim.Text)}</a> <a class=\"ref\" href=\"/claims/{Uri.EscapeDataString(document.Id)}/{i}\">cluster</a></li>");
            }

            body.Append("</ol>");
        }

        body.Append("<h2>Quotes</h2>");
        if (document.Quotes.Count == 0) body.Append("<p class=\"ref\">No quotes.</p>");
        else
        {
            body.Append("<ol start=\"0\">");
            for (var i = 0; i < document.Quotes.Count; i++)
            {
                var quote = document.Quotes[i];
                body.Append(CultureInfo.InvariantCulture,
                    $"<li><b>{E(quote.Speaker ?? "unknown speaker")}</b> ({E(quote.Cue)}): <a href=\"#{Anchors.Quote(document.Id, i)}\">{E(ArticleHtml.Quoted(quote.Text))}</a></li>");
            }

            body.Append("</ol>");
        }

        var entities = stored.CanonicalIds.Values.Distinct().ToList();
        if (entities.Count > 0)
        {
            body.Append("<h2>Entities</h2><ul>");
            foreach (var entity in document.DocumentEntities)
            {
                if (stored.CanonicalIds.TryGetValue(entity.Id, out var canonical))
                {
                    body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/entities/{canonical}\">{E(entity.Name)}</a> <span class=\"ref\">{E(entity.Label)}</span></li>");
                }
            }

            body.Append("</ul>");
        }

        return Page(document.Title ?? document.Source, body);
    }

    /// <summary>A claim, its context, the denials that answer it, and the claims of the same category about the same entities elsewhere.</summary>
    private static async Task<ContentHttpResult> ClaimAsync(string documentId, int index, IDossierStore store, CancellationToken cancellationToken)
    {
        if (await store.GetDocumentAsync(documentId, cancellationToken) is not { } stored || index < 0 || index >= stored.Document.Claims.Count)
        {
            return NotFoundPage($"No claim {index} in document {documentId}.");
        }

        var document = stored.Document;
        var claim = document.Claims[index];
        var body = new StringBuilder("<h1>Claim</h1>");
        var (before, span, after) = EntityDossier.Context(document, claim.Start, claim.End, 200);
        body.Append(CultureInfo.InvariantCulture, $"<p><span class=\"status status-{ArticleHtml.CssName(claim.Status)}\">{E(claim.Status)}</span> {E(claim.Category)} · {E(claim.Polarity)}</p>");
        body.Append(CultureInfo.InvariantCulture, $"<blockquote>{E(before)}<mark class=\"claim\">{E(span)}</mark>{E(after)}</blockquote>");
        body.Append(CultureInfo.InvariantCulture,
            $"<p class=\"ref\">In <a href=\"/documents/{Uri.EscapeDataString(document.Id)}#{Anchors.Claim(document.Id, index)}\">{E(document.Title ?? document.Source)}</a> ({E(ReportBuilder.OutletOf(document))}, {E(ArticleHtml.DayOf(document.Published))})");
        if (claim.Source is { } source) body.Append(CultureInfo.InvariantCulture, $" · attributed to {E(source.Text)}");
        body.Append("</p>");

        var answers = document.Claims.Select((c, i) => (Claim: c, Index: i)).Where(c => c.Claim.RespondsTo == index).ToList();
        if (claim.RespondsTo is { } answered && answered >= 0 && answered < document.Claims.Count) answers.Insert(0, (document.Claims[answered], answered));
        body.Append("<h2>Allegations and denials</h2>");
        if (answers.Count == 0) body.Append("<p class=\"ref\">None in this article.</p>");
        else
        {
            body.Append("<ul>");
            foreach (var (other, i) in answers)
            {
                body.Append(CultureInfo.InvariantCulture,
                    $"<li><span class=\"status status-{ArticleHtml.CssName(other.Status)}\">{E(other.Status)}</span> <a href=\"/claims/{Uri.EscapeDataString(document.Id)}/{i}\">{E(other.Text)}</a></li>");
            }

            body.Append("</ul>");
        }

        body.Append("<h2>Same category, same entities, other articles</h2>");
        var subjects = claim.SubjectEntityIds.Where(stored.CanonicalIds.ContainsKey).Select(local => stored.CanonicalIds[local]).Distinct().ToList();
        var related = new List<SearchHit>();
        foreach (var subject in subjects.Take(5))
        {
            var results = await store.SearchAsync(new SearchQuery(null, "claim", subject, claim.Category, Limit: 50), cancellationToken);
            related.AddRange(results.Hits.Where(hit => hit.DocumentId != document.Id));
        }

        if (related.Count == 0) body.Append("<p class=\"ref\">No related claims in other articles.</p>");
        else
        {
            body.Append("<ul>");
            foreach (var hit in related.DistinctBy(h => (h.DocumentId, h.Item)))
            {
                body.Append(CultureInfo.InvariantCulture,
                    $"<li><span class=\"status status-{ArticleHtml.CssName(hit.Status ?? "")}\">{E(hit.Status)}</span> <a href=\"/claims/{Uri.EscapeDataString(hit.DocumentId)}/{hit.Item}\">{E(hit.Snippet)}</a> <span class=\"ref\">{E(hit.Outlet)} · {E(ArticleHtml.DayOf(hit.Published))}</span></li>");
            }

            body.Append("</ul>");
        }

        return Page("Claim", body);
    }

    private static async Task<ContentHttpResult> HitsAsync(long? entity, string? message, IDossierStore store, CancellationToken cancellationToken)
    {
        var hits = await store.GetWatchlistHitsAsync(entity, cancellationToken);
        var body = new StringBuilder("<h1>List hits</h1>");
        if (message is { Length: > 0 }) body.Append(CultureInfo.InvariantCulture, $"<p class=\"error\">{E(message)}</p>");
        if (hits.Count == 0) body.Append("<p class=\"ref\">No list hits to review.</p>");
        foreach (var hit in hits)
        {
            var name = hit.EntityName;
            var list = hit.Hit;
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"hit\" id=\"hit-{hit.Id}\"><p><a href=\"/entities/{hit.EntityId}\">{E(name)}</a> ↔ <b>{E(list.Name)}</b> on {E(list.List)}");
            body.Append(CultureInfo.InvariantCulture, $" (score {list.Score:0.00}{(list.Program is { } program ? ", " + E(program) : "")}{(list.ListedOn is { } listed ? ", listed " + E(listed) : "")})</p>");
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"ref\">{E(list.Explanation)}</p><p>Decision: <span class=\"decision\">{E(list.Decision)}</span>{(hit.DecidedAt is { } at ? " <span class=\"ref\">" + E(at) + "</span>" : "")}{(hit.Note is { Length: > 0 } note ? " <span class=\"note\">" + E(note) + "</span>" : "")}</p>");
            body.Append(CultureInfo.InvariantCulture, $"<form class=\"inline\" method=\"post\" action=\"/hits/{hit.Id}\"><input type=\"password\" name=\"{ApiKeyGuard.FormField}\" placeholder=\"API key\" autocomplete=\"off\" required> ");
            body.Append(CultureInfo.InvariantCulture, $"<input type=\"text\" name=\"note\" placeholder=\"Note\" maxlength=\"500\"> <button type=\"submit\" name=\"decision\" value=\"{HitDecisions.Confirmed}\">Accept</button> <button type=\"submit\" name=\"decision\" value=\"{HitDecisions.FalsePositive}\">Dismiss</button></form></div>");
        }

        return Page("List hits", body);
    }

    private static async Task<IResult> DecideHitAsync(long id, HttpRequest request, ApiKeyGuard guard, IDossierStore store, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return Page("List hits", new StringBuilder("<h1>Bad request</h1><p>Send the form.</p>"), 400);
        var form = await request.ReadFormAsync(cancellationToken);
        if (!guard.Matches(form[ApiKeyGuard.FormField].ToString()))
        {
            return Page("List hits", new StringBuilder("<h1>Not allowed</h1><p>The API key is missing or wrong. <a href=\"/hits\">Back to the list hits</a></p>"), 401);
        }

        if (HitDecisions.Parse(form["decision"].ToString()) is not { } decision) return Page("List hits", new StringBuilder("<h1>Bad request</h1><p>Unknown decision.</p>"), 400);
        var note = form["note"].ToString() is { Length: > 0 } text ? text[..Math.Min(text.Length, 500)] : null;
        if (await store.DecideHitAsync(id, decision, note, cancellationToken) is null) return NotFoundPage($"No list hit {id}.");
        return Results.Redirect($"/hits#hit-{id}", permanent: false, preserveMethod: false);
    }

    private static StringBuilder IngestForm(IngestResult? result)
    {
        var body = new StringBuilder("<h1>Ingest articles</h1>");
        if (result is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"result\">Added {result.Added.Count}, already stored {result.AlreadyStored.Count}, failed {result.Failed.Count}.</p><ul>");
            foreach (var id in result.Added.Concat(result.AlreadyStored))
            {
                body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/documents/{Uri.EscapeDataString(id)}\">{E(Anchors.Short(id))}</a></li>");
            }

            foreach (var failure in result.Failed) body.Append(CultureInfo.InvariantCulture, $"<li>{E(failure.Source)}: {E(failure.Reason)}</li>");
            body.Append("</ul>");
        }

        body.Append("<form method=\"post\" action=\"/ingest\" enctype=\"multipart/form-data\">");
        body.Append("<p><label>Files (text or HTML) <input type=\"file\" name=\"files\" multiple></label></p>");
        body.Append("<p><label>Or paste an article<br><textarea name=\"text\" rows=\"8\" cols=\"80\"></textarea></label></p>");
        body.Append(CultureInfo.InvariantCulture,
            $"<p><label>Or give URLs of pages or feeds, one a line (at most {WebIngestion.MaxUrls}; fetched politely, honouring robots.txt)<br><textarea name=\"urls\" rows=\"3\" cols=\"80\"></textarea></label></p>");
        body.Append(CultureInfo.InvariantCulture, $"<p><label>API key <input type=\"password\" name=\"{ApiKeyGuard.FormField}\" autocomplete=\"off\" required></label> <button type=\"submit\">Ingest</button></p></form>");
        return body;
    }

    private static async Task<IResult> IngestAsync(HttpRequest request, ApiKeyGuard guard, DossierWebOptions options, WebIngestion ingestion, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return Page("Ingest", IngestForm(null), 400);
        if (request.ContentLength > options.MaxIngestBytes) return Page("Ingest", new StringBuilder("<h1>Too large</h1><p>The upload is too large.</p>"), 413);
        var (form, refusal) = await ReadAuthorisedFormAsync(request, guard, "/ingest", cancellationToken);
        if (refusal is not null) return refusal;

        var inputs = new List<InputItem>();
        foreach (var file in form!.Files.Take(WebIngestion.MaxArticles))
        {
            if (file.Length == 0 || file.Length > options.MaxIngestBytes) continue;
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            var name = Path.GetFileName(file.FileName);
            inputs.Add(InputItem.Of(RawInput.FromBytes("upload:" + name, bytes, WebIngestion.FormatOf(name, bytes))));
        }

        if (form["text"].ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
        {
            inputs.Add(WebIngestion.FromArticle(new IngestArticle("pasted", text, null, null, null, null), 0));
        }

        var urls = form["urls"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length > WebIngestion.MaxUrls)
        {
            return Page("Ingest", IngestForm(null).Insert(0, $"<p class=\"error\">At most {WebIngestion.MaxUrls} URLs at a time.</p>"), 400);
        }

        inputs.AddRange(await ingestion.FetchAsync(urls, cancellationToken));
        if (inputs.Count == 0) return Page("Ingest", IngestForm(null).Insert(0, "<p class=\"error\">Nothing to ingest: choose files, paste text or give URLs.</p>"), 400);
        return Page("Ingest", IngestForm(await ingestion.IngestAsync(inputs, cancellationToken)));
    }

    private static string Select(string name, string? selected, IEnumerable<string> values)
    {
        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $" <select name=\"{name}\">");
        foreach (var value in values)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(value)}\"{(value == (selected ?? "") ? " selected" : "")}>{(value.Length == 0 ? "any " + name : E(value))}</option>");
        }

        return html.Append("</select>").ToString();
    }

    private static string E(string? value) => ArticleHtml.Encode(value);
}
