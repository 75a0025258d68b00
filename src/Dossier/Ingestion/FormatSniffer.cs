using System.Text;

namespace Dossier.Ingestion;

/// <summary>Decides what an input is from its bytes, using the file name only to break ties.</summary>
internal static class FormatSniffer
{
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    public static bool LooksLikeJsonLines(ReadOnlySpan<byte> bytes, string name)
    {
        var head = FirstNonSpace(bytes);
        if (head != (byte)'{') return false;
        if (name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)) return true;
        // A JSON object whose first line closes itself is a JSON Lines record.
        var newline = bytes.IndexOf((byte)'\n');
        var firstLine = newline < 0 ? bytes : bytes[..newline];
        return LastNonSpace(firstLine) == (byte)'}';
    }

    public static InputFormat TextOrHtml(ReadOnlySpan<byte> bytes, string name)
    {
        var sample = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]).Replace("\0", "", StringComparison.Ordinal);
        var trimmed = sample.TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', '\u00FE', '\u00FF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) ||
            trimmed.StartsWith("<html", StringComparison.OrdinalIgnoreCase) ||
            trimmed.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && sample.Contains("<html", StringComparison.OrdinalIgnoreCase))
        {
            return InputFormat.Html;
        }

        var markup = CountOccurrences(sample, "</p>") + CountOccurrences(sample, "<div") + CountOccurrences(sample, "<br") +
                     CountOccurrences(sample, "<head") + CountOccurrences(sample, "<body");
        if (markup >= 2) return InputFormat.Html;

        return name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)
            ? InputFormat.Html
            : InputFormat.PlainText;
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    private static byte FirstNonSpace(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        foreach (var b in bytes[start..])
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return b;
        }

        return 0;
    }

    private static byte LastNonSpace(ReadOnlySpan<byte> bytes)
    {
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return bytes[i];
        }

        return 0;
    }
}
