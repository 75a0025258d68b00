using System.Diagnostics;
using System.Globalization;

namespace Dossier.Bench;

/// <summary>A `dossier` process whose peak resident memory is sampled from /proc while it runs (the kernel's own high-water mark).</summary>
internal sealed class WatchedProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task _sampler;
    private readonly CancellationTokenSource _stop = new();
    private long _peakKilobytes;

    /// <param name="heapLimitMegabytes">When set, the runtime's garbage-collected heap is capped at this size (DOTNET_GCHeapHardLimit).</param>
    public WatchedProcess(string cli, int? heapLimitMegabytes, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[cli, .. args]) start.ArgumentList.Add(arg);
        if (heapLimitMegabytes is { } megabytes)
        {
            start.Environment["DOTNET_GCHeapHardLimit"] = ((long)megabytes * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Errors.Add(line); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _sampler = SampleAsync(_stop.Token);
    }

    public List<string> Errors { get; } = [];

    public bool HasExited => _process.HasExited;

    public double PeakRssMegabytes => Interlocked.Read(ref _peakKilobytes) / 1024.0;

    /// <summary>Asks the process to stop, as SIGTERM does.</summary>
    public void Terminate() => _ = Kill(_process.Id, Sigterm);

    private const int Sigterm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await _stop.CancelAsync();
        await _sampler;
        if (_process.ExitCode is not (0 or 3))
        {
            // The first lines carry the exception's message; the last ones where it ended.
            var report = Errors.Count <= 6 ? Errors : [.. Errors.Take(3), "...", .. Errors.TakeLast(3)];
            throw new InvalidOperationException($"dossier exited with {_process.ExitCode}: {string.Join(" | ", report)}");
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        var status = $"/proc/{_process.Id}/status";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status, CancellationToken.None))
                {
                    if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    if (kilobytes > Interlocked.Read(ref _peakKilobytes)) Interlocked.Exchange(ref _peakKilobytes, kilobytes);
                }

                await Task.Delay(100, cancellationToken);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or OperationCanceledException)
            {
                // The process has gone (or is going): the last sample stands.
                if (_process.HasExited) return;
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _stop.Cancel();
        _process.Dispose();
        _stop.Dispose();
    }
}
