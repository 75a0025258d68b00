using System.Globalization;
using Npgsql;

namespace Dossier.Storage.Postgres;

/// <summary>
/// Applies the numbered SQL scripts a database has not seen yet, recorded in schema_migrations. Workers starting at once
/// wait on one advisory lock, so the scripts run once.
/// </summary>
internal static class PostgresMigrations
{
    // Any constant will do as long as nothing else in the database takes the same advisory lock: "dossier" in ASCII.
    private const long LockKey = 0x646f7373696572;

    public static IReadOnlyList<MigrationScript> All { get; } = MigrationScript.Under("Dossier.Storage.Postgres.Migrations.");

    public static async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The transaction-scoped lock is released by the commit or rollback, even if this process dies half way.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            cancellationToken);
        int current;
        await using (var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", connection, transaction))
        {
            current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        foreach (var script in All.Where(migration => migration.Version > current))
        {
            await ExecuteAsync(connection, transaction, await script.ReadAsync(cancellationToken), cancellationToken);
            await PersonNameWords.AfterMigrationAsync(script, connection, transaction, "", cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.AddWithValue(script.Version);
            record.Parameters.AddWithValue(script.FileName);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
