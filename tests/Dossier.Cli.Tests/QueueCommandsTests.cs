using System.Text.Json;
using Dossier.Tests;
using Xunit.Abstractions;

namespace Dossier.Cli.Tests;

/// <summary>ingest, worker and deadletters against a real RabbitMQ broker, each test on a queue of its own.</summary>
public sealed class QueueCommandsTests(ITestOutputHelper output)
{
    private static readonly string Samples = RepoPaths.Samples;

    [Fact]
    public async Task Worker_stores_each_sample_once_and_dead_letters_the_poison_with_its_reason_then_replay_requeues_it()
    {
        await using var queue = TestQueue.Open(output);
        if (queue is null) return;
        using var temp = new TempFolder();
        var poison = temp.Path("empty-page.html");
        await File.WriteAllTextAsync(poison, "<html><body></body></html>");
        var db = temp.Path("queue.db");

        var ingest = await CliRun.RunAsync(["ingest", Samples, poison, .. queue.Options]);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("4 published", ingest.Out);
        // The same articles published again (at-least-once): they must not be stored twice.
        Assert.Equal(0, (await CliRun.RunAsync(["ingest", Samples, .. queue.Options])).ExitCode);

        var worker = await CliRun.RunAsync(["worker", "--db", db, "--idle-exit", "1", .. queue.Options]);
        output.WriteLine(worker.Out + worker.Error);
        Assert.Equal(3, worker.ExitCode);
        Assert.Contains("Messages: 3 stored, 3 already stored, 1 dead-lettered.", worker.Out);
        Assert.Equal(3L, Scalar(db, "SELECT COUNT(*) FROM documents"));
        Assert.Equal(3L, Scalar(db, "SELECT COUNT(DISTINCT id) FROM documents"));
        Assert.Equal(poison, Scalar(db, "SELECT source FROM failures"));
        Assert.Equal(0u, await queue.CountAsync(queue.Name));

        var list = await CliRun.RunAsync(["deadletters", "list", "--format", "json", .. queue.Options]);
        Assert.Equal(0, list.ExitCode);
        var letter = Assert.Single(JsonDocument.Parse(list.Out).RootElement.EnumerateArray());
        Assert.Equal(poison, letter.GetProperty("source").GetString());
        Assert.Contains("no article text", letter.GetProperty("reason").GetString());
        Assert.Equal(1u, await queue.CountAsync(queue.DeadLetters));

        var unknown = await CliRun.RunAsync(["deadletters", "replay", "0000", .. queue.Options]);
        Assert.Equal(4, unknown.ExitCode);
        Assert.Equal(1u, await queue.CountAsync(queue.DeadLetters));

        var replay = await CliRun.RunAsync(["deadletters", "replay", letter.GetProperty("id").GetString()!, .. queue.Options]);
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("Replayed 1", replay.Out);
        Assert.Equal(0u, await queue.CountAsync(queue.DeadLetters));
        Assert.Equal(1u, await queue.CountAsync(queue.Name));

        // Replayed, the poison fails again and is back among the dead letters; nothing else changes.
        var again = await CliRun.RunAsync(["worker", "--db", db, "--idle-exit", "1", .. queue.Options]);
        Assert.Contains("Messages: 0 stored, 0 already stored, 1 dead-lettered.", again.Out);
        Assert.Equal(1u, await queue.CountAsync(queue.DeadLetters));
        Assert.Equal(3L, Scalar(db, "SELECT COUNT(*) FROM documents"));
    }

    [Fact]
    public async Task A_message_redelivered_too_often_is_dead_lettered_unprocessed()
    {
        await using var queue = TestQueue.Open(output);
        if (queue is null) return;
        using var temp = new TempFolder();
        var db = temp.Path("queue.db");
        var article = Path.Combine(Samples, Directory.GetFiles(Samples).Select(Path.GetFileName).Order(StringComparer.Ordinal).First()!);
        Assert.Equal(0, (await CliRun.RunAsync(["ingest", article, .. queue.Options])).ExitCode);

        // Three workers "crash" holding it: each delivery that is never acknowledged counts.
        for (var i = 0; i < 3; i++) await queue.AbandonDeliveriesAsync(1);

        var worker = await CliRun.RunAsync(["worker", "--db", db, "--idle-exit", "1", "--max-redeliveries", "2", .. queue.Options]);
        Assert.Equal(3, worker.ExitCode);
        Assert.Contains("delivered 4 times without being finished", worker.Error);
        Assert.Equal(0L, Scalar(db, "SELECT COUNT(*) FROM documents"));
        Assert.Equal(article, Scalar(db, "SELECT source FROM failures"));
        var list = await CliRun.RunAsync(["deadletters", "list", .. queue.Options]);
        Assert.Contains("delivered 4 times", list.Out);
    }

    [Fact]
    public async Task Two_workers_at_once_store_each_of_many_duplicated_messages_once()
    {
        await using var queue = TestQueue.Open(output);
        if (queue is null) return;
        using var temp = new TempFolder();
        const int Documents = 300;
        var corpus = temp.Path("corpus.jsonl");
        await File.WriteAllLinesAsync(corpus, Enumerable.Range(0, Documents).Select(GeneratedArticles.Line));
        var db = temp.Path("queue.db");
        Assert.Equal(0, (await CliRun.RunAsync(["ingest", corpus, .. queue.Options])).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(["ingest", corpus, .. queue.Options])).ExitCode);

        var workers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => CliRun.RunAsync(["worker", "--db", db, "--idle-exit", "2", "--parallelism", "2", .. queue.Options]))));
        foreach (var worker in workers) output.WriteLine(worker.Out.Trim());

        Assert.All(workers, worker => Assert.Equal(0, worker.ExitCode));
        // Both took part. Which one stores an article first, and so which finds its copy already stored, is a race: a worker
        // that starts late (batching lets the other get through the first copies quickly) may only see second copies.
        Assert.All(workers, worker => Assert.DoesNotContain(" 0 stored, 0 already stored", worker.Out));
        Assert.Equal(Documents, workers.Sum(worker => StoredCount(worker.Out)));
        Assert.Equal((long)Documents, Scalar(db, "SELECT COUNT(DISTINCT id) FROM documents"));
        Assert.Equal((long)Documents, Scalar(db, "SELECT COUNT(*) FROM documents"));
        Assert.Equal(0u, await queue.CountAsync(queue.Name));
    }

    [Fact]
    public async Task Ingest_refuses_an_article_larger_than_a_message_may_be_and_says_why()
    {
        await using var queue = TestQueue.Open(output);
        if (queue is null) return;
        var result = await CliRun.RunAsync(["ingest", Samples, "--max-message-bytes", "100", .. queue.Options]);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("0 published", result.Out);
        Assert.Contains("too large for a message", result.Error);
        Assert.Equal(0u, await queue.CountAsync(queue.Name));
    }

    [Fact]
    public async Task Commands_name_a_broker_they_cannot_reach_and_refuse_an_address_that_is_not_amqp()
    {
        var unreachable = await CliRun.RunAsync(["ingest", Samples, "--queue", "amqp://guest:secret@127.0.0.1:1/"]);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("amqp://guest@127.0.0.1:1/: cannot connect", unreachable.Error);
        Assert.DoesNotContain("secret", unreachable.Error);

        var notAmqp = await CliRun.RunAsync(["worker", "--queue", "http://127.0.0.1/"]);
        Assert.Equal(2, notAmqp.ExitCode);
        Assert.Contains("not an amqp:// or amqps:// address", notAmqp.Error);

        var neither = await CliRun.RunAsync(["deadletters", "replay", "--queue", "amqp://127.0.0.1/"]);
        Assert.Equal(2, neither.ExitCode);
    }

    private static int StoredCount(string workerOutput) =>
        int.Parse(workerOutput.Split("Messages: ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static object? Scalar(string db, string sql) => DossierProcess.Scalar(db, sql);
}

/// <summary>Small distinct articles as JSON Lines, each hashing differently.</summary>
internal static class GeneratedArticles
{
    public static string Line(int i) => JsonSerializer.Serialize(new
    {
        url = $"https://news.example/{i}",
        title = $"Company {i} Reports Results For Quarter {i % 4 + 1}",
        text = $"Company {i} Reports Results For Quarter {i % 4 + 1}\n\nCompany {i} said on Monday that revenue rose {i % 30} percent to ${i}.5 million. " +
               "Analysts in London said the figures were in line with expectations.",
    });
}
