using System.Diagnostics;
using Dossier.Analysis;
using Dossier.Tests;
using Xunit.Abstractions;

namespace Dossier.Web.Tests;

/// <summary>
/// The UI in real headless Chromium (browser/ui.mjs, playwright-core). Skips, saying why, when Chromium, Node or the npm
/// package is missing; .ci/run installs them. Screenshots go to artifacts/browser/.
/// </summary>
public sealed class BrowserTests(ITestOutputHelper output)
{
    private static readonly string Scripts = Path.Combine(RepoPaths.Root, "tests", "Dossier.Web.Tests", "browser");
    private static readonly string Artifacts = Path.Combine(RepoPaths.Root, "artifacts", "browser");

    [Fact]
    public async Task Samples_search_dossier_claim_span_and_remembered_hit_decision()
    {
        if (Missing() is { } reason)
        {
            output.WriteLine("skipped: " + reason);
            return;
        }

        await using var server = await WebServer.StartAsync(store => SampleDossiers.SeedAsync(store));
        await RunAsync("samples", server, Path.Combine(Artifacts, "samples"));
        Assert.Equal(HitDecisions.FalsePositive, Assert.Single(await server.Store.GetWatchlistHitsAsync(null, CancellationToken.None)).Hit.Decision);
        Assert.True(File.Exists(Path.Combine(Artifacts, "samples", "dossier.png")));
    }

    [Fact]
    public async Task Xss_corpus_runs_nothing_in_the_browser()
    {
        if (Missing() is { } reason)
        {
            output.WriteLine("skipped: " + reason);
            return;
        }

        await using var server = await WebServer.StartAsync(store => XssCorpus.SeedAsync(store));
        var paths = new List<string> { "/search?q=accused", "/entities", "/hits" };
        foreach (var summary in await server.Store.ListEntitiesAsync(null, 1000, CancellationToken.None))
        {
            paths.Add($"/entities/{summary.Entity.Id}");
            paths.Add($"/documents/{summary.Entity.Documents[0]}");
            paths.Add($"/claims/{summary.Entity.Documents[0]}/1");
        }

        var folder = Path.Combine(Artifacts, "xss");
        Directory.CreateDirectory(folder);
        var list = Path.Combine(folder, "paths.txt");
        await File.WriteAllLinesAsync(list, paths);
        await RunAsync("xss", server, folder, list);
    }

    private static string? Missing()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium)) return $"no Chromium at {chromium}";
        if (!Directory.Exists(Path.Combine(Scripts, "node_modules", "playwright-core"))) return "playwright-core is not installed (npm ci in tests/Dossier.Web.Tests/browser)";
        return null;
    }

    private async Task RunAsync(string mode, WebServer server, string artifacts, params string[] extra)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Scripts, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ui.mjs", mode, server.Address.ToString().TrimEnd('/'), WebServer.Key, artifacts }.Concat(extra)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var log = (await stdout) + (await stderr);
        output.WriteLine(log);
        Assert.True(process.ExitCode == 0, $"browser checks failed ({mode}):\n{log}");
    }
}
