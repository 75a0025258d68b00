using Dossier.Analysis;
using Dossier.Linking;
using Dossier.Storage.Sqlite;

namespace Dossier.Storage;

/// <summary>Opens the store a connection string names. A plain path is a SQLite file, the embedded default.</summary>
public static class DossierStores
{
    public static async Task<IDossierStore> OpenAsync(string location, CancellationToken cancellationToken) =>
        await SqliteDossierStore.OpenAsync(location, cancellationToken);

    /// <summary>The cross-article side (entity decisions, stories, claim links) of the same store.</summary>
    public static async Task<ILinkStore> OpenLinkStoreAsync(string location, CancellationToken cancellationToken) =>
        await SqliteLinkStore.OpenAsync(location, cancellationToken);
}
