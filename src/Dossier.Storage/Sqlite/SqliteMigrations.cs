using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Sqlite;

/// <summary>Applies the numbered SQL scripts a database has not seen yet; the database's user_version is the last applied.</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<MigrationScript> All { get; } = MigrationScript.Under("Dossier.Storage.Sqlite.Migrations.");

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var current = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var script in All.Where(migration => migration.Version > current))
        {
            // BEGIN IMMEDIATE waits for another process migrating the same file; once in, read again what it applied.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            if (Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken, transaction), System.Globalization.CultureInfo.InvariantCulture) >= script.Version) continue;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = await script.ReadAsync(cancellationToken) + $"\nPRAGMA user_version = {script.Version};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            await PersonNameWords.AfterMigrationAsync(script, connection, transaction, "@", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
