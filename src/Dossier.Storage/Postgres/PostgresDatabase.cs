using System.Net;
using Npgsql;

namespace Dossier.Storage.Postgres;

/// <summary>
/// Reads a store location as a PostgreSQL address (a postgres:// URI or an Npgsql keyword string with Host=), opens a
/// pooled data source on it and migrates the database; retries the transactions that concurrent writers can abort.
/// </summary>
internal static class PostgresDatabase
{
    private const int MaxAttempts = 8;

    /// <summary>
    /// Guards the mapping of local entities to canonical ones. Storing a document takes it shared (writers do not wait on
    /// one another); a merge or split takes it exclusive, so that no document maps its entities by redirects that the
    /// decision is about to change and then writes rows the decision has already moved past.
    /// </summary>
    public const string EntityMapSharedLock = "SELECT pg_advisory_xact_lock_shared(hashtext('dossier-entity-map'))";

    /// <inheritdoc cref="EntityMapSharedLock"/>
    public const string EntityMapExclusiveLock = "SELECT pg_advisory_xact_lock(hashtext('dossier-entity-map'))";

    // libpq's URI query parameters that Npgsql spells differently; any other parameter is passed on by its own name.
    private static readonly Dictionary<string, string> UriParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["sslrootcert"] = "Root Certificate",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["host"] = "Host",
        ["port"] = "Port",
    };

    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || location.Split(';').Any(part => part.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Npgsql connection string of a location; errors name the location without its password.</summary>
    public static string ToConnectionString(string location)
    {
        try
        {
            return location.Contains("://", StringComparison.Ordinal)
                ? FromUri(location)
                : new NpgsqlConnectionStringBuilder(location).ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The store location {Redact(location)} is not a PostgreSQL address Dossier can read: {e.Message}", e);
        }
    }

    public static async Task<NpgsqlDataSource> OpenAsync(string location, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(ToConnectionString(location));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await PostgresMigrations.ApplyAsync(connection, cancellationToken);
            return dataSource;
        }
        catch (NpgsqlException e)
        {
            await dataSource.DisposeAsync();
            throw new IOException($"Could not open the PostgreSQL store {Redact(location)}: {e.Message}", e);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs a transaction again when PostgreSQL aborted it for a conflict with another writer (serialization failure,
    /// deadlock, unique violation): by then the other writer has committed, and the retry sees its rows.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> transaction, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transaction();
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.SerializationFailure
                                                  or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }

    private static string FromUri(string location)
    {
        var uri = new Uri(location, UriKind.Absolute);
        if (uri.Scheme is not ("postgres" or "postgresql")) throw new ArgumentException($"the scheme is {uri.Scheme}, not postgres or postgresql");
        var builder = new NpgsqlConnectionStringBuilder();
        if (uri.Host.Length > 0) builder.Host = uri.Host.Trim('[', ']');
        if (!uri.IsDefaultPort && uri.Port > 0) builder.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = WebUtility.UrlDecode(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder.Password = WebUtility.UrlDecode(uri.UserInfo[(colon + 1)..]);
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            builder[UriParameters.GetValueOrDefault(name, name)] = value;
        }

        return builder.ConnectionString;
    }

    public static string Redact(string location)
    {
        if (location.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            return location.Replace(uri.UserInfo, uri.UserInfo[..uri.UserInfo.IndexOf(':', StringComparison.Ordinal)] + ":***", StringComparison.Ordinal);
        }

        return string.Join(';', location.Split(';').Select(part =>
            part.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : part));
    }
}
