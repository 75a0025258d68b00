using System.Text;
using Dossier.Ingestion;
using Dossier.Ingestion.Web;

namespace Dossier.Tests.Ingestion;

public sealed class PoliteFetcherTests
{
    private static readonly FetchOptions Loopback = new()
    {
        AllowPrivateAddresses = true,
        PerHostInterval = TimeSpan.Zero,
        Timeout = TimeSpan.FromSeconds(2),
        MaxBytes = 64 * 1024,
    };

    private const string Article = "<html><head><title>Alibaba Denies Report</title></head><body><article><p>Alibaba denied the report.</p></article></body></html>";

    [Fact]
    public async Task FetchesAPage()
    {
        await using var server = new LocalHttpServer().OnText("/a", Article);
        using var fetcher = new PoliteFetcher(Loopback);
        var result = await fetcher.FetchAsync(new Uri(server.Url("/a")), CancellationToken.None);
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal("utf-8", result.Charset);
        Assert.Contains("Alibaba denied", Encoding.UTF8.GetString(result.Body.Span));
    }

    [Fact]
    public async Task RefusesLoopbackUnlessAllowed()
    {
        await using var server = new LocalHttpServer().OnText("/a", Article);
        using var fetcher = new PoliteFetcher(Loopback with { AllowPrivateAddresses = false });
        var result = await fetcher.FetchAsync(new Uri(server.Url("/a")), CancellationToken.None);
        Assert.Contains("refused to connect", result.Failure);
        Assert.Equal(0, server.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    public void KnowsWhichAddressesArePublic(string address, bool isPublic) =>
        Assert.Equal(isPublic, AddressPolicy.IsPublic(System.Net.IPAddress.Parse(address)));

    [Fact]
    public async Task HonoursRobotsTxt()
    {
        await using var server = new LocalHttpServer()
            .OnText("/robots.txt", "User-agent: *\nDisallow: /private/\nAllow: /private/ok\n", "text/plain")
            .OnText("/private/secret", Article)
            .OnText("/private/ok", Article);
        using var fetcher = new PoliteFetcher(Loopback);
        var refused = await fetcher.FetchAsync(new Uri(server.Url("/private/secret")), CancellationToken.None);
        var allowed = await fetcher.FetchAsync(new Uri(server.Url("/private/ok")), CancellationToken.None);
        Assert.Contains("robots.txt", refused.Failure);
        Assert.True(allowed.Succeeded, allowed.Failure);
    }

    [Fact]
    public async Task StopsARedirectLoop()
    {
        await using var server = new LocalHttpServer()
            .On("/loop", (context, _) =>
            {
                context.Response.StatusCode = 302;
                context.Response.RedirectLocation = "/loop";
                return Task.CompletedTask;
            });
        using var fetcher = new PoliteFetcher(Loopback);
        var result = await fetcher.FetchAsync(new Uri(server.Url("/loop")), CancellationToken.None);
        Assert.Contains("redirects", result.Failure);
    }

    [Fact]
    public async Task FollowsARedirect()
    {
        await using var server = new LocalHttpServer()
            .On("/old", (context, _) =>
            {
                context.Response.StatusCode = 301;
                context.Response.RedirectLocation = "/new";
                return Task.CompletedTask;
            })
            .OnText("/new", Article);
        using var fetcher = new PoliteFetcher(Loopback);
        var result = await fetcher.FetchAsync(new Uri(server.Url("/old")), CancellationToken.None);
        Assert.True(result.Succeeded, result.Failure);
        Assert.EndsWith("/new", result.Final!.AbsolutePath);
    }

    [Fact]
    public async Task CutsOffAnEndlessBody()
    {
        await using var server = new LocalHttpServer().On("/endless", async (context, cancellationToken) =>
        {
            context.Response.SendChunked = true;
            var chunk = new byte[8192];
            while (!cancellationToken.IsCancellationRequested) await context.Response.OutputStream.WriteAsync(chunk, cancellationToken);
        });
        using var fetcher = new PoliteFetcher(Loopback);
        var result = await fetcher.FetchAsync(new Uri(server.Url("/endless")), CancellationToken.None);
        Assert.Contains("too large", result.Failure);
    }

    [Fact]
    public async Task RefusesADeclaredOversizedBody()
    {
        await using var server = new LocalHttpServer().OnText("/big", new string('x', 100_000));
        using var fetcher = new PoliteFetcher(Loopback);
        var result = await fetcher.FetchAsync(new Uri(server.Url("/big")), CancellationToken.None);
        Assert.Contains("too large", result.Failure);
    }

    [Fact]
    public async Task TimesOutASlowServer()
    {
        await using var server = new LocalHttpServer().On("/slow", async (context, cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        });
        using var fetcher = new PoliteFetcher(Loopback with { Timeout = TimeSpan.FromMilliseconds(500) });
        var result = await fetcher.FetchAsync(new Uri(server.Url("/slow")), CancellationToken.None);
        Assert.Contains("timed out", result.Failure);
    }

    [Fact]
    public async Task ReadsTheArticlesOfAFeed()
    {
        await using var server = new LocalHttpServer();
        server.OnText("/feed.xml", $"""
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>News</title>
              <item><title>First</title><link>{server.Url("/a")}</link><pubDate>Sun, 02 Nov 2025 10:00:00 GMT</pubDate></item>
              <item><title>Second</title><link>/b</link></item>
            </channel></rss>
            """, "application/rss+xml")
            .OnText("/a", Article)
            .OnText("/b", Article.Replace("denied", "rejected", StringComparison.Ordinal));
        using var fetcher = new PoliteFetcher(Loopback);
        var items = new List<InputItem>();
        await foreach (var item in new InputReader(InputLimits.Default, fetcher).ReadAsync([server.Url("/feed.xml")], () => Stream.Null, CancellationToken.None))
        {
            items.Add(item);
        }

        Assert.Equal(2, items.Count(i => i.Input is not null));
        Assert.Equal("First", items[0].Input!.Hints.Title);
        Assert.Equal(new DateTimeOffset(2025, 11, 2, 10, 0, 0, TimeSpan.Zero), items[0].Input!.Hints.Published);
    }

    [Fact]
    public void ReadsAtomAndSitemaps()
    {
        var atom = """<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><link rel="alternate" href="https://n.example/x"/><published>2025-11-01T00:00:00Z</published></entry></feed>"""u8.ToArray();
        var sitemap = """<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://n.example/y</loc></url></urlset>"""u8.ToArray();
        Assert.Equal("https://n.example/x", FeedParser.TryParse(atom, null, 10)!.Single().Link.ToString());
        Assert.Equal("https://n.example/y", FeedParser.TryParse(sitemap, null, 10)!.Single().Link.ToString());
    }

    [Theory]
    [InlineData("User-agent: *\nDisallow: /", "/anything", false)]
    [InlineData("User-agent: *\nDisallow: /a\nAllow: /a/b", "/a/b/c", true)]
    [InlineData("User-agent: Dossier\nDisallow: /\n\nUser-agent: *\nAllow: /", "/x", false)]
    [InlineData("User-agent: other\nDisallow: /", "/x", true)]
    [InlineData("User-agent: *\nDisallow: /*.pdf$", "/doc.pdf", false)]
    [InlineData("User-agent: *\nDisallow: /*.pdf$", "/doc.pdf.html", true)]
    public void ReadsRobotsRules(string robots, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsTxt.Parse(robots, "Dossier/0.1").Allows(path));
}
