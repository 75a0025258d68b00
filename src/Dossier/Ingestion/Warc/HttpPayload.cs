using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Dossier.Ingestion.Warc;

/// <summary>An HTTP response as a WARC response record keeps it: status, headers, and the body with transfer and content codings removed.</summary>
public sealed record HttpPayload(int Status, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body)
{
    public string? ContentType => Headers.GetValueOrDefault("Content-Type");

    /// <summary>The charset parameter of the Content-Type header, if any.</summary>
    public string? Charset =>
        ContentType?.Split(';').Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))?[8..].Trim('"', '\'', ' ');

    public bool IsHtml =>
        ContentType is null || ContentType.Contains("html", StringComparison.OrdinalIgnoreCase);

    public static HttpPayload? TryParse(ReadOnlyMemory<byte> block, long maxBodyBytes)
    {
        var span = block.Span;
        var headerEnd = span.IndexOf("\r\n\r\n"u8);
        var separator = 4;
        if (headerEnd < 0)
        {
            headerEnd = span.IndexOf("\n\n"u8);
            separator = 2;
        }

        if (headerEnd < 0) return null;
        var lines = Encoding.Latin1.GetString(span[..headerEnd]).Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
            !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = block[(headerEnd + separator)..];
        try
        {
            if (headers.GetValueOrDefault("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true) body = Dechunk(body);
            body = Decode(body, headers.GetValueOrDefault("Content-Encoding"), maxBodyBytes);
        }
        catch (InvalidDataException)
        {
            // A coding that does not decode leaves the body as stored: extraction then reports what it finds.
        }

        return new HttpPayload(status, headers, body);
    }

    private static ReadOnlyMemory<byte> Dechunk(ReadOnlyMemory<byte> chunked)
    {
        var output = new MemoryStream();
        var rest = chunked;
        while (!rest.IsEmpty)
        {
            var lineEnd = rest.Span.IndexOf((byte)'\n');
            if (lineEnd < 0) break;
            var sizeText = Encoding.ASCII.GetString(rest.Span[..lineEnd]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                return chunked;
            }

            rest = rest[(lineEnd + 1)..];
            if (size == 0) break;
            size = Math.Min(size, rest.Length);
            output.Write(rest.Span[..size]);
            rest = rest[size..];
            if (rest.Span.StartsWith("\r\n"u8)) rest = rest[2..];
            else if (rest.Span.StartsWith("\n"u8)) rest = rest[1..];
        }

        return output.ToArray();
    }

    private static ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> body, string? contentEncoding, long maxBodyBytes)
    {
        Stream? decoder = contentEncoding?.Trim().ToLowerInvariant() switch
        {
            "gzip" or "x-gzip" => new GZipStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress),
            "deflate" => new ZLibStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress),
            _ => null,
        };
        if (decoder is null) return body;
        using (decoder)
        {
            var output = new MemoryStream();
            var chunk = new byte[1 << 16];
            int count;
            while ((count = decoder.Read(chunk)) > 0)
            {
                if (output.Length + count > maxBodyBytes) throw new InvalidDataException("body too large once decoded");
                output.Write(chunk, 0, count);
            }

            return output.ToArray();
        }
    }
}
