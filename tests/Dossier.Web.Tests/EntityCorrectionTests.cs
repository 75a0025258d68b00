using System.Net;
using System.Text.Json;

namespace Dossier.Web.Tests;

/// <summary>Merging and splitting canonical entities over the API and from the dossier page's forms.</summary>
public sealed class EntityCorrectionTests : IAsyncLifetime
{
    private WebServer _server = null!;
    private long _alibaba;
    private long _financialTimes;

    public async Task InitializeAsync()
    {
        _server = await WebServer.StartAsync(store => SampleDossiers.SeedAsync(store));
        _alibaba = await IdOfAsync(SampleDossiers.Alibaba);
        _financialTimes = await IdOfAsync("Financial Times");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Merge_and_split_need_the_api_key()
    {
        await Api.AssertProblemAsync(await Send($"/api/entities/{_financialTimes}/merge", $$"""{"into":{{_alibaba}},"reason":"same"}""", null), HttpStatusCode.Unauthorized);
        await Api.AssertProblemAsync(await Send($"/api/entities/{_alibaba}/split", """{"alias":"Alibaba","reason":"x"}""", "wrong-key"), HttpStatusCode.Unauthorized);
        Assert.Empty(await _server.Links.GetDecisionsAsync(null, CancellationToken.None));
    }

    [Theory]
    [InlineData("/api/entities/999999/merge", """{"into":ALIBABA,"reason":"r"}""", HttpStatusCode.NotFound, "No entity 999999")]
    [InlineData("/api/entities/ALIBABA/merge", """{"into":999999,"reason":"r"}""", HttpStatusCode.NotFound, "No entity 999999")]
    [InlineData("/api/entities/999999/split", """{"alias":"Alibaba","reason":"r"}""", HttpStatusCode.NotFound, "No entity 999999")]
    [InlineData("/api/entities/ALIBABA/split", """{"alias":"Nobody Ltd","reason":"r"}""", HttpStatusCode.NotFound, "no alias")]
    [InlineData("/api/entities/ALIBABA/merge", """{"into":ALIBABA,"reason":"r"}""", HttpStatusCode.BadRequest, "itself")]
    [InlineData("/api/entities/ALIBABA/merge", """{"into":"ALIBABA","reason":"r"}""", HttpStatusCode.BadRequest, "$.into")]
    [InlineData("/api/entities/ALIBABA/merge", """{"into":1.5,"reason":"r"}""", HttpStatusCode.BadRequest, "$.into")]
    [InlineData("/api/entities/ALIBABA/merge", """{"into":FT}""", HttpStatusCode.BadRequest, "reason is required")]
    [InlineData("/api/entities/ALIBABA/merge", """{"reason":"r"}""", HttpStatusCode.BadRequest, "into is required")]
    [InlineData("/api/entities/ALIBABA/split", """{"alias":["Alibaba"],"reason":"r"}""", HttpStatusCode.BadRequest, "$.alias")]
    [InlineData("/api/entities/ALIBABA/split", """{"alias":"Alibaba","reason":""" + "\"r\"", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("/api/entities/ALIBABA/split", """{"reason":"r"}""", HttpStatusCode.BadRequest, "alias is required")]
    public async Task Bad_ids_and_bodies_are_problems(string path, string body, HttpStatusCode status, string detail)
    {
        string Fill(string value) => value.Replace("ALIBABA", _alibaba.ToString(), StringComparison.Ordinal).Replace("FT", _financialTimes.ToString(), StringComparison.Ordinal);
        var problem = await Api.AssertProblemAsync(await Send(Fill(path), Fill(body), WebServer.Key), status);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
        Assert.Empty(await _server.Links.GetDecisionsAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Huge_reason_is_refused()
    {
        var huge = new string('r', 100_000);
        await Api.AssertProblemAsync(await Send($"/api/entities/{_financialTimes}/merge", $$"""{"into":{{_alibaba}},"reason":"{{huge}}"}""", WebServer.Key),
            HttpStatusCode.RequestEntityTooLarge);
        var problem = await Api.AssertProblemAsync(
            await Send($"/api/entities/{_financialTimes}/merge", $$"""{"into":{{_alibaba}},"reason":"{{huge[..5000]}}"}""", WebServer.Key), HttpStatusCode.BadRequest);
        Assert.Contains("reason may be at most", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_merge_is_remembered_for_later_ingests_and_a_split_undoes_it()
    {
        var merged = await Send($"/api/entities/{_financialTimes}/merge", $$"""{"into":{{_alibaba}},"reason":"test: one outlet"}""", WebServer.Key);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        using (var decision = JsonDocument.Parse(await merged.Content.ReadAsStringAsync()))
        {
            Assert.Equal("merge", decision.RootElement.GetProperty("kind").GetString());
            Assert.Equal(_alibaba, decision.RootElement.GetProperty("other_id").GetInt64());
            Assert.Equal("test: one outlet", decision.RootElement.GetProperty("reason").GetString());
        }

        Assert.Contains("Financial Times", (await _server.Store.GetEntityAsync(_alibaba, CancellationToken.None))!.Aliases);

        // A later article naming the merged entity is filed under the entity it was merged into.
        var ingest = await Send("/api/ingest",
            """{"articles":[{"text":"The Financial Times reported on Tuesday that regulators in London fined three banks.\n\nThe Financial Times said the fines were the largest this year.","title":"Later"}]}""",
            WebServer.Key);
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        using (var result = JsonDocument.Parse(await ingest.Content.ReadAsStringAsync()))
        {
            var id = result.RootElement.GetProperty("added")[0].GetString()!;
            var stored = (await _server.Store.GetDocumentAsync(id, CancellationToken.None))!;
            var ft = Assert.Single(stored.Document.DocumentEntities, e => e.Name.EndsWith("Financial Times", StringComparison.Ordinal));
            Assert.Equal(_alibaba, stored.CanonicalIds[ft.Id]);
        }

        // The dossier page explains the alias and offers the split.
        var page = await _server.Client.GetStringAsync($"/entities/{_alibaba}");
        Assert.Contains("id=\"names\"", page);
        Assert.Contains("test: one outlet", page);
        Assert.Contains($"action=\"/entities/{_alibaba}/split\"", page);

        var split = await Send($"/api/entities/{_alibaba}/split", """{"alias":"Financial Times","reason":"test: not the same"}""", WebServer.Key);
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        using var splitDecision = JsonDocument.Parse(await split.Content.ReadAsStringAsync());
        var newId = splitDecision.RootElement.GetProperty("other_id").GetInt64();
        Assert.Equal("Financial Times", (await _server.Store.GetEntityAsync(newId, CancellationToken.None))!.Name);
        Assert.DoesNotContain("Financial Times", (await _server.Store.GetEntityAsync(_alibaba, CancellationToken.None))!.Aliases);
        Assert.Equal(2, (await _server.Links.GetDecisionsAsync(_alibaba, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_dossier_page_forms_merge_with_the_key_and_refuse_without_it()
    {
        using var noKey = new FormUrlEncodedContent(new Dictionary<string, string> { ["into"] = _alibaba.ToString(), ["reason"] = "same", ["api_key"] = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.PostAsync($"/entities/{_financialTimes}/merge", noKey)).StatusCode);
        using var missing = new FormUrlEncodedContent(new Dictionary<string, string> { ["into"] = "999999", ["reason"] = "same", ["api_key"] = WebServer.Key });
        var notFound = await _server.Client.PostAsync($"/entities/{_financialTimes}/merge", missing);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("No entity 999999", await notFound.Content.ReadAsStringAsync());

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["into"] = _alibaba.ToString(), ["reason"] = "same <b>outlet</b>", ["api_key"] = WebServer.Key });
        var response = await _server.Client.PostAsync($"/entities/{_financialTimes}/merge", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith($"/entities/{_alibaba}", response.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("same &lt;b&gt;outlet&lt;/b&gt;", page);
        Assert.Single(await _server.Links.GetDecisionsAsync(null, CancellationToken.None));
    }

    private async Task<long> IdOfAsync(string name) => Assert.Single(await _server.Store.FindEntitiesAsync(name, CancellationToken.None)).Id;

    private Task<HttpResponseMessage> Send(string path, string json, string? key) => _server.Client.SendAsync(Api.Post(path, json, key));
}
