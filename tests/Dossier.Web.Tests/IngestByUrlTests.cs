using System.Net;
using System.Text.Json;
using Dossier.Tests.Ingestion;

namespace Dossier.Web.Tests;

/// <summary>Ingestion of pages the server fetches itself, from a local HTTP server on 127.0.0.1.</summary>
public sealed class IngestByUrlTests
{
    private const string Article =
        "<html><head><title>Qorvanth fined</title></head><body><article><h1>Qorvanth Shipping fined over sanctions breaches</h1>" +
        "<p>Qorvanth Shipping was fined by the regulator on Monday for breaching export sanctions, officials said.</p>" +
        "<p>The company said it would appeal the decision and denied any wrongdoing in a statement.</p></article></body></html>";

    [Fact]
    public async Task The_api_fetches_a_page_on_loopback_when_private_addresses_are_allowed()
    {
        await using var site = new LocalHttpServer().OnText("/news/qorvanth", Article);
        await using var server = await WebServer.StartAsync(allowPrivateAddresses: true);
        var response = await server.Client.SendAsync(Api.Post("/api/ingest", $$"""{"urls":["{{site.Url("/news/qorvanth")}}"]}""", WebServer.Key));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var result = JsonDocument.Parse(body);
        Assert.Equal(1, result.RootElement.GetProperty("added").GetArrayLength());
        Assert.Equal(0, result.RootElement.GetProperty("failed").GetArrayLength());

        var search = await server.Store.SearchAsync(new Dossier.Analysis.SearchQuery("qorvanth", "article"), CancellationToken.None);
        Assert.Equal(site.Url("/news/qorvanth"), (await server.Store.GetDocumentAsync(Assert.Single(search.Hits).DocumentId, CancellationToken.None))!.Document.Url);
    }

    [Fact]
    public async Task A_private_address_is_refused_when_not_allowed()
    {
        await using var site = new LocalHttpServer().OnText("/news/qorvanth", Article);
        await using var server = await WebServer.StartAsync();
        var response = await server.Client.SendAsync(Api.Post("/api/ingest", $$"""{"urls":["{{site.Url("/news/qorvanth")}}"]}""", WebServer.Key));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, result.RootElement.GetProperty("added").GetArrayLength());
        var failure = Assert.Single(result.RootElement.GetProperty("failed").EnumerateArray());
        Assert.Contains("private", failure.GetProperty("reason").GetString());
        Assert.Equal(0, site.Requests);
    }

    [Fact]
    public async Task The_upload_page_takes_urls()
    {
        await using var site = new LocalHttpServer().OnText("/news/qorvanth", Article);
        await using var server = await WebServer.StartAsync(allowPrivateAddresses: true);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(site.Url("/news/qorvanth") + "\nnot-a-url\n"), "urls" },
            { new StringContent(WebServer.Key), ApiKeyGuard.FormField },
        };
        var response = await server.Client.PostAsync("/ingest", form);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Added 1, already stored 0, failed 1.", page);
        Assert.Contains("not-a-url: not an http or https URL", page);
    }

    [Theory]
    [InlineData("""{"urls":["file:///etc/passwd"]}""", "urls[0]: not an http or https URL")]
    [InlineData("""{"urls":["/etc/passwd"]}""", "urls[0]: not an http or https URL")]
    [InlineData("""{"urls":[null]}""", "urls[0]: null is not a URL")]
    [InlineData("""{"urls":[5]}""", "$.urls[0]")]
    [InlineData("""{"urls":"http://example.com/"}""", "$.urls")]
    [InlineData("""{"urls":[]}""", "at least one")]
    public async Task Bad_urls_are_problems(string body, string detail)
    {
        await using var server = await WebServer.StartAsync();
        var problem = await Api.AssertProblemAsync(await server.Client.SendAsync(Api.Post("/api/ingest", body, WebServer.Key)), HttpStatusCode.BadRequest);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Too_many_urls_are_a_problem()
    {
        await using var server = await WebServer.StartAsync();
        var urls = string.Join(",", Enumerable.Range(0, WebIngestion.MaxUrls + 1).Select(i => $"\"https://example.com/{i}\""));
        var problem = await Api.AssertProblemAsync(await server.Client.SendAsync(Api.Post("/api/ingest", $$"""{"urls":[{{urls}}]}""", WebServer.Key)), HttpStatusCode.BadRequest);
        Assert.Contains($"At most {WebIngestion.MaxUrls} URLs", problem.GetProperty("detail").GetString());
    }
}
