using Dossier.Analysis;
using Dossier.Linking;
using Dossier.Storage.Postgres;
using Dossier.Storage.Sqlite;

namespace Dossier.Storage;

/// <summary>
/// The one place that picks the backend from a store location: a postgres:// or postgresql:// URI, or an Npgsql
/// connection string with Host=, is a PostgreSQL database; anything else is a SQLite file, the embedded default.
/// </summary>
public static class DossierStores
{
    public static bool IsPostgres(string location) => PostgresDatabase.IsPostgres(location);

    /// <summary>The location as it may be shown in messages and logs: a PostgreSQL password is masked.</summary>
    public static string Describe(string location) => IsPostgres(location) ? PostgresDatabase.Redact(location) : location;

    /// <summary>The files a store keeps on this machine: a SQLite database and its journal, write-ahead log and shared
    /// memory; none for PostgreSQL.</summary>
    public static IReadOnlyList<string> FilesOf(string location) =>
        IsPostgres(location) ? [] : [location, location + "-journal", location + "-wal", location + "-shm"];

    public static async Task<IDossierStore> OpenAsync(string location, CancellationToken cancellationToken) =>
        IsPostgres(location)
            ? await PostgresDossierStore.OpenAsync(location, cancellationToken)
            : await SqliteDossierStore.OpenAsync(location, cancellationToken);

    /// <summary>The cross-article side (entity decisions, stories, claim links) of the same store.</summary>
    public static async Task<ILinkStore> OpenLinkStoreAsync(string location, CancellationToken cancellationToken) =>
        IsPostgres(location)
            ? await PostgresLinkStore.OpenAsync(location, cancellationToken)
            : await SqliteLinkStore.OpenAsync(location, cancellationToken);

    public static async Task<IWatchlistStore> OpenWatchlistStoreAsync(string location, CancellationToken cancellationToken) =>
        IsPostgres(location)
            ? await PostgresWatchlistStore.OpenAsync(location, cancellationToken)
            : await SqliteWatchlistStore.OpenAsync(location, cancellationToken);
}
