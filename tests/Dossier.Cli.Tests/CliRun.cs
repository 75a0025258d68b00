using System.Text;

namespace Dossier.Cli.Tests;

/// <summary>Runs the dossier command in memory and captures what it prints.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);

internal static class CliRun
{
    public static async Task<CliResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public static async Task<CliResult> RunWithInputAsync(string? standardInput, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, () => new MemoryStream(Encoding.UTF8.GetBytes(standardInput ?? "")), ErrorIsTerminal: false);
        var exitCode = await DossierCli.RunAsync(args, context);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder for one test's store and inputs.</summary>
internal sealed class TempFolder : IDisposable
{
    public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory("dossier-cli-");

    public string Path(string name) => System.IO.Path.Combine(Directory.FullName, name);

    public void Dispose() => Directory.Delete(recursive: true);
}
