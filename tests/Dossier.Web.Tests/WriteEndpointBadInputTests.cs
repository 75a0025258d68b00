using System.Net;
using System.Text;

namespace Dossier.Web.Tests;

/// <summary>Every write endpoint answers malformed JSON, wrong types, wrong media types and huge bodies with a 4xx problem document.</summary>
public sealed class WriteEndpointBadInputTests : IAsyncLifetime
{
    private const long MaxIngestBytes = 100_000;

    public static TheoryData<string> Endpoints => ["/api/screen", "/api/ingest", "/api/hits/1/decision", "/api/entities/1/merge", "/api/entities/1/split"];

    private WebServer _server = null!;

    public async Task InitializeAsync() => _server = await WebServer.StartAsync(store => SampleDossiers.SeedAsync(store), maxIngestBytes: MaxIngestBytes);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Malformed_json_is_a_400_problem(string path)
    {
        foreach (var body in new[] { "{", "{\"a\":}", "[1,2", "nul", "{\"name\":\"x\",}" })
        {
            var problem = await Api.AssertProblemAsync(await Send(path, body), HttpStatusCode.BadRequest);
            Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
        }
    }

    [Theory]
    [InlineData("/api/screen", """{"name":5}""", "$.name")]
    [InlineData("/api/screen", """{"name":"x","country":["cn"]}""", "$.country")]
    [InlineData("/api/ingest", """{"articles":"text"}""", "$.articles")]
    [InlineData("/api/ingest", """{"articles":[{"text":1}]}""", "$.articles[0].text")]
    [InlineData("/api/ingest", """{"articles":[{"text":"t","published":"yesterday"}]}""", "$.articles[0].published")]
    [InlineData("/api/ingest", """{"urls":{"a":1}}""", "$.urls")]
    [InlineData("/api/hits/1/decision", """{"decision":true}""", "$.decision")]
    [InlineData("/api/entities/1/merge", """{"into":"2","reason":"r"}""", "$.into")]
    [InlineData("/api/entities/1/merge", """{"into":99999999999999999999,"reason":"r"}""", "$.into")]
    [InlineData("/api/entities/1/split", """{"alias":{"name":"x"},"reason":"r"}""", "$.alias")]
    [InlineData("/api/entities/1/split", """{"alias":"x","reason":7}""", "$.reason")]
    public async Task Wrong_types_are_a_400_problem_naming_the_field(string path, string body, string field)
    {
        var problem = await Api.AssertProblemAsync(await Send(path, body), HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Non_objects_and_empty_bodies_are_400_problems(string path)
    {
        foreach (var body in new[] { "", "null", "[]", "\"text\"", "42" })
        {
            await Api.AssertProblemAsync(await Send(path, body), HttpStatusCode.BadRequest);
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Other_media_types_are_a_415_problem(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Api-Key", WebServer.Key);
        await Api.AssertProblemAsync(await _server.Client.SendAsync(request), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Huge_bodies_are_a_413_problem(string path)
    {
        var huge = "{\"name\":\"" + new string('a', (int)MaxIngestBytes * 3) + "\"}";
        using var request = Api.Post(path, huge, WebServer.Key);
        // The server answers from the declared length alone; waiting for that answer keeps the client from writing into a closed connection.
        request.Headers.ExpectContinue = true;
        await Api.AssertProblemAsync(await _server.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    private Task<HttpResponseMessage> Send(string path, string json) => _server.Client.SendAsync(Api.Post(path, json, WebServer.Key));
}
