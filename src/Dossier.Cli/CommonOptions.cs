using System.CommandLine;

namespace Dossier.Cli;

internal static class CommonOptions
{
    public const string DefaultDatabase = "dossier.db";

    public static Option<string> Database() => new("--db")
    {
        Description = "The store: a SQLite file (created if missing), or a PostgreSQL database as a postgres://user:password@host:port/database URI or a Host=...;Database=... connection string.",
        DefaultValueFactory = _ => DefaultDatabase,
        HelpName = "FILE|URI",
    };

    public static Option<string> Format(string defaultValue, params string[] allowed)
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: " + string.Join(", ", allowed) + ".",
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    public static Option<string?> OutputFile() => new("--output", "-o")
    {
        Description = "Write to this file instead of standard output.",
        HelpName = "FILE|URI",
    };
}
