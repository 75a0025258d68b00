using Dossier.Screening;
using System.CommandLine;
using Dossier.Storage;
using Dossier.Web;
using Microsoft.Extensions.Hosting;

namespace Dossier.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var database = CommonOptions.Database();
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen; separate several with ';'. Loopback only unless you name another address.",
            DefaultValueFactory = _ => DossierWebOptions.DefaultUrl,
            HelpName = "URLS",
        };
        var keyFile = new Option<string?>("--api-key-file")
        {
            Description = $"A file whose first line is the API key that writes must present (or set {DossierWebOptions.ApiKeyVariable}). Without a key, writes are refused.",
            HelpName = "FILE",
        };
        var allowPrivate = new Option<bool>("--allow-private")
        {
            Description = "Let ingestion by URL fetch loopback and private-network addresses (refused by default).",
        };
        var command = new Command("serve", "Serve the web UI and the JSON API over the store.") { database, urls, keyFile, allowPrivate };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var databasePath = parsed.GetValue(database)!;
            string? apiKey;
            try
            {
                apiKey = await DossierWebOptions.ReadApiKeyAsync(parsed.GetValue(keyFile), cancellationToken);
            }
            catch (IOException error)
            {
                await context.Error.WriteLineAsync($"dossier: cannot read the API key file: {error.Message}");
                return ExitCodes.Usage;
            }

            var listen = parsed.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await using var store = await DossierStores.OpenAsync(databasePath, cancellationToken);
            await using var links = await DossierStores.OpenLinkStoreAsync(databasePath, cancellationToken);
            WatchlistScreener? screener;
            await using (var lists = await DossierStores.OpenWatchlistStoreAsync(databasePath, cancellationToken))
            {
                var entries = await lists.ActiveEntriesAsync(cancellationToken);
                screener = entries.Count == 0 ? null : new WatchlistScreener(entries);
            }

            await using var app = DossierWebApp.Create(
                store, links, new DossierWebOptions { Urls = listen, ApiKey = apiKey, AllowPrivateAddresses = parsed.GetValue(allowPrivate) }, screener);
            await context.Error.WriteLineAsync($"dossier: serving '{DossierStores.Describe(databasePath)}' on {string.Join(", ", listen)}{(apiKey is null ? " (read-only: no API key)" : "")}");
            await app.StartAsync(cancellationToken);
            // Returns when the command is cancelled (Ctrl+C) or the app stops itself, after a graceful stop.
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
