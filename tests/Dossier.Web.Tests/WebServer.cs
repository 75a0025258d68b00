using Dossier.Analysis;
using Dossier.Linking;
using Dossier.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dossier.Web.Tests;

/// <summary>The web app on a real Kestrel on loopback, over a fresh store in a temporary folder.</summary>
internal sealed class WebServer : IAsyncDisposable
{
    public const string Key = "test-key-0123456789";

    private readonly WebApplication _app;
    private readonly string _folder;

    private WebServer(WebApplication app, IDossierStore store, ILinkStore links, string folder, Uri address)
    {
        _app = app;
        Store = store;
        Links = links;
        _folder = folder;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public IDossierStore Store { get; }
    public ILinkStore Links { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }

    public static async Task<WebServer> StartAsync(
        Func<IDossierStore, Task>? seed = null, string? apiKey = Key, long maxIngestBytes = 8 * 1024 * 1024, Dossier.Screening.WatchlistScreener? screener = null,
        bool allowPrivateAddresses = false)
    {
        var folder = Directory.CreateTempSubdirectory("dossier-web-").FullName;
        var database = Path.Combine(folder, "dossier.db");
        var store = await SqliteDossierStore.OpenAsync(database, CancellationToken.None);
        var links = await SqliteLinkStore.OpenAsync(database, CancellationToken.None);
        if (seed is not null) await seed(store);
        var options = new DossierWebOptions
        {
            Urls = ["http://127.0.0.1:0"], ApiKey = apiKey, MaxIngestBytes = maxIngestBytes, AllowPrivateAddresses = allowPrivateAddresses,
        };
        var app = DossierWebApp.Create(store, links, options, screener);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebServer(app, store, links, folder, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Links.DisposeAsync();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
