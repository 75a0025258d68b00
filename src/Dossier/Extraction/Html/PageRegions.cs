namespace Dossier.Extraction.Html;

/// <summary>What a block's ancestors say about where it sits: element kinds and class/id keyword groups, one bit each.</summary>
[Flags]
internal enum PageRegion : long
{
    None = 0,
    Header = 1L << 0,
    Footer = 1L << 1,
    Nav = 1L << 2,
    Aside = 1L << 3,
    Article = 1L << 4,
    Main = 1L << 5,
    Form = 1L << 6,
    Figure = 1L << 7,
    List = 1L << 8,
    Table = 1L << 9,
    Blockquote = 1L << 10,
    ArticleBodyMarkup = 1L << 11,
    Address = 1L << 12,
    Time = 1L << 13,

    /// <summary>The first bit of the class/id keyword groups, in the order of the keyword file.</summary>
    FirstKeywordGroup = 1L << 16,
}

/// <summary>The class/id keyword groups, read from the embedded list.</summary>
internal sealed class RegionKeywords
{
    public static RegionKeywords Default { get; } = new(EmbeddedData.ReadLines("Extraction.Data.class-keywords.txt"));

    private readonly (PageRegion Bit, string[] Fragments)[] _groups;

    public RegionKeywords(IReadOnlyList<string> lines)
    {
        var groups = new List<(PageRegion, string[])>();
        var names = new List<string>();
        foreach (var line in lines)
        {
            var parts = line.Split('\t', 2);
            if (parts.Length != 2) continue;
            names.Add(parts[0].Trim());
            groups.Add(((PageRegion)((long)PageRegion.FirstKeywordGroup << (groups.Count)), parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        if (groups.Count > 40) throw new InvalidOperationException("Too many class keyword groups for the region bit set.");
        _groups = [.. groups];
        GroupNames = names;
    }

    public IReadOnlyList<string> GroupNames { get; }

    public PageRegion Match(string? classes, string? id, string? role)
    {
        var region = PageRegion.None;
        if (string.IsNullOrEmpty(classes) && string.IsNullOrEmpty(id) && string.IsNullOrEmpty(role)) return region;
        var text = string.Concat(classes, " ", id, " ", role).ToLowerInvariant();
        foreach (var (bit, fragments) in _groups)
        {
            foreach (var fragment in fragments)
            {
                if (Contains(text, fragment))
                {
                    region |= bit;
                    break;
                }
            }
        }

        return region;
    }

    /// <summary>Short fragments ("ad", "nav") must stand as a word part at a boundary, or "shadow" and "canvas" would match.</summary>
    private static bool Contains(string text, string fragment)
    {
        for (var at = text.IndexOf(fragment, StringComparison.Ordinal); at >= 0; at = text.IndexOf(fragment, at + 1, StringComparison.Ordinal))
        {
            if (fragment.Length > 4) return true;
            var startsWord = at == 0 || !char.IsLetter(text[at - 1]);
            if (startsWord) return true;
        }

        return false;
    }
}
