using System.Net;
using System.Text.Json;
using Dossier.Tests;
using Dossier.Tests.Ingestion;

namespace Dossier.Cli.Tests;

public sealed class WatchCommandTests
{
    [Fact]
    public async Task AlertsOnNewClaimsAboutAWatchedEntityOnceOnly()
    {
        var article = File.ReadAllText(Directory.EnumerateFiles(RepoPaths.Samples, "002_*.txt").Single());
        var paragraphs = article.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var html = "<html><head><title>" + WebUtility.HtmlEncode(paragraphs[0]) + "</title></head><body><article>" +
                   string.Concat(paragraphs.Skip(1).Select(p => "<p>" + WebUtility.HtmlEncode(p) + "</p>")) + "</article></body></html>";
        await using var server = new LocalHttpServer();
        server.OnText("/feed.xml", $"""
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>Wire</title>
              <item><title>{WebUtility.HtmlEncode(paragraphs[0])}</title><link>{server.Url("/alibaba")}</link></item>
            </channel></rss>
            """, "application/rss+xml")
            .OnText("/alibaba", html);
        using var temp = new TempFolder();
        var feeds = temp.Path("feeds.txt");
        await File.WriteAllTextAsync(feeds, server.Url("/feed.xml") + "\n");
        string[] args = ["watch", feeds, "--once", "--allow-private", "--entity", "Alibaba Group", "--db", temp.Path("w.db")];

        var first = await CliRun.RunAsync(args);
        var second = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        var alerts = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert => Assert.Contains("Alibaba", alert.GetProperty("entity").GetString()));
        Assert.Contains(alerts, alert => alert.GetProperty("category").GetString() == "military_ties");
        Assert.Equal("", second.Out.Trim());
    }
}
