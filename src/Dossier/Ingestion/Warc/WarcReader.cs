using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Dossier.Ingestion.Warc;

/// <summary>
/// Streams the records of a WARC file (ISO 28500, versions 0.18 to 1.1), one at a time, so that a file of any size is read
/// in bounded memory. A gzip-compressed WARC is a series of gzip members, which <see cref="System.IO.Compression.GZipStream"/>
/// reads as one stream.
/// </summary>
public sealed class WarcReader(Stream stream, long maxBlockBytes)
{
    private const int MaxHeaderLine = 64 * 1024;
    private const int MaxFields = 512;
    private readonly BufferedStream _input = new(stream, 1 << 16);
    private long _position;

    public async IAsyncEnumerable<WarcRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = _position;
            var versionLine = ReadLine();
            while (versionLine is { Length: 0 }) versionLine = ReadLine();
            if (versionLine is null) yield break;
            if (!versionLine.StartsWith("WARC/", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"not a WARC record at byte {offset.ToString(CultureInfo.InvariantCulture)}: expected 'WARC/', found '{Truncate(versionLine)}'");
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var line = ReadLine(); !string.IsNullOrEmpty(line); line = ReadLine())
            {
                var colon = line.IndexOf(':');
                if (colon > 0 && fields.Count < MaxFields) fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            if (!long.TryParse(fields.GetValueOrDefault("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw new InvalidDataException($"WARC record at byte {offset.ToString(CultureInfo.InvariantCulture)} has no valid Content-Length");
            }

            if (length > maxBlockBytes)
            {
                await SkipAsync(length, cancellationToken);
                yield return new WarcRecord(fields, default, $"record too large ({length.ToString(CultureInfo.InvariantCulture)} bytes)", offset);
                continue;
            }

            var block = new byte[length];
            var read = await ReadExactlyAsync(block, cancellationToken);
            if (read < length)
            {
                yield return new WarcRecord(fields, block.AsMemory(0, read), "truncated record (the file ends inside it)", offset);
                yield break;
            }

            yield return new WarcRecord(fields, block, null, offset);
        }
    }

    private async Task<int> ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var count = await _input.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (count == 0) break;
            total += count;
        }

        _position += total;
        return total;
    }

    private async Task SkipAsync(long length, CancellationToken cancellationToken)
    {
        var scratch = new byte[1 << 16];
        while (length > 0)
        {
            var count = await _input.ReadAsync(scratch.AsMemory(0, (int)Math.Min(scratch.Length, length)), cancellationToken);
            if (count == 0) return;
            length -= count;
            _position += count;
        }
    }

    /// <summary>A CRLF- (or LF-) terminated line in ISO-8859-1 (WARC headers are UTF-8 in 1.1; field names are ASCII either way).</summary>
    private string? ReadLine()
    {
        var bytes = new List<byte>(128);
        while (true)
        {
            var b = _input.ReadByte();
            if (b < 0) return bytes.Count == 0 ? null : Encoding.UTF8.GetString([.. bytes]);
            _position++;
            if (b == '\n') break;
            if (bytes.Count >= MaxHeaderLine) throw new InvalidDataException("WARC header line too long");
            bytes.Add((byte)b);
        }

        if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string Truncate(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
