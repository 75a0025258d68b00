using System.IO.Compression;
using System.Text;
using Dossier.Ingestion;

namespace Dossier.Tests.Ingestion;

public sealed class WarcReaderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dossier-warc-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static byte[] Record(string type, string uri, byte[] block) =>
    [
        .. Encoding.ASCII.GetBytes(
            $"WARC/1.0\r\nWARC-Type: {type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-11-02T10:00:00Z\r\n" +
            $"WARC-Record-ID: <urn:uuid:{Guid.NewGuid()}>\r\nContent-Length: {block.Length}\r\n\r\n"),
        .. block,
        .. "\r\n\r\n"u8.ToArray(),
    ];

    private static byte[] Response(string status, string headers, byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{headers}\r\n"), .. body];

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }

    private static IEnumerable<byte[]> Records()
    {
        var article = "<html><head><title>Alibaba Denies PLA Ties</title></head><body><article><p>Alibaba denied the report on Saturday.</p></article></body></html>"u8.ToArray();
        var zipped = Gzip("<html><body><p>Huawei was added to the Entity List.</p></body></html>"u8.ToArray());
        var chunked = (byte[])[.. Encoding.ASCII.GetBytes($"{zipped.Length:x}\r\n"), .. zipped, .. "\r\n0\r\n\r\n"u8.ToArray()];
        yield return Record("warcinfo", "", "software: test\r\n"u8.ToArray());
        yield return Record("request", "https://news.example/a", "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"u8.ToArray());
        yield return Record("response", "https://news.example/a", Response("200 OK", "Content-Type: text/html; charset=utf-8\r\n", article));
        yield return Record("response", "https://news.example/b", Response("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", chunked));
        yield return Record("response", "https://news.example/missing", Response("404 Not Found", "Content-Type: text/html\r\n", "<p>gone</p>"u8.ToArray()));
        yield return Record("response", "https://news.example/logo.png", Response("200 OK", "Content-Type: image/png\r\n", [0x89, 0x50, 0x4e, 0x47]));
    }

    private static async Task<List<InputItem>> Read(string path)
    {
        var items = new List<InputItem>();
        await foreach (var item in new InputReader().ReadAsync([path], () => Stream.Null, CancellationToken.None)) items.Add(item);
        return items;
    }

    [Fact]
    public async Task ReadsTheHtmlResponsesOfAWebArchive()
    {
        var path = Path.Combine(_folder.FullName, "news.warc");
        File.WriteAllBytes(path, Records().SelectMany(r => r).ToArray());

        var items = await Read(path);

        Assert.Equal(["https://news.example/a", "https://news.example/b"], items.Select(i => i.Input!.Hints.Url));
        Assert.Contains("Huawei was added", Encoding.UTF8.GetString(items[1].Input!.Bytes.Span));
        Assert.Equal("utf-8", items[0].Input!.Hints.DeclaredCharset);
        Assert.EndsWith("news.warc#https://news.example/a", items[0].Input!.Source);
    }

    [Fact]
    public async Task ReadsACompressedWebArchiveOfOneGzipMemberPerRecord()
    {
        var path = Path.Combine(_folder.FullName, "news.warc.gz");
        File.WriteAllBytes(path, Records().SelectMany(Gzip).ToArray());

        var items = await Read(path);

        Assert.Equal(2, items.Count(i => i.Input is not null));
    }

    [Fact]
    public async Task ACutOffArchiveKeepsTheRecordsBeforeTheCutAndSaysWhy()
    {
        var whole = Records().SelectMany(r => r).ToArray();
        var path = Path.Combine(_folder.FullName, "cut.warc");
        File.WriteAllBytes(path, whole[..(whole.Length - 40)]);

        var items = await Read(path);

        Assert.Equal(2, items.Count(i => i.Input is not null));
        Assert.Contains("truncated", items.Last().Failure!.Reason);
    }

    [Fact]
    public async Task ARecordWithoutALengthIsABrokenArchive()
    {
        var path = Path.Combine(_folder.FullName, "broken.warc");
        File.WriteAllBytes(path, "WARC/1.0\r\nWARC-Type: response\r\n\r\nhello"u8.ToArray());

        var items = await Read(path);

        Assert.Contains("Content-Length", items.Single().Failure!.Reason);
    }
}
