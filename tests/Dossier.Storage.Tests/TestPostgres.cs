using Npgsql;

namespace Dossier.Storage.Tests;

/// <summary>
/// The PostgreSQL server integration tests run against, named by DOSSIER_TEST_POSTGRES. Without it they skip, unless
/// DOSSIER_REQUIRE_SERVICES=1 (CI), where a missing server is a failure.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "DOSSIER_TEST_POSTGRES";

    /// <summary>The server's connection string; skips or fails the calling test when there is none.</summary>
    public static string RequireServer()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        var missing = string.IsNullOrWhiteSpace(connectionString);
        if (missing && Environment.GetEnvironmentVariable("DOSSIER_REQUIRE_SERVICES") == "1")
        {
            Assert.Fail($"{Variable} is not set, and DOSSIER_REQUIRE_SERVICES=1 requires a PostgreSQL server.");
        }

        Skip.If(missing, $"{Variable} is not set: no PostgreSQL server to test against.");
        return connectionString!;
    }
}

/// <summary>A database of its own for one test, created on the test server and dropped (with its connections) afterwards.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private ScratchDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>An Npgsql keyword connection string to the database.</summary>
    public string ConnectionString { get; }

    /// <summary>The same database as a postgres:// URI, the form users pass to --db.</summary>
    public string Uri
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            var user = System.Uri.EscapeDataString(builder.Username ?? Environment.UserName);
            var password = builder.Password is null ? "" : ":" + System.Uri.EscapeDataString(builder.Password);
            return $"postgres://{user}{password}@{builder.Host}:{builder.Port}/{Name}";
        }
    }

    public static async Task<ScratchDatabase> CreateAsync()
    {
        var server = TestPostgres.RequireServer();
        var database = new ScratchDatabase(server, "dossier_test_" + Guid.NewGuid().ToString("N"));
        await database.ExecuteOnServerAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync() => await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
