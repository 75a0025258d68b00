using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Sqlite;

/// <summary>
/// Commands kept for the life of one connection, one per SQL text: SQLite compiles a command's statement on its first
/// run and reuses it while the text stays the same, so storing a document no longer compiles the same few statements
/// again for every entity, alias, quote and claim. Used by one caller at a time, like the connection it belongs to.
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for this SQL with these parameter values, in this transaction (or none). Do not dispose it.</summary>
    public SqliteCommand Get(string sql, SqliteTransaction? transaction, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            _commands.Add(sql, command);
        }

        if (command.Parameters.Count != parameters.Length)
        {
            throw new ArgumentException($"The statement takes {command.Parameters.Count} parameters, not {parameters.Length}: {sql}", nameof(parameters));
        }

        command.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            // Callers name the parameters in the order the command was made with; finding one by name is a scan of the list.
            var parameter = command.Parameters[i];
            if (!string.Equals(parameter.ParameterName, parameters[i].Name, StringComparison.Ordinal)) parameter = command.Parameters[parameters[i].Name];
            parameter.Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values) await command.DisposeAsync();
        _commands.Clear();
    }
}
