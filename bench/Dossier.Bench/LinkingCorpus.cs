using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;

namespace Dossier.Bench;

/// <summary>Reuters-21578 articles (title and body) read from the staged SGML files, for the linking benchmarks.</summary>
internal static partial class LinkingCorpus
{
    public sealed record Article(string File, string Title, string Body)
    {
        public IReadOnlyList<string> Sentences { get; } = SentenceBreak().Split(Body.Trim()).Where(s => s.Length > 0).ToList();
    }

    public static string Folder(BenchContext context) => context.SharedPath("bench", "ner", "resources", "reuters21578");

    /// <summary>Articles with at least <paramref name="minWords"/> words, exact duplicates of an earlier body dropped.</summary>
    public static List<Article> Read(string folder, int minWords)
    {
        var articles = new List<Article>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var passages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "reut2-*.sgm.gz").Order(StringComparer.Ordinal))
        {
            using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            var sgml = reader.ReadToEnd();
            foreach (Match match in Story().Matches(sgml))
            {
                var title = WebUtility.HtmlDecode(match.Groups["title"].Value).Trim();
                var body = WebUtility.HtmlDecode(match.Groups["body"].Value);
                body = Regex.Replace(body, @"\s*Reuter\s*&#3;\s*$|\s*REUTER\s*$|\s*Reuter\s*$", string.Empty);
                body = Whitespace().Replace(body.Replace("\n    ", "\u2029", StringComparison.Ordinal), " ").Replace("\u2029", "\n\n", StringComparison.Ordinal).Trim();
                if (body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < minWords) continue;
                if (!seen.Add(body) || SharesPassage(body, passages)) continue;
                articles.Add(new Article(Path.GetFileName(path), title, body));
            }
        }

        return articles;
    }

    /// <summary>
    /// Reuters-21578 holds re-sent and corrected copies of stories under new ids; as bases of distinct stories they would
    /// make the gold wrong. An article sharing two exact eight-word passages with an earlier one is such a copy.
    /// </summary>
    private static bool SharesPassage(string body, HashSet<string> passages)
    {
        var words = body.ToLowerInvariant().Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var own = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 8 <= words.Length; i++) own.Add(string.Join(' ', words, i, 8));
        if (own.Count(passages.Contains) >= 2) return true;
        passages.UnionWith(own);
        return false;
    }

    [GeneratedRegex(@"<TITLE>(?<title>.*?)</TITLE>.*?<BODY>(?<body>.*?)</BODY>", RegexOptions.Singleline)]
    private static partial Regex Story();

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""])")]
    private static partial Regex SentenceBreak();
}
