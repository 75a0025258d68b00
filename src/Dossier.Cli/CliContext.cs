namespace Dossier.Cli;

/// <summary>The process's streams, passed in so that tests can run commands in memory.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardInput, bool ErrorIsTerminal)
{
    public static CliContext FromConsole() =>
        new(Console.Out, Console.Error, Console.OpenStandardInput, !Console.IsErrorRedirected);
}
