using System.Diagnostics;
using Xunit.Abstractions;

namespace Dossier.Cli.Tests;

/// <summary>
/// Kills `dossier analyze` with SIGKILL at random moments while it ingests, restarts it, and checks that in the end every
/// document is stored exactly once and the database is intact.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Documents = 10_000;
    private const int Kills = 10;

    [Fact]
    public async Task KilledRunsLoseAndDuplicateNothing()
    {
        using var temp = new TempFolder();
        var corpus = temp.Path("corpus.jsonl");
        await File.WriteAllLinesAsync(corpus, Enumerable.Range(0, Documents).Select(GeneratedArticles.Line));
        var db = temp.Path("crash.db");
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");

        for (var kill = 0; kill < Kills; kill++)
        {
            var before = Count(db, "documents");
            using var process = StartAnalyze(corpus, db);
            // Killed only once it is storing, so that every kill lands in the middle of ingestion rather than in start-up.
            while (!process.HasExited && Count(db, "documents") == before) await Task.Delay(50);
            await Task.Delay(random.Next(0, 2000));
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.WriteLine($"kill {kill + 1}: {Count(db, "documents")} documents stored");
        }

        using (var final = StartAnalyze(corpus, db))
        {
            await final.WaitForExitAsync();
            Assert.Equal(0, final.ExitCode);
        }

        var stored = Count(db, "documents");
        var distinct = Scalar(db, "SELECT COUNT(DISTINCT id) FROM documents");
        output.WriteLine($"after restart: {stored} stored, {distinct} distinct, {Documents - stored} lost");
        Assert.Equal(Documents, stored);
        Assert.Equal(stored, distinct);
        Assert.Equal("ok", Scalar(db, "PRAGMA integrity_check"));
        Assert.Equal(0L, Scalar(db, "SELECT COUNT(*) FROM document_entities de LEFT JOIN documents d ON d.id = de.document_id WHERE d.id IS NULL"));
    }

    private static Process StartAnalyze(string corpus, string db) => DossierProcess.Start("analyze", corpus, "--db", db);

    private static long Count(string db, string table) => DossierProcess.Count(db, table);

    private static object? Scalar(string db, string sql) => DossierProcess.Scalar(db, sql);
}
