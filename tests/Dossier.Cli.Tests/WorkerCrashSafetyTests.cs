using Xunit.Abstractions;

namespace Dossier.Cli.Tests;

/// <summary>
/// Kills `dossier worker` with SIGKILL at random moments while it works through a queue of 10,000 articles, restarts it,
/// and checks that in the end every published article is stored exactly once and nothing is left in either queue.
/// </summary>
public sealed class WorkerCrashSafetyTests(ITestOutputHelper output)
{
    private const int Documents = 10_000;
    private const int Kills = 10;

    [Fact]
    public async Task Killed_workers_lose_and_duplicate_nothing()
    {
        await using var queue = TestQueue.Open(output);
        if (queue is null) return;
        using var temp = new TempFolder();
        var corpus = temp.Path("corpus.jsonl");
        await File.WriteAllLinesAsync(corpus, Enumerable.Range(0, Documents).Select(GeneratedArticles.Line));
        var ingest = await CliRun.RunAsync(["ingest", corpus, .. queue.Options]);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Equal((uint)Documents, await queue.CountAsync(queue.Name));

        var db = temp.Path("worker-crash.db");
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        // Every kill counts as a failed delivery of the messages the worker held; ten kills must not make an article poison.
        string[] worker = ["worker", "--db", db, "--max-redeliveries", "50", .. queue.Options];

        for (var kill = 0; kill < Kills; kill++)
        {
            var before = DossierProcess.Count(db, "documents");
            using var process = DossierProcess.Start([.. worker, "--idle-exit", "60"]);
            // Killed only once it is storing, so that every kill lands in the middle of work rather than in start-up.
            while (!process.HasExited && DossierProcess.Count(db, "documents") == before) await Task.Delay(50);
            await Task.Delay(random.Next(0, 2000));
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.WriteLine($"kill {kill + 1}: {DossierProcess.Count(db, "documents")} documents stored, {await queue.CountAsync(queue.Name)} messages ready");
        }

        using (var final = DossierProcess.Start([.. worker, "--idle-exit", "3"]))
        {
            await final.WaitForExitAsync();
            Assert.Equal(0, final.ExitCode);
        }

        var stored = DossierProcess.Count(db, "documents");
        var distinct = (long)DossierProcess.Scalar(db, "SELECT COUNT(DISTINCT id) FROM documents")!;
        var left = await queue.CountAsync(queue.Name);
        var dead = await queue.CountAsync(queue.DeadLetters);
        output.WriteLine($"after restart: {Documents} published, {stored} stored, {distinct} distinct, {Documents - distinct} lost, " +
                         $"{stored - distinct} duplicated, {left} left in the queue, {dead} dead-lettered");
        Assert.Equal(Documents, stored);
        Assert.Equal(stored, distinct);
        Assert.Equal(0u, left);
        Assert.Equal(0u, dead);
        Assert.Equal(0L, DossierProcess.Count(db, "failures"));
        Assert.Equal("ok", DossierProcess.Scalar(db, "PRAGMA integrity_check"));
    }
}
