using Dossier.Screening;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Dossier.Analysis;
using Dossier.Ingestion.Web;
using Dossier.Linking;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;

namespace Dossier.Web;

/// <summary>Builds the web app: pages, the JSON API under /api and its OpenAPI document at /openapi.json.</summary>
public static class DossierWebApp
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The app over open stores, not yet started. The caller owns the stores and disposes them after the app stops.</summary>
    /// <param name="links">Where analysts' entity merges and splits go, and where their explanations come from.</param>
    /// <param name="screener">The imported lists to screen against; null when none are imported.</param>
    public static WebApplication Create(IDossierStore store, ILinkStore links, DossierWebOptions options, WatchlistScreener? screener = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DossierWebApp).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxIngestBytes + 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRoutingCore();
        builder.Services.AddProblemDetails();
        builder.Services.PostConfigure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = options.MaxIngestBytes;
            o.ValueCountLimit = 256;
        });
        builder.Services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Dossier API", Version = "1", Description = "Dossiers, articles, claims and search." };
            // The server list would name the address the document was fetched from; the baseline must not depend on it.
            document.Servers = [];
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(links);
        // Created by the container, so disposed with the app.
        builder.Services.AddSingleton(_ => new PoliteFetcher(new FetchOptions { AllowPrivateAddresses = options.AllowPrivateAddresses }));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ScreeningLists(screener));
        builder.Services.AddSingleton(new ApiKeyGuard(options.ApiKey));
        builder.Services.AddSingleton(DossierPipeline.CreateDefault());
        builder.Services.AddSingleton<WebIngestion>();
        builder.Services.AddSingleton<CrossArticleLinkCache>();

        var app = builder.Build();
        app.Use(SecurityAsync);
        app.UseRouting();
        app.MapOpenApi("/openapi.json");
        ApiEndpoints.Map(app);
        Pages.Map(app);
        return app;
    }

    /// <summary>Headers on every answer, reads refused to other hosts without the key, and bad requests answered as problem documents.</summary>
    private static async Task SecurityAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";

        var guard = context.RequestServices.GetRequiredService<ApiKeyGuard>();
        if (!guard.MayRead(context))
        {
            await Problems.Unauthorized(guard).ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
            if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentType: null } response && context.Request.Path.StartsWithSegments("/api"))
            {
                // Routing answers some requests itself (an unsupported media type, a method not allowed) with an empty body.
                await Problems.Of(response.StatusCode, ReasonPhrases.GetReasonPhrase(response.StatusCode), DetailFor(response.StatusCode)).ExecuteAsync(context);
            }
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            // Wrong types in the query or route, bodies over Kestrel's limit: the client's fault, said as such.
            context.Response.Clear();
            await Problems.Of(error.StatusCode, error.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Body too large" : "Bad request", error.Message).ExecuteAsync(context);
        }
    }

    private static string DetailFor(int status) => status switch
    {
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        StatusCodes.Status405MethodNotAllowed => "This path does not take that method.",
        StatusCodes.Status404NotFound => "There is nothing at this path.",
        _ => "The request was refused.",
    };

    /// <summary>The API's JSON: snake_case like the rest of the contract, with markup characters escaped.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
    }
}
