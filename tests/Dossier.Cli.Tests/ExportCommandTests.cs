using System.Text.Json;
using System.Text.Json.Nodes;
using Dossier.Analysis;
using Dossier.Export;
using Dossier.Linking.Stance;
using Dossier.Serialization;
using Dossier.Storage.Sqlite;
using Dossier.Tests;
using Parquet;

namespace Dossier.Cli.Tests;

/// <summary>The three samples analysed once into a store with a small list imported, so that entities have list hits.</summary>
public sealed class ExportedSamples : IAsyncLifetime
{
    private readonly TempFolder _temp = new();

    public string Database => _temp.Path("samples.db");

    public DossierJson Analysis { get; private set; } = null!;

    public string Path(string name) => _temp.Path(name);

    public async Task InitializeAsync()
    {
        var import = await CliRun.RunAsync("lists", "import", RepoPaths.Fixture("screening", "simple-v2.csv"), "--db", Database);
        Assert.Equal(0, import.ExitCode);
        var analyze = await CliRun.RunAsync("analyze", RepoPaths.Samples, "--db", Database, "--format", "json");
        Assert.Equal(0, analyze.ExitCode);
        Analysis = JsonSerializer.Deserialize<DossierJson>(analyze.Out, DossierJsonMapper.Options)!;

        // An analyst confirms Huawei's hit; Alibaba's stays open.
        await using var store = await SqliteDossierStore.OpenAsync(Database, CancellationToken.None);
        var huawei = (await store.GetWatchlistHitsAsync(null, CancellationToken.None)).First(h => h.Hit.Name.StartsWith("Huawei", StringComparison.Ordinal));
        await store.DecideHitAsync(huawei.Id, HitDecisions.Confirmed, "checked by hand", CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class ExportCommandTests(ExportedSamples samples) : IClassFixture<ExportedSamples>
{
    private int ClaimCount => samples.Analysis.Documents.Sum(d => d.Claims.Count);

    private async Task<string> ExportAsync(string format)
    {
        var result = await CliRun.RunAsync("export", "--db", samples.Database, "--format", format);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Out;
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    [Fact]
    public async Task Jsonl_is_one_analysis_document_a_line_with_canonical_ids()
    {
        var documents = Lines(await ExportAsync("jsonl")).Select(l => JsonSerializer.Deserialize<DocumentJson>(l, DossierJsonMapper.Options)!).ToList();

        Assert.Equal(samples.Analysis.Documents.Select(d => d.Id).Order(), documents.Select(d => d.Id).Order());
        foreach (var document in documents)
        {
            var analysed = samples.Analysis.Documents.Single(d => d.Id == document.Id);
            Assert.Equal(analysed.Claims.Select(c => c.Text), document.Claims.Select(c => c.Text));
            Assert.Equal(analysed.DocumentEntities.Select(e => e.CanonicalId), document.DocumentEntities.Select(e => e.CanonicalId));
            Assert.All(document.DocumentEntities, e => Assert.NotNull(e.CanonicalId));
        }
    }

    [Fact]
    public async Task Csv_parses_back_to_one_row_per_claim_of_the_analysis()
    {
        var records = Csv.Read(new StringReader(await ExportAsync("csv"))).ToList();

        Assert.Equal(ClaimTable.Columns, records[0]);
        Assert.Equal(ClaimCount, records.Count - 1);
        var text = ClaimTable.Columns.ToList().IndexOf("text");
        var status = ClaimTable.Columns.ToList().IndexOf("status");
        Assert.Equal(samples.Analysis.Documents.SelectMany(d => d.Claims).Select(c => c.Text).Order(), records.Skip(1).Select(r => r[text]).Order());
        Assert.Contains(records, r => r[status] == "denied" && r[text].Contains("false", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Parquet_needs_a_file_and_reads_back_with_every_claim()
    {
        var refused = await CliRun.RunAsync("export", "--db", samples.Database, "--format", "parquet");
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);

        var path = samples.Path("claims.parquet");
        var result = await CliRun.RunAsync("export", "--db", samples.Database, "--format", "parquet", "-o", path);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.False(File.Exists(path + ".partial"));
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var texts = new List<string?>();
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var group = reader.OpenRowGroupReader(i);
            var column = new string?[group.RowCount];
            await group.ReadAsync(reader.Schema.DataFields.Single(f => f.Name == "text"), column.AsMemory());
            texts.AddRange(column);
        }

        Assert.Equal(samples.Analysis.Documents.SelectMany(d => d.Claims).Select(c => c.Text).Order(), texts.Order());
    }

    [Fact]
    public async Task Ftm_uses_only_real_schema_properties_and_links_articles_to_canonical_entities()
    {
        var text = await ExportAsync("ftm");
        var entities = Lines(text).Select(l => FtmEntity.Parse(l)!).ToList();

        foreach (var entity in entities)
        {
            Assert.True(FtmSchema.Properties.TryGetValue(entity.Schema, out var allowed), $"unknown schema {entity.Schema}");
            Assert.All(entity.Properties.Keys, p => Assert.True(allowed!.Contains(p), $"{entity.Schema} has no property {p}"));
            Assert.All(entity.Properties.Values, values => Assert.NotEmpty(values));
        }

        Assert.Equal(entities.Count, entities.Select(e => e.Id).Distinct().Count());
        var alibaba = Assert.Single(entities, e => e.Schema == "Organization" && e.Properties["name"].Concat(e.Properties.GetValueOrDefault("alias", [])).Contains("Alibaba"));
        Assert.Contains(alibaba.Properties["alias"], a => a.StartsWith("Alibaba Group", StringComparison.Ordinal));
        Assert.Equal(3, entities.Count(e => e.Schema == "Article"));
        Assert.Equal(3, entities.Count(e => e.Schema == "Mention" && e.Properties["resolved"].Contains(alibaba.Id)));
        Assert.Contains(entities, e => e.Schema == "Documentation" && e.Properties["entity"].Contains(alibaba.Id));
        Assert.Contains(entities, e => e.Schema == "Note" && e.Properties["entity"].Contains(alibaba.Id));
        Assert.Contains(entities, e => e.Schema == "Sanction" && e.Properties["program"].Contains("Test program"));

        // Every entity a link names is in the export.
        var ids = entities.Select(e => e.Id).ToHashSet();
        foreach (var entity in entities)
        {
            foreach (var reference in new[] { "document", "resolved", "entity" }.Where(entity.Properties.ContainsKey))
            {
                Assert.All(entity.Properties[reference], id => Assert.Contains(id, ids));
            }
        }

        Assert.Equal(text, await ExportAsync("ftm"));
    }

    [Fact]
    public async Task Claimreview_has_a_claim_for_every_claim_and_reviews_only_what_the_texts_deny()
    {
        var nodes = Lines(await ExportAsync("claimreview")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

        Assert.All(nodes, n => Assert.Equal("https://schema.org", (string?)n["@context"]));
        var claims = nodes.Where(n => (string?)n["@type"] == "Claim").ToList();
        Assert.Equal(ClaimCount, claims.Count);
        Assert.All(claims, c =>
        {
            Assert.False(string.IsNullOrEmpty((string?)c["text"]));
            Assert.Equal("CreativeWork", (string?)c["appearance"]!["@type"]);
        });
        var reviews = nodes.Where(n => (string?)n["@type"] == "ClaimReview").ToList();
        var pla = Assert.Single(reviews, r => ((string?)r["claimReviewed"])!.Contains("People’s Liberation Army", StringComparison.Ordinal));
        Assert.Equal(ClaimReviewWriter.DeniedBySubject, (string?)pla["reviewRating"]!["alternateName"]);
        var denied = samples.Analysis.Documents.SelectMany(d => d.Claims).Where(c => c.Status is "denied" or "negated").Select(c => c.Text).ToHashSet();
        Assert.All(reviews, r =>
        {
            Assert.Equal("Claim", (string?)r["itemReviewed"]!["@type"]);
            Assert.Equal((string?)r["claimReviewed"], (string?)r["itemReviewed"]!["text"]);
            Assert.DoesNotContain((string)r["claimReviewed"]!, denied);
            Assert.False(string.IsNullOrEmpty((string?)r["reviewRating"]!["ratingExplanation"]));
        });
    }

    [Fact]
    public async Task Claimreview_relink_recomputes_links_the_store_lacks()
    {
        // A plain analyze does not relink: the report that the samples' denial answers arrives without its links.
        var db = samples.Path("unlinked.db");
        File.Copy(samples.Database, db, overwrite: true);

        Assert.Equal(0, (await CliRun.RunAsync("analyze", RepoPaths.Fixture("linking", "pla-report.txt"), "--db", db)).ExitCode);

        static int Reviews(CliResult result) => result.Out.Split('\n').Count(l => l.Contains("\"@type\":\"ClaimReview\"", StringComparison.Ordinal));
        var stale = await CliRun.RunAsync("export", "--db", db, "--format", "claimreview");
        var relinked = await CliRun.RunAsync("export", "--db", db, "--format", "claimreview", "--relink");

        Assert.Equal(0, relinked.ExitCode);
        Assert.True(Reviews(relinked) > 0);
        Assert.True(Reviews(relinked) > Reviews(stale));
    }

    [Fact]
    public async Task A_missing_store_is_not_found_and_writes_nothing()
    {
        var path = samples.Path("none.jsonl");
        var result = await CliRun.RunAsync("export", "--db", samples.Path("missing.db"), "--format", "jsonl", "-o", path);
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("missing.db", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_store_that_is_not_a_database_fails_with_a_reason_and_leaves_no_file()
    {
        var db = samples.Path("garbage.db");
        await File.WriteAllTextAsync(db, "this is not a SQLite file, just some text that is long enough to have a header" + new string('x', 200));
        var path = samples.Path("garbage.csv");
        var result = await CliRun.RunAsync("export", "--db", db, "--format", "csv", "-o", path);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("garbage.db", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }
}
