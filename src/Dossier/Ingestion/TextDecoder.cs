using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Dossier.Ingestion;

/// <summary>The text of an input and how it was decoded.</summary>
/// <param name="Warning">Set when the bytes did not say their encoding and one was guessed.</param>
public sealed record DecodedText(string Text, string EncodingName, string? Warning);

/// <summary>
/// Decodes bytes in any common encoding: a byte-order mark first, then strict UTF-8, then a declared charset,
/// then detection (windows-1252, ISO-8859-x, GBK, Shift-JIS, UTF-16 without BOM), refusing only what is not text.
/// </summary>
public static partial class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The control characters (<see cref="char.IsControl(char)"/>) other than line breaks, tabs and form feeds.</summary>
    private static readonly SearchValues<char> StrayControls =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).Where(c => c is not ('\n' or '\r' or '\t' or '\f'))]);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes the bytes, or returns null with the reason they are not text.</summary>
    public static (DecodedText? Text, string? Failure) Decode(ReadOnlySpan<byte> bytes, string? declaredCharset = null, bool sniffMarkup = false)
    {
        if (DecodeByByteOrderMark(bytes) is { } marked) return Checked(marked);
        if (LooksLikeUtf16WithoutMark(bytes, out var utf16)) return Checked(new DecodedText(utf16.GetString(bytes), utf16.WebName, "no byte-order mark; decoded as " + utf16.WebName));
        if (LooksBinary(bytes)) return (null, "binary content, not text");

        // Valid UTF-8 with any non-ASCII byte is almost never another encoding, whatever the page declares.
        try
        {
            return Checked(new DecodedText(StrictUtf8.GetString(bytes), "utf-8", null));
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: the declared charset, else detection.
        }

        var declared = declaredCharset ?? (sniffMarkup ? SniffMetaCharset(bytes) : null);
        if (declared is not null && TryGetEncoding(declared) is { } declaredEncoding && declaredEncoding.CodePage != Encoding.UTF8.CodePage)
        {
            return Checked(new DecodedText(declaredEncoding.GetString(bytes), declaredEncoding.WebName, null));
        }

        var detected = Detect(bytes) ?? Encoding.GetEncoding(1252);
        var note = declared is null ? "not valid UTF-8; decoded as " + detected.WebName : $"declared {declared} but not valid as such; decoded as {detected.WebName}";
        return Checked(new DecodedText(detected.GetString(bytes), detected.WebName, note));
    }

    private static (DecodedText?, string?) Checked(DecodedText decoded)
    {
        var controls = 0;
        var rest = decoded.Text.AsSpan();
        for (var at = rest.IndexOfAny(StrayControls); at >= 0; at = rest.IndexOfAny(StrayControls))
        {
            controls++;
            rest = rest[(at + 1)..];
        }

        return controls > Math.Max(8, decoded.Text.Length / 50)
            ? (null, "binary content, not text")
            : (decoded with { Text = decoded.Text.Replace("\0", "", StringComparison.Ordinal) }, null);
    }

    private static DecodedText? DecodeByByteOrderMark(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new(Encoding.UTF8.GetString(bytes[3..]), "utf-8", null);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) return new(Encoding.UTF32.GetString(bytes[4..]), "utf-32", null);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) return new(new UTF32Encoding(true, false).GetString(bytes[4..]), "utf-32BE", null);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(Encoding.Unicode.GetString(bytes[2..]), "utf-16", null);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16BE", null);
        return null;
    }

    /// <summary>ASCII-range text in UTF-16 has a zero in every other byte.</summary>
    private static bool LooksLikeUtf16WithoutMark(ReadOnlySpan<byte> bytes, out Encoding encoding)
    {
        encoding = Encoding.Unicode;
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        if (sample.Length < 8) return false;
        int zeroEven = 0, zeroOdd = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            if (sample[i] == 0) zeroEven++;
            if (sample[i + 1] == 0) zeroOdd++;
        }

        var pairs = sample.Length / 2;
        if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return true;
        if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05)
        {
            encoding = Encoding.BigEndianUnicode;
            return true;
        }

        return false;
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        var suspicious = 0;
        foreach (var b in sample)
        {
            if (b == 0) return true;
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D or 0x1B)) suspicious++;
        }

        return suspicious > Math.Max(4, sample.Length / 100);
    }

    private static Encoding? Detect(ReadOnlySpan<byte> bytes)
    {
        var result = UtfUnknown.CharsetDetector.DetectFromBytes(bytes[..Math.Min(bytes.Length, 1 << 20)].ToArray());
        return result.Detected is { Confidence: > 0.3f, EncodingName: { } name } ? TryGetEncoding(name) : null;
    }

    private static Encoding? TryGetEncoding(string name)
    {
        var normalized = name.Trim().Trim('"', '\'').ToLowerInvariant();
        // Browsers read these labels as their supersets; so do we (WHATWG Encoding Standard).
        normalized = normalized switch
        {
            "iso-8859-1" or "latin1" or "us-ascii" or "ascii" => "windows-1252",
            "gb2312" or "gb_2312-80" => "gbk",
            _ => normalized,
        };
        try
        {
            return Encoding.GetEncoding(normalized);
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException)
        {
            // Unknown labels, and ones .NET knows but refuses (UTF-7, which the WHATWG standard does not list either).
            return null;
        }
    }

    private static string? SniffMetaCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups["charset"].Value : null;
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<charset>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
