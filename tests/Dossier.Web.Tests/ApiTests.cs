using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dossier.Analysis;
using Dossier.Tests;

namespace Dossier.Web.Tests;

public sealed class ApiTests : IAsyncLifetime
{
    private WebServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await WebServer.StartAsync(store => SampleDossiers.SeedAsync(store));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Search_ranks_matches_in_articles_quotes_and_claims()
    {
        using var json = await GetJsonAsync("/api/search?q=innuendos");
        var hits = json.RootElement.GetProperty("hits");
        Assert.Equal(["article", "claim", "quote"], hits.EnumerateArray().Select(h => h.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
        var highlight = hits[0].GetProperty("highlights")[0];
        Assert.Equal("innuendos", highlight.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Search_filters_by_status_and_date()
    {
        using var denied = await GetJsonAsync("/api/search?kind=claim&status=denied");
        Assert.Equal("The assertions and innuendos in the article are completely false", Assert.Single(denied.RootElement.GetProperty("hits").EnumerateArray()).GetProperty("snippet").GetString());
        using var before2021 = await GetJsonAsync("/api/claims?to=2020-12");
        Assert.Equal("sanctions_trade", Assert.Single(before2021.RootElement.GetProperty("hits").EnumerateArray()).GetProperty("category").GetString());
        using var none = await GetJsonAsync("/api/search?q=%22%20OR%20*%20NEAR(");
        Assert.Equal(0, none.RootElement.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public async Task Entities_documents_and_dossier_are_served_as_json()
    {
        using var entities = await GetJsonAsync("/api/entities");
        var alibaba = entities.RootElement.EnumerateArray().First();
        Assert.Equal("Alibaba", alibaba.GetProperty("name").GetString());
        var id = alibaba.GetProperty("id").GetInt64();

        using var dossier = await GetJsonAsync($"/api/entities/{id}");
        Assert.Equal(3, dossier.RootElement.GetProperty("document_count").GetInt32());
        var documentId = dossier.RootElement.GetProperty("articles")[0].GetProperty("id").GetString();

        using var document = await GetJsonAsync($"/api/documents/{documentId}");
        Assert.Contains(document.RootElement.GetProperty("entities").EnumerateArray(), m => m.GetProperty("canonical_id").GetInt64() == id);
    }

    [Fact]
    public async Task Missing_things_are_404_problem_documents()
    {
        foreach (var path in new[] { "/api/entities/999999", "/api/documents/nope" })
        {
            var response = await Client.GetAsync(path);
            await Api.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Writes_need_the_api_key()
    {
        var body = JsonContent.Create(new { decision = "dismissed" });
        await Api.AssertProblemAsync(await Client.PostAsync("/api/hits/1/decision", body), HttpStatusCode.Unauthorized);

        using var wrong = Api.Post("/api/hits/1/decision", """{"decision":"dismissed"}""", "not-the-key");
        await Api.AssertProblemAsync(await Client.SendAsync(wrong), HttpStatusCode.Unauthorized);

        using var right = Api.Post("/api/hits/1/decision", """{"decision":"dismissed"}""", WebServer.Key);
        var response = await Client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = await _server.Store.GetWatchlistHitsAsync(null, CancellationToken.None);
        Assert.Equal(HitDecisions.FalsePositive, Assert.Single(hits).Hit.Decision);
    }

    [Fact]
    public async Task Writes_are_refused_when_the_server_has_no_key()
    {
        await using var server = await WebServer.StartAsync(apiKey: null);
        using var request = Api.Post("/api/ingest", """{"articles":[{"text":"Some text."}]}""", "anything");
        await Api.AssertProblemAsync(await server.Client.SendAsync(request), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("{\"decision\": ", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("{\"decision\": 5}", HttpStatusCode.BadRequest, "$.decision")]
    [InlineData("[1,2,3]", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("null", HttpStatusCode.BadRequest, "null")]
    [InlineData("", HttpStatusCode.BadRequest, "no body")]
    [InlineData("{\"decision\": \"maybe\"}", HttpStatusCode.BadRequest, "decision must be one of")]
    public async Task Bad_bodies_are_answered_with_a_clear_problem(string body, HttpStatusCode status, string detail)
    {
        using var request = Api.Post("/api/hits/1/decision", body, WebServer.Key);
        var problem = await Api.AssertProblemAsync(await Client.SendAsync(request), status);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_media_type_and_wrong_query_types_are_problems()
    {
        using var text = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = new StringContent("hello", Encoding.UTF8, "text/plain") };
        text.Headers.Add("X-Api-Key", WebServer.Key);
        await Api.AssertProblemAsync(await Client.SendAsync(text), HttpStatusCode.UnsupportedMediaType);
        var problem = await Api.AssertProblemAsync(await Client.GetAsync("/api/search?q=x&limit=abc"), HttpStatusCode.BadRequest);
        Assert.Contains("limit", problem.GetProperty("detail").GetString());
        await Api.AssertProblemAsync(await Client.GetAsync("/api/search?q=x&limit=100000"), HttpStatusCode.BadRequest);
        await Api.AssertProblemAsync(await Client.GetAsync("/api/search?from=yesterday"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Huge_bodies_are_refused_with_413()
    {
        await using var server = await WebServer.StartAsync(maxIngestBytes: 100_000);
        var huge = "{\"articles\":[{\"text\":\"" + new string('a', 300_000) + "\"}]}";
        using var declared = Api.Post("/api/ingest", huge, WebServer.Key);
        // The server answers from the declared length alone; waiting for that answer keeps the client from writing into a closed connection.
        declared.Headers.ExpectContinue = true;
        await Api.AssertProblemAsync(await server.Client.SendAsync(declared), HttpStatusCode.RequestEntityTooLarge);

        // Without a declared length (chunked), the limit holds while reading.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/hits/1/decision")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"decision\":\"" + new string('x', 200_000) + "\"}"))),
        };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Headers.Add("X-Api-Key", WebServer.Key);
        await Api.AssertProblemAsync(await server.Client.SendAsync(chunked), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Ingest_analyses_and_stores_then_search_finds_the_article()
    {
        using var request = Api.Post("/api/ingest", """{"articles":[{"text":"Zyxwvut Holdings was fined by the regulator on Monday.","title":"A fine","url":"https://news.example/fine"}]}""", WebServer.Key);
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, result.RootElement.GetProperty("added").GetArrayLength());
        using var search = await GetJsonAsync("/api/search?q=zyxwvut");
        Assert.Equal("A fine", search.RootElement.GetProperty("hits")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Screening_without_lists_says_so()
    {
        using var request = Api.Post("/api/screen", """{"name":"Alibaba"}""", WebServer.Key);
        await Api.AssertProblemAsync(await Client.SendAsync(request), HttpStatusCode.NotImplemented);
    }

    [Fact]
    public async Task Screening_answers_candidates_with_explanations_from_the_imported_lists()
    {
        var entries = new[]
        {
            new Dossier.Screening.WatchlistEntry("1260h-alibaba", "DoD 1260H", "Alibaba Group Holding Limited", ["Alibaba"], Dossier.Screening.EntryKind.Organization,
                ["cn"], [], "1260H", "2026-01-07"),
            new Dossier.Screening.WatchlistEntry("fcc-hikvision", "FCC Covered List", "Hangzhou Hikvision Digital Technology Co., Ltd.", [], Dossier.Screening.EntryKind.Organization,
                ["cn"], [], "Covered List", "2021-03-12"),
        };
        await using var server = await WebServer.StartAsync(screener: new Dossier.Screening.WatchlistScreener(entries));
        using var request = Api.Post("/api/screen", """{"name":"Alibaba Group Holding","type":"org"}""", WebServer.Key);
        request.RequestUri = new Uri(server.Address, "/api/screen");
        var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var best = result.RootElement.GetProperty("candidates")[0];
        Assert.Equal("1260h-alibaba", best.GetProperty("list_entry_id").GetString());
        Assert.True(best.GetProperty("match").GetBoolean());
        Assert.False(string.IsNullOrEmpty(best.GetProperty("explanation").GetString()));

        using var wrongType = Api.Post("/api/screen", """{"name":"Alibaba","type":"ship"}""", WebServer.Key);
        wrongType.RequestUri = new Uri(server.Address, "/api/screen");
        await Api.AssertProblemAsync(await server.Client.SendAsync(wrongType), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Pages_forbid_scripts_and_framing()
    {
        var response = await Client.GetAsync("/search?q=alibaba");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("script-src", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task OpenApi_document_matches_the_committed_baseline()
    {
        var baselinePath = Path.Combine(RepoPaths.Root, "docs", "openapi.json");
        var served = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        Assert.Equal("Dossier API", served["info"]!["title"]!.GetValue<string>());
        foreach (var path in new[] { "/api/search", "/api/entities", "/api/entities/{id}", "/api/documents/{id}", "/api/claims", "/api/screen", "/api/ingest", "/api/hits/{id}/decision" })
        {
            Assert.True(served["paths"]![path] is not null, $"{path} is missing from the OpenAPI document");
        }

        if (Environment.GetEnvironmentVariable("DOSSIER_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(baselinePath, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var baseline = JsonNode.Parse(await File.ReadAllTextAsync(baselinePath));
        Assert.True(JsonNode.DeepEquals(baseline, served),
            "The API changed: /openapi.json differs from docs/openapi.json. If the change is intended, rerun with DOSSIER_UPDATE_OPENAPI=1 and commit the baseline.");
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
