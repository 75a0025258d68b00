using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Dossier.Ingestion;

/// <summary>
/// Turns the paths a user names (files, folders, "-" for standard input) into raw articles.
/// Every input either yields articles or one failure with a reason; nothing here throws for bad input.
/// </summary>
/// <param name="skippedFiles">Files a folder listing passes over without a word: the run's own store, when a user keeps
/// it beside the articles, would otherwise come back as inputs that fail (binary content) in every run.</param>
public sealed class InputReader(InputLimits limits, Web.PoliteFetcher? fetcher = null, IEnumerable<string>? skippedFiles = null)
{
    public const string StandardInput = "-";

    private readonly HashSet<string> _skippedFiles = [.. (skippedFiles ?? []).Select(Path.GetFullPath)];

    public InputReader() : this(InputLimits.Default) { }

    public static bool IsUrl(string path) =>
        path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public async IAsyncEnumerable<InputItem> ReadAsync(
        IEnumerable<string> paths,
        Func<Stream> openStandardInput,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (path == StandardInput)
            {
                await foreach (var item in ReadStreamAsync(StandardInput, openStandardInput, cancellationToken)) yield return item;
            }
            else if (IsUrl(path))
            {
                await foreach (var item in ReadUrlAsync(path, followFeeds: true, cancellationToken)) yield return item;
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in ListFolder(path))
                {
                    await foreach (var item in ReadFileAsync(file, listed: true, cancellationToken)) yield return item;
                }
            }
            else
            {
                await foreach (var item in ReadFileAsync(path, listed: false, cancellationToken)) yield return item;
            }
        }
    }

    private IEnumerable<string> ListFolder(string folder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = 0,
            ReturnSpecialDirectories = false,
        };
        // Sorted so that runs over the same folder are reproducible.
        return Directory.EnumerateFiles(folder, "*", options).Where(file => !_skippedFiles.Contains(Path.GetFullPath(file)))
            .Order(StringComparer.Ordinal).ToList();
    }

    private async IAsyncEnumerable<InputItem> ReadFileAsync(string path, bool listed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is { } target && file.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
        {
            yield return InputItem.Failed(path, $"broken symbolic link (points to '{target}', which does not exist)");
            yield break;
        }

        if (!file.Exists)
        {
            yield return InputItem.Failed(path, listed ? "the file vanished before it could be read" : "no such file or folder");
            yield break;
        }

        Stream Open() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var items = IsWarc(path, Open) ? ReadWarcAsync(path, Open, cancellationToken) : ReadStreamAsync(path, Open, cancellationToken);
        await foreach (var item in items) yield return item;
    }

    /// <summary>A web archive, compressed or not, starts with a WARC version line.</summary>
    private static bool IsWarc(string path, Func<Stream> open)
    {
        try
        {
            using var file = open();
            Span<byte> head = stackalloc byte[5];
            var count = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (count >= 2 && FormatSniffer.IsGzip(head))
            {
                file.Position = 0;
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                count = gzip.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }

            return count == 5 && head.SequenceEqual("WARC/"u8);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // Let the ordinary reader report the problem with its own reason.
            return false;
        }
    }

    /// <summary>Each HTML response record of a web archive is one article; other records are passed over.</summary>
    private async IAsyncEnumerable<InputItem> ReadWarcAsync(string path, Func<Stream> open, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (file, openFailure) = TryOpen(open);
        if (file is null)
        {
            yield return InputItem.Failed(path, openFailure!);
            yield break;
        }

        await using var _ = file;
        var head = new byte[2];
        var compressed = file.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && FormatSniffer.IsGzip(head);
        file.Position = 0;
        await using var content = compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
        var records = new Warc.WarcReader(content, limits.MaxBytes).ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Warc.WarcRecord record;
            string? failure = null;
            try
            {
                if (!await records.MoveNextAsync()) break;
                record = records.Current;
            }
            catch (Exception error) when (error is InvalidDataException or IOException)
            {
                failure = error is EndOfStreamException ? "truncated web archive" : $"broken web archive: {error.Message}";
                record = null!;
            }

            if (failure is not null)
            {
                yield return InputItem.Failed(path, failure);
                yield break;
            }

            if (record.Type != "response") continue;
            var source = $"{path}#{record.TargetUri ?? record.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            if (record.SkipReason is { } skip)
            {
                yield return InputItem.Failed(source, skip);
                continue;
            }

            if (Warc.HttpPayload.TryParse(record.Block, limits.MaxBytes) is not { IsHtml: true, Status: >= 200 and < 300 } payload) continue;
            if (IsBlank(payload.Body.Span))
            {
                yield return InputItem.Failed(source, "empty response body");
                continue;
            }

            var hints = new ArticleHints(Url: record.TargetUri, DeclaredCharset: payload.Charset);
            yield return InputItem.Of(RawInput.FromBytes(source, payload.Body, InputFormat.Html, hints));
        }
    }

    private async IAsyncEnumerable<InputItem> ReadStreamAsync(string source, Func<Stream> open, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var read = await ReadBoundedAsync(source, open, cancellationToken);
        if (read.Failure is { } failure)
        {
            yield return InputItem.Failed(source, failure);
            yield break;
        }

        var bytes = read.Bytes;
        if (FormatSniffer.IsGzip(bytes.Span))
        {
            var unpacked = Gunzip(bytes);
            if (unpacked.Failure is { } gzipFailure)
            {
                yield return InputItem.Failed(source, gzipFailure);
                yield break;
            }

            bytes = unpacked.Bytes;
        }

        if (IsBlank(bytes.Span))
        {
            yield return InputItem.Failed(source, bytes.IsEmpty ? "empty file" : "file holds only white space");
            yield break;
        }

        if (Web.FeedParser.LooksLikeFeed(bytes.Span) && Web.FeedParser.TryParse(bytes, null, limits.MaxFeedEntries) is { } entries)
        {
            await foreach (var item in ReadFeedEntriesAsync(source, entries, cancellationToken)) yield return item;
            yield break;
        }

        var name = source.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? source[..^3] : source;
        if (FormatSniffer.LooksLikeJsonLines(bytes.Span, name))
        {
            foreach (var item in ReadJsonLines(source, bytes)) yield return item;
            yield break;
        }

        yield return InputItem.Of(RawInput.FromBytes(source, bytes, FormatSniffer.TextOrHtml(bytes.Span, name)));
    }

    /// <summary>A page is one article; a feed or sitemap is the articles it links to (not followed further).</summary>
    private async IAsyncEnumerable<InputItem> ReadUrlAsync(string url, bool followFeeds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield return InputItem.Failed(url, "not a valid URL");
            yield break;
        }

        if (fetcher is null)
        {
            yield return InputItem.Failed(url, "fetching URLs is not enabled here");
            yield break;
        }

        var result = await fetcher.FetchAsync(uri, cancellationToken);
        if (!result.Succeeded)
        {
            yield return InputItem.Failed(url, result.Failure!);
            yield break;
        }

        if (IsBlank(result.Body.Span))
        {
            yield return InputItem.Failed(url, "empty response body");
            yield break;
        }

        if (followFeeds && Web.FeedParser.LooksLikeFeed(result.Body.Span) && Web.FeedParser.TryParse(result.Body, result.Final ?? uri, limits.MaxFeedEntries) is { } entries)
        {
            await foreach (var item in ReadFeedEntriesAsync(url, entries, cancellationToken)) yield return item;
            yield break;
        }

        var format = result.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true ? InputFormat.Html : FormatSniffer.TextOrHtml(result.Body.Span, url);
        var hints = new ArticleHints(Url: (result.Final ?? uri).ToString(), DeclaredCharset: result.Charset);
        yield return InputItem.Of(RawInput.FromBytes(url, result.Body, format, hints));
    }

    private async IAsyncEnumerable<InputItem> ReadFeedEntriesAsync(string feed, IReadOnlyList<Web.FeedEntry> entries, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            yield return InputItem.Failed(feed, "feed has no entries with links");
            yield break;
        }

        foreach (var entry in entries)
        {
            await foreach (var item in ReadUrlAsync(entry.Link.ToString(), followFeeds: false, cancellationToken))
            {
                yield return item.Input is { } input && (entry.Title is not null || entry.Published is not null)
                    ? InputItem.Of(input with { Hints = input.Hints with { Title = input.Hints.Title ?? entry.Title, Published = input.Hints.Published ?? entry.Published } })
                    : item;
            }
        }
    }

    private static (Stream? Stream, string? Failure) TryOpen(Func<Stream> open)
    {
        try
        {
            return (open(), null);
        }
        catch (FileNotFoundException)
        {
            return (null, "the file vanished before it could be read");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return (null, $"could not be read: {error.Message}");
        }
    }

    private async Task<(ReadOnlyMemory<byte> Bytes, string? Failure)> ReadBoundedAsync(string source, Func<Stream> open, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = open();
            if (stream.CanSeek && stream.Length > limits.MaxBytes)
            {
                return (default, TooLarge(stream.Length));
            }

            // A file says how long it is, so its buffer is made that size at once (one byte more to meet the end), not grown by
            // doubling, which allocated about three times the page, most of it on the large-object heap.
            var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length + 1, Array.MaxLength) : 0);
            var chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                int count;
                while ((count = await stream.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (buffer.Length + count > limits.MaxBytes) return (default, TooLarge(null));
                    buffer.Write(chunk, 0, count);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
        }
        catch (FileNotFoundException)
        {
            return (default, "the file vanished before it could be read");
        }
        catch (DirectoryNotFoundException)
        {
            return (default, "the file's folder vanished before it could be read");
        }
        catch (UnauthorizedAccessException)
        {
            return (default, "permission denied");
        }
        catch (IOException error)
        {
            return (default, $"could not be read: {error.Message}");
        }
    }

    private (ReadOnlyMemory<byte> Bytes, string? Failure) Gunzip(ReadOnlyMemory<byte> packed)
    {
        try
        {
            using var input = new MemoryStream(packed.ToArray(), writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            var output = new MemoryStream();
            var chunk = new byte[1 << 16];
            int count;
            while ((count = gzip.Read(chunk)) > 0)
            {
                if (output.Length + count > limits.MaxBytes) return (default, TooLarge(null) + " once decompressed");
                output.Write(chunk, 0, count);
            }

            // A gzip stream cut short decodes without complaint; its trailer's length field then no longer matches.
            var span = packed.Span;
            var declaredLength = span.Length >= 18 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span[^4..]) : uint.MaxValue;
            if (declaredLength != (uint)output.Length)
            {
                return (default, $"truncated or corrupt gzip data (decoded {output.Length} bytes; the trailer declares {declaredLength})");
            }

            return (output.GetBuffer().AsMemory(0, (int)output.Length), null);
        }
        catch (InvalidDataException error)
        {
            return (default, $"corrupt gzip data: {error.Message}");
        }
        catch (EndOfStreamException)
        {
            return (default, "truncated gzip data");
        }
    }

    private static IEnumerable<InputItem> ReadJsonLines(string source, ReadOnlyMemory<byte> bytes)
    {
        var lineNumber = 0;
        var rest = bytes;
        while (!rest.IsEmpty)
        {
            lineNumber++;
            var newline = rest.Span.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
            if (IsBlank(line.Span)) continue;
            yield return JsonArticle.Parse($"{source}:{lineNumber}", line);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }

        return true;
    }

    private string TooLarge(long? length) =>
        length is { } known
            ? $"too large ({Megabytes(known)} MB; the limit is {Megabytes(limits.MaxBytes)} MB)"
            : $"too large (over the {Megabytes(limits.MaxBytes)} MB limit)";

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One JSON Lines record: <c>url</c>, <c>title</c>, <c>published</c>, and <c>html</c> or <c>text</c>.</summary>
internal static class JsonArticle
{
    public static InputItem Parse(string source, ReadOnlyMemory<byte> line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return InputItem.Failed(source, "JSON line is not an object");
            var root = json.RootElement;
            var html = StringProperty(root, "html");
            var text = StringProperty(root, "text");
            if (string.IsNullOrWhiteSpace(html) && string.IsNullOrWhiteSpace(text))
            {
                return InputItem.Failed(source, "JSON line has neither 'html' nor 'text'");
            }

            var hints = new ArticleHints(
                Url: StringProperty(root, "url"),
                Title: StringProperty(root, "title"),
                Published: DateParsing.TryParseIso(StringProperty(root, "published")));
            var format = string.IsNullOrWhiteSpace(html) ? InputFormat.PlainText : InputFormat.Html;
            var body = System.Text.Encoding.UTF8.GetBytes(format == InputFormat.Html ? html! : text!);
            // The record's identity is its own bytes, so that the same line read twice is the same document.
            return InputItem.Of(new RawInput(ContentHash.Of(line.Span), source, body, format, hints));
        }
        catch (JsonException error)
        {
            return InputItem.Failed(source, $"invalid JSON: {error.Message}");
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
