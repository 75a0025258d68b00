namespace Dossier.Extraction.Html;

/// <summary>
/// Bounds what reaches the HTML parser. HTML5 tree building costs time in proportion to the open-element stack for
/// every new element, so a page nested tens of thousands of levels deep would take minutes; such a page is cut where its
/// nesting passes the limit, and a page past the size limit is cut at that size. Either cut is reported.
/// </summary>
internal static class MarkupGuard
{
    public const int MaxChars = 2 * 1024 * 1024;
    public const int MaxDepth = 2_000;

    private static readonly HashSet<string> VoidOrSelfClosing = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        // Closed implicitly by their next sibling, so they do not deepen real pages.
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot",
    };

    public static (string Html, string? Note) Bound(string html)
    {
        string? note = null;
        if (html.Length > MaxChars)
        {
            html = html[..MaxChars];
            note = $"page cut at {MaxChars / (1024 * 1024)} M characters";
        }

        var cut = DepthLimitPosition(html);
        if (cut >= 0)
        {
            html = html[..cut];
            note = (note is null ? "" : note + "; ") + $"markup nested deeper than {MaxDepth} levels; read up to that point";
        }

        return (html, note);
    }

    /// <summary>Where the element nesting first passes the limit, by a lexical scan of start and end tags; -1 when it never does.</summary>
    private static int DepthLimitPosition(string html)
    {
        var depth = 0;
        var at = 0;
        while ((at = html.IndexOf('<', at)) >= 0 && at + 1 < html.Length)
        {
            var next = html[at + 1];
            if (next == '!')
            {
                var end = html.AsSpan(at).StartsWith("<!--", StringComparison.Ordinal) ? html.IndexOf("-->", at + 4, StringComparison.Ordinal) : html.IndexOf('>', at);
                if (end < 0) return -1;
                at = end + 1;
                continue;
            }

            var closing = next == '/';
            var nameStart = closing ? at + 2 : at + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd])) nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                at++;
                continue;
            }

            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0) return -1;
            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var close = ClosingTagPosition(html, name, tagEnd);
                at = close < 0 ? html.Length : close;
                continue;
            }

            if (!IsVoid(name) && html[tagEnd - 1] != '/')
            {
                depth += closing ? -1 : 1;
                if (depth < 0) depth = 0;
                if (depth > MaxDepth) return at;
            }

            at = tagEnd + 1;
        }

        return -1;
    }

    /// <summary>Where "&lt;/" and the name (in any case) first occur from <paramref name="from"/>; -1 when they do not.</summary>
    private static int ClosingTagPosition(string html, ReadOnlySpan<char> name, int from)
    {
        for (var at = html.IndexOf("</", from, StringComparison.Ordinal); at >= 0; at = html.IndexOf("</", at + 1, StringComparison.Ordinal))
        {
            if (html.AsSpan(at + 2).StartsWith(name, StringComparison.OrdinalIgnoreCase)) return at;
        }

        return -1;
    }

    private static bool IsVoid(ReadOnlySpan<char> name)
    {
        var lookup = VoidOrSelfClosing.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.Contains(name);
    }
}
