using System.Diagnostics;
using System.Text.Json;

namespace Dossier.Bench;

public sealed record PeerResult(string Name, int Pages, int Failures, double CpuSeconds, Dictionary<string, string> Texts)
{
    public double PagesPerCpuSecond => Pages / CpuSeconds;
}

/// <summary>
/// Runs the peer extractors over the same pages in child processes; each times its own extraction loop in CPU seconds,
/// after reading and decompressing the pages, so that start-up and I/O are not counted against them.
/// </summary>
public sealed class PeerRunner(string repoRoot, string benchFolder, TextWriter output)
{
    private string PeersFolder => Path.Combine(repoRoot, "bench", "peers");

    public static Task<PeerResult?> ReadabilityLxml(PeerRunner runner, IReadOnlyList<BenchPage> pages, CancellationToken cancellationToken) =>
        runner.RunAsync("readability-lxml", "/usr/bin/python3", [Path.Combine(runner.PeersFolder, "readability_lxml.py")], pages, cancellationToken);

    public static async Task<PeerResult?> MozillaReadability(PeerRunner runner, IReadOnlyList<BenchPage> pages, CancellationToken cancellationToken)
    {
        if (!await runner.EnsureNodeModulesAsync(cancellationToken)) return null;
        return await runner.RunAsync("mozilla-readability", "node", [Path.Combine(runner.PeersFolder, "readability_js.js")], pages, cancellationToken);
    }

    private async Task<bool> EnsureNodeModulesAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(PeersFolder, "node_modules", "@mozilla", "readability")) &&
            Directory.Exists(Path.Combine(PeersFolder, "node_modules", "jsdom")))
        {
            return true;
        }

        output.WriteLine("installing @mozilla/readability and jsdom into bench/peers/node_modules ...");
        var (code, error) = await RunProcessAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], null, cancellationToken);
        if (code == 0) return true;
        output.WriteLine($"speed mozilla-readability: not run (npm install failed: {error.Trim()})");
        return false;
    }

    private async Task<PeerResult?> RunAsync(string name, string program, string[] script, IReadOnlyList<BenchPage> pages, CancellationToken cancellationToken)
    {
        var resultPath = Path.Combine(Path.GetTempPath(), $"dossier-bench-{name}-{Environment.ProcessId}.json");
        try
        {
            var ids = string.Join('\n', pages.Select(p => p.Id));
            var (code, error) = await RunProcessAsync(program, [.. script, benchFolder, resultPath], ids, cancellationToken);
            if (code != 0 || !File.Exists(resultPath))
            {
                output.WriteLine($"speed {name}: not run ({program} exited {code}: {LastLine(error)})");
                return null;
            }

            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(resultPath, cancellationToken));
            var root = json.RootElement;
            var texts = root.GetProperty("texts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            return new PeerResult(name, pages.Count, root.GetProperty("failures").GetInt32(), root.GetProperty("cpu_seconds").GetDouble(), texts);
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            output.WriteLine($"speed {name}: not run ({program} not found: {error.Message})");
            return null;
        }
        finally
        {
            File.Delete(resultPath);
        }
    }

    private async Task<(int Code, string Error)> RunProcessAsync(string program, string[] arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = PeersFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        await stdout;
        return (process.ExitCode, await stderr);
    }

    private static string LastLine(string text) => text.Trim().Split('\n').LastOrDefault()?.Trim() ?? "";
}
