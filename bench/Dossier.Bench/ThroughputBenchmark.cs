using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Dossier.Storage;
using RabbitMQ.Client;

namespace Dossier.Bench;

/// <summary>
/// Documents per second end to end, HTML page to stored dossier data: `dossier analyze` as one process, and `dossier ingest`
/// feeding 1, 2 and 4 `dossier worker` processes through RabbitMQ into one store; with each process's peak resident memory,
/// at several corpus sizes to show that memory stays flat as the corpus grows.
/// </summary>
public sealed class ThroughputBenchmark : IBenchmark
{
    public string Name => "throughput";
    public string Description => "docs/s HTML -> stored: analyze vs queue + 1/2/4 workers, peak RSS at 1k/10k (--documents 1000,10000,100000; --workers 0: analyze only; --heap-limit MB)";

    public async Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var options = ThroughputOptions.Parse(args);
        var folder = context.SharedPath("bench", "extraction", "scrapinghub");
        if (!Directory.Exists(Path.Combine(folder, "html")))
        {
            output.WriteLine($"no benchmark pages under {folder}");
            return 1;
        }

        var pages = ScrapinghubPages.Load(folder).Select(page => page.Html).ToList();
        var cli = Path.Combine(AppContext.BaseDirectory, "dossier.dll");
        var work = Directory.CreateTempSubdirectory("dossier-throughput-");
        output.WriteLine($"pages: {pages.Count} real news pages (Scrapinghub), repeated with a varying comment so that each document hashes differently");
        output.WriteLine($"store: {(options.Database is null ? "a fresh SQLite file per configuration" : "the --db store (each configuration adds its own documents)")}; " +
                         $"broker: {Redact(options.Queue)}; {Environment.ProcessorCount} cores");
        output.WriteLine(options.HeapLimitMegabytes is { } limit
            ? $"heap: every dossier process's collected heap capped at {limit} MB (DOTNET_GCHeapHardLimit), so peak RSS shows what is retained, not how much headroom the collector chose"
            : "heap: the runtime's default sizing (the collector may keep more headroom on a larger corpus; --heap-limit MB caps it)");
        output.WriteLine();
        output.WriteLine($"{"documents",9}  {"configuration",-22}  {"seconds",8}  {"docs/s",8}  {"peak RSS MB",12}");
        try
        {
            foreach (var documents in options.Documents)
            {
                var rates = new Dictionary<int, double>();
                foreach (var workers in (int[])[0, .. options.Workers.Where(count => count > 0)])
                {
                    var name = workers == 0 ? "analyze" : $"workers{workers}";
                    var corpus = Path.Combine(work.FullName, $"{name}-{documents}");
                    WriteCorpus(corpus, pages, documents, $"{name}-{documents}-{Guid.NewGuid():N}");
                    var store = options.Database ?? Path.Combine(work.FullName, $"{name}-{documents}.db");
                    var result = workers == 0
                        ? await RunAnalyzeAsync(cli, corpus, store, documents, options.HeapLimitMegabytes, cancellationToken)
                        : await RunQueueAsync(cli, corpus, store, options, workers, documents, cancellationToken);
                    Directory.Delete(corpus, recursive: true);
                    if (workers > 0) rates[workers] = documents / result.Seconds;
                    var label = workers == 0 ? "analyze (1 process)" : $"queue + {workers} worker{(workers > 1 ? "s" : "")}";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{documents,9}  {label,-22}  {result.Seconds,8:0.0}  {documents / result.Seconds,8:0.0}  {result.PeakRssMegabytes,12:0}"));
                }

                foreach (var (workers, rate) in rates.Where(r => r.Key > 1 && rates.ContainsKey(1)))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{documents,9}  {workers} workers / 1 worker: {rate / rates[1]:0.00}x  (all processes share this machine's {Environment.ProcessorCount} cores)"));
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        return 0;
    }

    private sealed record RunResult(double Seconds, double PeakRssMegabytes);

    /// <summary>The pages repeated to <paramref name="documents"/> files, each with its own comment so that each hashes differently.</summary>
    internal static void WriteCorpus(string folder, IReadOnlyList<byte[]> pages, int documents, string salt)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < documents; i++)
        {
            using var file = File.Create(Path.Combine(folder, i.ToString("D6", CultureInfo.InvariantCulture) + ".html.gz"));
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(pages[i % pages.Count]);
            gzip.Write(Encoding.UTF8.GetBytes($"\n<!-- {salt} {i} -->\n"));
        }
    }

    private static async Task<RunResult> RunAnalyzeAsync(string cli, string corpus, string store, int documents, int? heapLimit, CancellationToken cancellationToken)
    {
        var before = await CountAsync(store, cancellationToken);
        var clock = Stopwatch.StartNew();
        using var analyze = new WatchedProcess(cli, heapLimit, "analyze", corpus, "--db", store);
        await analyze.WaitAsync(cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        await ExpectStoredAsync(store, before + documents, cancellationToken);
        return new RunResult(seconds, analyze.PeakRssMegabytes);
    }

    /// <summary>
    /// Starts the workers, waits until the broker sees all of them, then times from the start of ingest until the store holds
    /// every document; then stops the workers with SIGTERM.
    /// </summary>
    private static async Task<RunResult> RunQueueAsync(
        string cli, string corpus, string store, ThroughputOptions options, int workerCount, int documents, CancellationToken cancellationToken)
    {
        var queueName = "dossier-bench-" + Guid.NewGuid().ToString("N")[..12];
        string[] queue = ["--queue", options.Queue, "--queue-name", queueName];
        var before = await CountAsync(store, cancellationToken);
        var workers = new List<WatchedProcess>();
        try
        {
            // The first worker declares the queue and migrates the store before the others start, so that they do not race to.
            for (var i = 0; i < workerCount; i++)
            {
                workers.Add(new WatchedProcess(cli, options.HeapLimitMegabytes, ["worker", "--db", store, .. queue]));
                await WaitForConsumersAsync(options.Queue, queueName, i + 1, cancellationToken);
            }

            var clock = Stopwatch.StartNew();
            using var ingest = new WatchedProcess(cli, options.HeapLimitMegabytes, ["ingest", corpus, .. queue]);
            while (await CountAsync(store, cancellationToken) < before + documents)
            {
                if (workers.All(worker => worker.HasExited)) throw new InvalidOperationException("every worker exited before the corpus was stored");
                await Task.Delay(100, cancellationToken);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await ingest.WaitAsync(cancellationToken);
            // Stopped the way a service manager stops them; a worker that does not exit cleanly fails the run.
            foreach (var worker in workers) worker.Terminate();
            foreach (var worker in workers) await worker.WaitAsync(cancellationToken);
            return new RunResult(seconds, workers.Max(worker => worker.PeakRssMegabytes));
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
            await DeleteQueueAsync(options.Queue, queueName);
        }
    }

    private static async Task<long> CountAsync(string store, CancellationToken cancellationToken)
    {
        await using var opened = await DossierStores.OpenAsync(store, cancellationToken);
        return (await opened.CountAsync(cancellationToken)).Documents;
    }

    private static async Task ExpectStoredAsync(string store, long expected, CancellationToken cancellationToken)
    {
        var stored = await CountAsync(store, cancellationToken);
        if (stored != expected) throw new InvalidOperationException($"{stored} documents stored, expected {expected}");
    }

    private static async Task WaitForConsumersAsync(string address, string queueName, int consumers, CancellationToken cancellationToken)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(address) }.CreateConnectionAsync(cancellationToken);
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(100, cancellationToken))
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                if (await channel.ConsumerCountAsync(queueName, cancellationToken) >= consumers) return;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // Not declared yet: the first worker is still starting.
            }
        }

        throw new TimeoutException($"{consumers} workers did not start consuming {queueName} within two minutes");
    }

    private static async Task DeleteQueueAsync(string address, string queueName)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(address) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queueName, ifUnused: false, ifEmpty: false);
        await channel.QueueDeleteAsync(queueName + ".dead", ifUnused: false, ifEmpty: false);
        await channel.ExchangeDeleteAsync(queueName + ".dead", ifUnused: false);
    }

    private static string Redact(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) ? new UriBuilder(uri) { Password = "" }.Uri.ToString() : address;

    private sealed record ThroughputOptions(IReadOnlyList<int> Documents, IReadOnlyList<int> Workers, string? Database, string Queue, int? HeapLimitMegabytes)
    {
        public static ThroughputOptions Parse(string[] args)
        {
            IReadOnlyList<int> documents = [1000, 10_000];
            IReadOnlyList<int> workers = [1, 2, 4];
            var database = Environment.GetEnvironmentVariable("DOSSIER_TEST_POSTGRES") is { Length: > 0 } postgres ? postgres : null;
            int? heapLimit = null;
            var queue = Environment.GetEnvironmentVariable("DOSSIER_TEST_AMQP") is { Length: > 0 } amqp ? amqp : "amqp://guest:guest@127.0.0.1:5672/";
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--documents": documents = Numbers(args[i + 1]); break;
                    case "--workers": workers = Numbers(args[i + 1]); break;
                    case "--db": database = args[i + 1]; break;
                    case "--queue": queue = args[i + 1]; break;
                    case "--heap-limit": heapLimit = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"unknown option {args[i]} (use --documents N[,N...], --workers N[,N...], --db STORE, --queue URI, --heap-limit MB)");
                }
            }

            return new ThroughputOptions(documents, workers, database, queue, heapLimit);
        }

        private static int[] Numbers(string list) => [.. list.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
    }
}
