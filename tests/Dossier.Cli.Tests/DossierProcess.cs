using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Dossier.Cli.Tests;

/// <summary>The dossier command as a separate process (so that it can be killed), and a look into the SQLite store it writes.</summary>
internal static class DossierProcess
{
    public static Process Start(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "dossier.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[cli, .. args]) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Rows in a table; zero while a killed first run had not yet created it.</summary>
    public static long Count(string db, string table) =>
        File.Exists(db) && (long)Scalar(db, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'")! == 1
            ? (long)Scalar(db, $"SELECT COUNT(*) FROM {table}")!
            : 0;

    public static object? Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
