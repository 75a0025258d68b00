using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dossier.Analysis;
using Dossier.Claims;
using Dossier.Documents;
using Dossier.Export;
using Dossier.Linking;
using Dossier.Linking.Stance;
using Dossier.Serialization;
using Dossier.Storage.Sqlite;
using Parquet;
using Parquet.Schema;

namespace Dossier.Tests.Export;

public sealed class ExportTests
{
    /// <summary>Quotes, commas, line breaks, formula prefixes and control characters, all of which articles contain.</summary>
    private const string Hostile = "\"Quoted\", he said,\r\nthen a new line; \u0001\u0007 bell, tab\there, \u2028 separator, 阿里巴巴 and </script>";

    private static readonly string[] FormulaStarts = ["=SUM(A1:A9)", "+1+1", "-2+3", "@cmd", "\t=1"];

    private static Document Article(string id, string text, DateTimeOffset? published, params Claim[] claims) =>
        Document.Create(id, text, new DocumentMetadata { Source = id, Published = published, Url = $"https://news.example/{id}", Title = "Title of " + id })
            .With(Layers.Claims, claims.ToImmutableArray());

    private static Claim ClaimOn(string text, string passage, ClaimStatus status, int? respondsTo = null)
    {
        var start = text.IndexOf(passage, StringComparison.Ordinal);
        Assert.True(start >= 0, $"passage not found: {passage}");
        return new Claim(new TextSpan(start, start + passage.Length), [], "military_ties", status, Polarity.Adverse, [], null, [], 0.9, respondsTo);
    }

    private static async IAsyncEnumerable<StoredDocument> Stored(params Document[] documents)
    {
        foreach (var document in documents)
        {
            await Task.Yield();
            yield return new StoredDocument(DossierJsonMapper.ToJson(document), new Dictionary<int, long>());
        }
    }

    private static Document HostileArticle()
    {
        var passages = FormulaStarts.Append(Hostile).ToList();
        var text = string.Join(" | ", passages);
        return Article("hostile", text, null, passages.Select(p => ClaimOn(text, p, ClaimStatus.Asserted)).ToArray());
    }

    [Fact]
    public async Task Csv_quotes_hostile_text_so_that_it_reads_back_unchanged_and_guards_formulas()
    {
        var output = new StringWriter();
        var rows = await ClaimCsvWriter.WriteAsync(Stored(HostileArticle()), output, CancellationToken.None);

        var records = Csv.Read(new StringReader(output.ToString())).ToList();
        Assert.Equal(ClaimTable.Columns, records[0]);
        Assert.Equal(rows, records.Count - 1);
        var texts = records.Skip(1).Select(r => r[ClaimTable.Columns.ToList().IndexOf("text")]).ToList();
        Assert.Equal(FormulaStarts.Select(f => "'" + f).Append(Hostile), texts);
        Assert.All(records, r => Assert.Equal(ClaimTable.Columns.Count, r.Length));
    }

    [Fact]
    public async Task Json_lines_keep_hostile_text_on_one_line_and_read_back_unchanged()
    {
        var output = new StringWriter();
        await DocumentJsonLines.WriteAsync(Stored(HostileArticle()), output, CancellationToken.None);

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var document = JsonSerializer.Deserialize<DocumentJson>(line, DossierJsonMapper.Options)!;
        Assert.Equal(HostileArticle().Text, document.Text);
        Assert.Equal(Hostile, document.Claims[^1].Text);
        Assert.DoesNotContain("</script>", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parquet_reads_back_with_typed_columns_in_row_groups()
    {
        var many = Enumerable.Range(0, ClaimParquetWriter.RowGroupSize + 5)
            .Select(i => Article($"d{i}", "Claim number " + i + ".", i % 2 == 0 ? new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero) : null,
                ClaimOn("Claim number " + i + ".", "Claim number " + i, ClaimStatus.Asserted)))
            .Prepend(HostileArticle())
            .ToArray();
        using var stream = new MemoryStream();
        var rows = await ClaimParquetWriter.WriteAsync(Stored(many), stream, CancellationToken.None);

        stream.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal(2, reader.RowGroupCount);
        Assert.Equal(ClaimTable.Columns, reader.Schema.DataFields.Select(f => f.Name));
        var fields = reader.Schema.DataFields;
        using var first = reader.OpenRowGroupReader(0);
        Assert.Equal(ClaimParquetWriter.RowGroupSize, first.RowCount);
        var texts = new string?[first.RowCount];
        await first.ReadAsync(fields.Single(f => f.Name == "text"), texts.AsMemory());
        Assert.Equal(Hostile, texts[FormulaStarts.Length]);
        Assert.Equal("=SUM(A1:A9)", texts[0]);
        var published = new DateTime?[first.RowCount];
        await first.ReadAsync<DateTime>(fields.Single(f => f.Name == "published"), published.AsMemory());
        Assert.Null(published[0]);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5), published[FormulaStarts.Length + 1]);
        var starts = new int[first.RowCount];
        await first.ReadAsync<int>(fields.Single(f => f.Name == "start"), starts.AsMemory());
        Assert.Equal(HostileArticle().Text.IndexOf(Hostile, StringComparison.Ordinal), starts[FormulaStarts.Length]);
        using var second = reader.OpenRowGroupReader(1);
        Assert.Equal(rows - ClaimParquetWriter.RowGroupSize, second.RowCount);
    }

    [Fact]
    public async Task Parquet_of_an_empty_store_has_the_schema_and_no_rows()
    {
        using var stream = new MemoryStream();
        Assert.Equal(0, await ClaimParquetWriter.WriteAsync(Stored(), stream, CancellationToken.None));
        stream.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal(ClaimTable.Columns, reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(0, Enumerable.Range(0, reader.RowGroupCount).Sum(i => reader.OpenRowGroupReader(i).RowCount));
    }

    [Fact]
    public async Task Claim_review_pairs_the_allegation_with_a_denial_in_another_article_and_names_the_first_appearance()
    {
        var report = File.ReadAllText(RepoPaths.Fixture("linking", "pla-report.txt"));
        var denial = File.ReadAllText(Directory.GetFiles(RepoPaths.Samples, "002_*.txt").Single());
        const string allegation = "Alibaba provided unspecified support to the People's Liberation Army";
        const string reported = "Alibaba had been involved in providing unspecified support to the People’s Liberation Army (PLA)";
        const string denied = "The assertions and innuendos in the article are completely false";
        var dir = Directory.CreateTempSubdirectory("dossier-export-");
        try
        {
            var db = Path.Combine(dir.FullName, "d.db");
            await using var store = await SqliteDossierStore.OpenAsync(db, CancellationToken.None);
            await store.AddDocumentAsync(Article("report", report, new DateTimeOffset(2025, 11, 14, 0, 0, 0, TimeSpan.Zero), ClaimOn(report, allegation, ClaimStatus.Alleged)), CancellationToken.None);
            await store.AddDocumentAsync(Article("denial", denial, new DateTimeOffset(2025, 11, 16, 0, 0, 0, TimeSpan.Zero),
                ClaimOn(denial, reported, ClaimStatus.Alleged), ClaimOn(denial, denied, ClaimStatus.Denied, respondsTo: 0)), CancellationToken.None);
            IReadOnlyList<ClaimLinkJson> links;
            await using (var linkStore = await SqliteLinkStore.OpenAsync(db, CancellationToken.None))
            {
                await StoreLinking.LinkNewAsync(linkStore, CancellationToken.None);
                links = await linkStore.GetClaimLinksAsync(CancellationToken.None);
            }

            Assert.Contains(links, l => l.Relation == "denies");
            var output = new StringWriter();
            await ClaimReviewWriter.WriteAsync(store, links, output, CancellationToken.None);
            var nodes = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

            Assert.All(nodes, n => Assert.Equal("https://schema.org", (string?)n["@context"]));
            Assert.Equal(3, nodes.Count(n => (string?)n["@type"] == "Claim"));
            var reviews = nodes.Where(n => (string?)n["@type"] == "ClaimReview").ToList();
            Assert.Contains(reviews, r => (string?)r["claimReviewed"] == allegation);
            Assert.Contains(reviews, r => (string?)r["claimReviewed"] == reported);
            Assert.DoesNotContain(reviews, r => (string?)r["claimReviewed"] == denied);
            Assert.All(reviews, r =>
            {
                Assert.Equal("Claim", (string?)r["itemReviewed"]!["@type"]);
                Assert.Equal(ClaimReviewWriter.Disputed, (string?)r["reviewRating"]!["alternateName"]);
            });

            var repeated = nodes.Single(n => (string?)n["@type"] == "Claim" && (string?)n["text"] == reported);
            Assert.Equal("https://news.example/denial", (string?)repeated["appearance"]!["url"]);
            Assert.Equal("https://news.example/report", (string?)repeated["firstAppearance"]!["url"]);
            Assert.Equal("2025-11-14T00:00:00+00:00", (string?)repeated["firstAppearance"]!["datePublished"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
