using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Dossier.Analysis;
using Dossier.Ingestion;
using Dossier.Ingestion.Web;
using Dossier.Monitoring;
using Dossier.Serialization;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

internal static class WatchCommand
{
    private static readonly JsonSerializerOptions AlertJson = new(DossierJsonMapper.Options) { WriteIndented = false };

    public static Command Create(CliContext context)
    {
        var feedsFile = new Argument<string>("FEEDS_FILE") { Description = "A file of feed (RSS, Atom) or sitemap URLs, one per line." };
        var database = CommonOptions.Database();
        var entities = new Option<string[]>("--entity")
        {
            Description = "Report claims about this entity (name or alias; repeat for more). Without it, claims about every entity are reported.",
            AllowMultipleArgumentsPerToken = false,
        };
        var interval = new Option<TimeSpan>("--interval")
        {
            Description = "Time between polls (e.g. 00:15:00).",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(15),
        };
        var once = new Option<bool>("--once") { Description = "Poll once and exit (for cron or tests)." };
        var webhook = new Option<Uri?>("--webhook") { Description = "Also POST each alert as JSON to this URL.", HelpName = "URL" };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Allow feeds and articles on loopback, private or link-local addresses." };

        var command = new Command("watch", "Monitor feeds: analyse new articles and report new claims about watched entities as JSON lines (and a webhook).")
        {
            feedsFile, database, entities, interval, once, webhook, allowPrivate,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(feedsFile)!;
            if (!File.Exists(path))
            {
                await context.Error.WriteLineAsync($"dossier: {path}: no such file");
                return ExitCodes.Usage;
            }

            var feeds = (await File.ReadAllLinesAsync(path, cancellationToken)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            using var fetcher = new PoliteFetcher(new FetchOptions { AllowPrivateAddresses = parsed.GetValue(allowPrivate) });
            await using var store = await DossierStores.OpenAsync(parsed.GetValue(database)!, cancellationToken);
            var runner = new AnalysisRunner(DossierPipeline.CreateDefault(), store, new InputReader(InputLimits.Default, fetcher));
            var watcher = new FeedWatcher(runner, store, new WatchedEntities(parsed.GetValue(entities) ?? []));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var target = parsed.GetValue(webhook);
            var observer = new StderrObserver(context);

            async Task Alert(ClaimAlert alert, CancellationToken token)
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(alert, AlertJson));
                await context.Out.FlushAsync(token);
                if (target is null) return;
                try
                {
                    using var response = await http.PostAsJsonAsync(target, alert, AlertJson, token);
                    if (!response.IsSuccessStatusCode) await context.Error.WriteLineAsync($"dossier: webhook {target}: HTTP {(int)response.StatusCode}");
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    await context.Error.WriteLineAsync($"dossier: webhook {target}: {error.Message}");
                }
            }

            do
            {
                await watcher.PollAsync(feeds, Alert, observer, cancellationToken);
                if (parsed.GetValue(once)) break;
                await Task.Delay(parsed.GetValue(interval), cancellationToken);
            }
            while (!cancellationToken.IsCancellationRequested);

            return ExitCodes.Success;
        });
        return command;
    }

    private sealed class StderrObserver(CliContext context) : IRunObserver
    {
        public void InputFailed(InputFailure failure) => context.Error.WriteLine($"dossier: {failure.Source}: {failure.Reason}");
        public void InputWarning(string source, string warning) => context.Error.WriteLine($"dossier: {source}: warning: {warning}");
    }
}
