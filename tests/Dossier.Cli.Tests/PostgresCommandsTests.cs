using Dossier.Storage.Tests;
using Dossier.Tests;

namespace Dossier.Cli.Tests;

/// <summary>The commands on a PostgreSQL store named by a postgres:// URI, as a user passes it to --db.</summary>
public sealed class PostgresCommandsTests
{
    [SkippableFact]
    public async Task Analyze_then_report_work_on_a_postgres_uri()
    {
        await using var database = await ScratchDatabase.CreateAsync();

        var first = await CliRun.RunAsync("analyze", RepoPaths.Samples, "--db", database.Uri);
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.Contains("Documents: 3 processed, 0 failed, 0 skipped", first.Out);
        var second = await CliRun.RunAsync("analyze", RepoPaths.Samples, "--db", database.Uri);
        Assert.Contains("Documents: 0 processed, 0 failed, 3 skipped", second.Out);

        var report = await CliRun.RunAsync("report", "Alibaba", "--db", database.Uri, "--format", "json");
        Assert.True(report.ExitCode == ExitCodes.Success, report.Error);
        Assert.Contains("\"Alibaba\"", report.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await CliRun.RunAsync("report", "No Such Entity Anywhere", "--db", database.Uri)).ExitCode);
    }
}
