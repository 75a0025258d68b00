using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Dossier.Serialization;
using Dossier.Storage.Sqlite;
using Dossier.Tests;
using NJsonSchema;

namespace Dossier.Cli.Tests;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public async Task AnalysesTheSamplesThenAddsNothingTheSecondTime()
    {
        using var temp = new TempFolder();
        var db = temp.Path("dossier.db");

        var first = await CliRun.RunAsync("analyze", RepoPaths.Samples, "--db", db);
        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Contains("Documents: 3 processed, 0 failed, 0 skipped", first.Out);
        Assert.True(File.Exists(db));

        var second = await CliRun.RunAsync("analyze", RepoPaths.Samples, "--db", db);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Contains("Documents: 0 processed, 0 failed, 3 skipped", second.Out);
        Assert.Contains("nothing was added", second.Out);
        Assert.Equal(3, CountRows(db, "documents"));
    }

    [Fact]
    public async Task JsonOutputFollowsTheSchemaAndEverySpanLiesInsideItsText()
    {
        using var temp = new TempFolder();
        var result = await CliRun.RunAsync("analyze", RepoPaths.Samples, "--db", temp.Path("d.db"), "--format", "json");
        Assert.Equal(ExitCodes.Success, result.ExitCode);

        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Root, "docs", "schema", "dossier.schema.json"));
        var errors = schema.Validate(result.Out);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));

        using var json = JsonDocument.Parse(result.Out);
        var documents = json.RootElement.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(3, documents.Count);
        foreach (var document in documents)
        {
            var length = document.GetProperty("text").GetString()!.Length;
            foreach (var span in SpansIn(document))
            {
                Assert.InRange(span.Start, 0, length);
                Assert.InRange(span.End, span.Start, length);
            }
        }
    }

    [Fact]
    public async Task JsonWrittenAsTheRunGoesIsWhatTheSerializerWritesForTheWholeAnalysis()
    {
        using var temp = new TempFolder();
        var db = temp.Path("d.db");
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync("lists", "import", RepoPaths.Fixture("screening", "simple-v2.csv"), "--db", db)).ExitCode);

        var printed = await CliRun.RunAsync("analyze", RepoPaths.Samples, "--db", db, "--format", "json");
        Assert.Equal(ExitCodes.Success, printed.ExitCode);
        var analysis = JsonSerializer.Deserialize<DossierJson>(printed.Out, DossierJsonMapper.Options)!;
        Assert.Equal(JsonSerializer.Serialize(analysis, DossierJsonMapper.Options) + Environment.NewLine, printed.Out);
        Assert.Equal(3, analysis.Documents.Count);
        Assert.Contains(analysis.Entities, entity => entity.WatchlistHits.Count > 0);

        var file = temp.Path("analysis.json");
        var written = await CliRun.RunAsync("analyze", RepoPaths.Samples, "--db", db, "--format", "json", "-o", file);
        Assert.Equal(ExitCodes.Success, written.ExitCode);
        Assert.Equal("", written.Out);
        Assert.Equal(printed.Out, await File.ReadAllTextAsync(file) + Environment.NewLine);
    }

    [Fact]
    public async Task TheTextSummaryRecordsTheSameListHitsAsTheJson()
    {
        using var temp = new TempFolder();
        var hits = new List<string>[2];
        foreach (var (format, i) in new[] { ("text", 0), ("json", 1) })
        {
            var db = temp.Path(format + ".db");
            Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync("lists", "import", RepoPaths.Fixture("screening", "simple-v2.csv"), "--db", db)).ExitCode);
            Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync("analyze", RepoPaths.Samples, "--db", db, "--format", format)).ExitCode);
            await using var store = await SqliteDossierStore.OpenAsync(db, CancellationToken.None);
            hits[i] = (await store.GetWatchlistHitsAsync(null, CancellationToken.None))
                .Select(review => $"{review.Id} {review.EntityId} {review.Hit.List} {review.Hit.ListEntryId} {review.Hit.Score} {review.Hit.Explanation} {review.Hit.Decision}")
                .ToList();
        }

        Assert.NotEmpty(hits[0]);
        Assert.Equal(hits[1], hits[0]);
    }

    /// <summary>Every object below a document that has integer start and end (or *_start and *_end) fields.</summary>
    private static IEnumerable<(int Start, int End)> SpansIn(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var span in SpansIn(item)) yield return span;
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var name = property.Name;
                if ((name == "start" || name.EndsWith("_start", StringComparison.Ordinal)) && property.Value.ValueKind == JsonValueKind.Number)
                {
                    var endName = name == "start" ? "end" : name[..^"start".Length] + "end";
                    yield return (property.Value.GetInt32(), element.GetProperty(endName).GetInt32());
                }

                foreach (var span in SpansIn(property.Value)) yield return span;
            }
        }
    }

    [Fact]
    public async Task ABadInputFolderAnalysesEveryGoodFileAndReportsEachBadOne()
    {
        using var temp = new TempFolder();
        var inputs = Directory.CreateDirectory(temp.Path("inputs")).FullName;
        foreach (var sample in Directory.EnumerateFiles(RepoPaths.Samples))
        {
            File.Copy(sample, Path.Combine(inputs, Path.GetFileName(sample)));
        }

        File.WriteAllBytes(Path.Combine(inputs, "empty.txt"), []);
        var junk = new byte[8192];
        new Random(11).NextBytes(junk);
        File.WriteAllBytes(Path.Combine(inputs, "junk.bin"), junk);
        File.WriteAllBytes(Path.Combine(inputs, "latin1.txt"), Encoding.Latin1.GetBytes("Caf\u00e9 Owners Protest New Rules\n\nOwners in S\u00e3o Paulo said the fees rose."));
        File.WriteAllBytes(Path.Combine(inputs, "utf16.txt"), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Utility Signs Deal With Huawei Marine\n\nThe utility said the cable deal was signed.")]);
        using (var huge = File.Create(Path.Combine(inputs, "huge.txt"))) huge.SetLength(200L * 1024 * 1024);
        File.CreateSymbolicLink(Path.Combine(inputs, "dangling.html"), Path.Combine(inputs, "missing.html"));
        var db = temp.Path("d.db");

        var result = await CliRun.RunAsync("analyze", inputs, "--db", db);

        Assert.Equal(ExitCodes.FinishedWithFailures, result.ExitCode);
        Assert.Contains("Documents: 5 processed, 4 failed, 0 skipped", result.Out);
        Assert.Contains("empty.txt: empty file", result.Error);
        Assert.Contains("junk.bin: binary content", result.Error);
        Assert.Contains("huge.txt: too large", result.Error);
        Assert.Contains("dangling.html: broken symbolic link", result.Error);
        Assert.Contains("latin1.txt: warning: not valid UTF-8", result.Error);
        Assert.Equal(5, CountRows(db, "documents"));
        Assert.Equal(4, CountRows(db, "failures"));
    }

    [Fact]
    public async Task ReadsStandardInput()
    {
        using var temp = new TempFolder();
        var result = await CliRun.RunWithInputAsync("Piped Headline About Alibaba Today\n\nAlibaba said it would comply.", "analyze", "-", "--db", temp.Path("d.db"));
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Documents: 1 processed", result.Out);
    }

    [Fact]
    public async Task UsageErrorsHaveTheirOwnExitCode()
    {
        Assert.Equal(ExitCodes.Usage, (await CliRun.RunAsync("analyze")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await CliRun.RunAsync("analyse-this")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await CliRun.RunAsync("analyze", "x", "--format", "xml")).ExitCode);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("report")]
    public async Task EveryCommandHasHelp(string command)
    {
        var result = await CliRun.RunAsync(command, "--help");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
    }

    private static long CountRows(string db, string table)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
