using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Sqlite;

/// <summary>Applies the numbered SQL scripts a database has not seen yet; the database's user_version is the last applied.</summary>
internal static class SqliteMigrations
{
    private const string Prefix = "Dossier.Storage.Sqlite.Migrations.";

    public static IReadOnlyList<(int Version, string Name)> All { get; } =
        typeof(SqliteMigrations).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => (Version: int.Parse(name[Prefix.Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture), Name: name))
            .OrderBy(migration => migration.Version)
            .ToList();

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var current = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (version, name) in All.Where(migration => migration.Version > current))
        {
            // BEGIN IMMEDIATE waits for another process migrating the same file; once in, read again what it applied.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            if (Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken, transaction), System.Globalization.CultureInfo.InvariantCulture) >= version) continue;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = await ReadAsync(name) + $"\nPRAGMA user_version = {version};";
            await command.ExecuteNonQueryAsync(cancellationToken);
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

    private static async Task<string> ReadAsync(string resource)
    {
        await using var stream = typeof(SqliteMigrations).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
