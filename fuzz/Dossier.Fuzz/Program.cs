using Dossier.Extraction;
using Dossier.Ingestion;
using Dossier.Ingestion.Warc;
using Dossier.Ingestion.Web;
using SharpFuzz;

// Fuzz targets for the readers of hostile input. Run through fuzz/run (AFL++ over the instrumented engine), or replay
// files with `dossier-fuzz TARGET --replay FILE...` to reproduce a crash without AFL.
// Built once per process, as the pipeline builds it once per run: AFL runs thousands of inputs through one process, and
// building it per input (its chrome patterns compile to one large regex) cost over a second an input. Built on the first
// input, not here: instrumented code must not run before the fuzzer has set up its coverage map.
var extractor = new Lazy<ArticleExtractor>(() => new ArticleExtractor());
var targets = new Dictionary<string, Action<Stream>>(StringComparer.Ordinal)
{
    ["warc"] = FuzzWarc,
    ["feed"] = FuzzFeed,
    ["extract"] = input => FuzzExtract(extractor.Value, input),
};

if (args.Length == 0 || !targets.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: dossier-fuzz {string.Join('|', targets.Keys)} [--replay FILE...]");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    foreach (var file in args[2..])
    {
        using var stream = File.OpenRead(file);
        target(stream);
    }

    return 0;
}

Fuzzer.OutOfProcess.Run(target);
return 0;

static void FuzzWarc(Stream input)
{
    // Malformed archives may be refused with InvalidDataException; anything else escaping is a bug.
    try
    {
        var records = new WarcReader(input, 1 << 20).ReadAsync(CancellationToken.None).ToBlockingEnumerable();
        foreach (var record in records) _ = HttpPayload.TryParse(record.Block, 1 << 20);
    }
    catch (InvalidDataException)
    {
    }
}

static void FuzzFeed(Stream input)
{
    var bytes = ReadAll(input);
    if (FeedParser.LooksLikeFeed(bytes)) _ = FeedParser.TryParse(bytes, new Uri("https://fuzz.example/feed"), 100);
}

static void FuzzExtract(ArticleExtractor extractor, Stream input)
{
    var bytes = ReadAll(input);
    foreach (var format in new[] { InputFormat.Html, InputFormat.PlainText })
    {
        _ = extractor.Extract(RawInput.FromBytes("fuzz", bytes, format), CancellationToken.None);
    }
}

static byte[] ReadAll(Stream input)
{
    using var buffer = new MemoryStream();
    input.CopyTo(buffer);
    return buffer.ToArray();
}
