using System.IO.Compression;
using System.Text;
using Dossier.Ingestion;

namespace Dossier.Tests.Ingestion;

public sealed class InputReaderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dossier-input-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static async Task<List<InputItem>> ReadAll(InputReader reader, params string[] paths)
    {
        var items = new List<InputItem>();
        await foreach (var item in reader.ReadAsync(paths, () => Stream.Null, CancellationToken.None)) items.Add(item);
        return items;
    }

    [Fact]
    public async Task AFolderListingPassesOverTheFilesItWasToldToSkipButNotTheSameFileNamedOnItsOwn()
    {
        var article = Write("article.txt", Encoding.UTF8.GetBytes("A headline for the story\n\nBody text."));
        var store = Write("dossier.db", [0x53, 0x51, 0x4C, 0x00, 0x01, 0x02]);
        var log = Write("dossier.db-wal", [0x00, 0x01, 0x02, 0x03]);
        var reader = new InputReader(InputLimits.Default, skippedFiles: [store, log]);

        var listed = await ReadAll(reader, _folder.FullName);
        Assert.Equal([article], listed.Select(item => item.Input?.Source ?? item.Failure?.Source));

        var named = Assert.Single(await ReadAll(reader, store));
        Assert.Equal(store, named.Input?.Source ?? named.Failure?.Source);
    }

    [Fact]
    public async Task ReadsFoldersRecursivelyAndRecognisesFormatsByContent()
    {
        Write("a/article.txt", Encoding.UTF8.GetBytes("A headline for the story\n\nBody text."));
        Write("b/page.data", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><p>Hi</p></body></html>"));
        using (var packed = new MemoryStream())
        {
            using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(Encoding.UTF8.GetBytes("<html><body><p>Zipped</p></body></html>"));
            }

            Write("c/page.html.gz", packed.ToArray());
        }

        Write("d/articles.jsonl", Encoding.UTF8.GetBytes(
            "{\"url\":\"https://news.example/a\",\"title\":\"A\",\"published\":\"2025-11-01T10:00:00Z\",\"text\":\"First.\"}\n" +
            "{\"url\":\"https://news.example/b\",\"html\":\"<p>Second.</p>\"}\n"));

        var items = await ReadAll(new InputReader(), _folder.FullName);

        Assert.All(items, item => Assert.Null(item.Failure));
        Assert.Equal([InputFormat.PlainText, InputFormat.Html, InputFormat.Html, InputFormat.PlainText, InputFormat.Html], items.Select(i => i.Input!.Format));
        var jsonl = items[3].Input!;
        Assert.Equal("https://news.example/a", jsonl.Hints.Url);
        Assert.Equal(new DateTimeOffset(2025, 11, 1, 10, 0, 0, TimeSpan.Zero), jsonl.Hints.Published);
        Assert.EndsWith("articles.jsonl:1", jsonl.Source);
        Assert.NotEqual(items[3].Input!.Id, items[4].Input!.Id);
    }

    [Fact]
    public async Task TheIdIsTheSha256OfTheInputBytes()
    {
        var path = Write("x.txt", Encoding.UTF8.GetBytes("abc"));
        var items = await ReadAll(new InputReader(), path);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", items.Single().Input!.Id);
    }

    [Fact]
    public async Task EveryBadInputFailsWithItsPathAndAReason()
    {
        Write("empty.txt", []);
        Write("blank.txt", Encoding.UTF8.GetBytes(" \n\t\n"));
        var truncated = Write("broken.html.gz", [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c]);
        var huge = Path.Combine(_folder.FullName, "huge.txt");
        using (var stream = File.Create(huge)) stream.SetLength(200L * 1024 * 1024);
        var link = Path.Combine(_folder.FullName, "dangling.txt");
        File.CreateSymbolicLink(link, Path.Combine(_folder.FullName, "no-such-target.txt"));
        Write("bad.jsonl", Encoding.UTF8.GetBytes("{\"title\":\"no body\"}\n{not json}\n"));

        var items = await ReadAll(new InputReader(), _folder.FullName);
        Assert.All(items, item => Assert.True(item.Input is null, $"{item.Input?.Source} should have failed"));
        var failures = items.Select(i => i.Failure!).ToDictionary(f => Path.GetFileName(f.Source), f => f.Reason);

        Assert.Equal("empty file", failures["empty.txt"]);
        Assert.Contains("white space", failures["blank.txt"]);
        Assert.Contains("gzip", failures[Path.GetFileName(truncated)]);
        Assert.Contains("too large", failures["huge.txt"]);
        Assert.Contains("broken symbolic link", failures["dangling.txt"]);
        Assert.Contains("neither 'html' nor 'text'", failures["bad.jsonl:1"]);
        Assert.Contains("invalid JSON", failures["bad.jsonl:2"]);
    }

    [Fact]
    public async Task AFileThatVanishesAfterListingIsReportedNotThrown()
    {
        Write("1.txt", Encoding.UTF8.GetBytes("first article body"));
        var second = Write("2.txt", Encoding.UTF8.GetBytes("second article body"));
        var items = new List<InputItem>();
        await foreach (var item in new InputReader().ReadAsync([_folder.FullName], () => Stream.Null, CancellationToken.None))
        {
            items.Add(item);
            if (items.Count == 1) File.Delete(second);
        }

        Assert.NotNull(items[0].Input);
        Assert.Equal("the file vanished before it could be read", items[1].Failure!.Reason);
    }

    [Fact]
    public async Task StandardInputIsReadWhenThePathIsADash()
    {
        var items = new List<InputItem>();
        await foreach (var item in new InputReader().ReadAsync(["-"], () => new MemoryStream(Encoding.UTF8.GetBytes("Piped article text.")), CancellationToken.None))
        {
            items.Add(item);
        }

        Assert.Equal("-", items.Single().Input!.Source);
    }

    [Fact]
    public async Task AnUnboundedStreamIsCutAtTheLimit()
    {
        var reader = new InputReader(new InputLimits { MaxBytes = 1024 });
        var items = new List<InputItem>();
        await foreach (var item in reader.ReadAsync(["-"], () => new MemoryStream(new byte[10_000]), CancellationToken.None)) items.Add(item);
        Assert.Contains("too large", items.Single().Failure!.Reason);
    }
}
