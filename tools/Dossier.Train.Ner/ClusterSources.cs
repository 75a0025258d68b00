using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Dossier.Entities.Ner;
using Dossier.Linking.Stance;
using Dossier.Text;

namespace Dossier.Train.Ner;

/// <summary>
/// Word classes from unlabelled news. Brown clustering over this much text is too slow for a quick retrain, so
/// the classes are a binary tree grown by splitting words in two (spherical 2-means) on the words seen to their
/// left and right, which gives the same kind of bit paths whose prefixes are coarser classes.
/// </summary>
internal static partial class ClusterSources
{
    private const int MinCount = 3;
    private const int ContextWords = 1000;

    /// <summary>One tree of word classes: the file it is induced into (and read from after that), the context window that describes a word, and the text besides Reuters-21578 and CoNLL train it is induced on.</summary>
    public sealed record Tree(string Path, int Window, ClusterText Text = ClusterText.Reuters, bool Cased = false);

    /// <summary>The unlabelled text a tree is induced on besides Reuters-21578 and the CoNLL-2003 training text, which every tree reads.</summary>
    public enum ClusterText
    {
        /// <summary>Nothing more.</summary>
        Reuters,

        /// <summary>The staged news articles (<see cref="OtherNewsLines"/>).</summary>
        OtherNews,

        /// <summary>All the staged news and encyclopedic text (<see cref="StagedTextLines"/>).</summary>
        Staged,
    }

    /// <param name="trees">The trees, each induced on first use (tree k with seed + k).</param>
    /// <param name="bench">The staged benchmark folder, which holds the other text a tree may be induced on (never CoNLL dev or test).</param>
    /// <param name="pretrained">The tree of classes grown on pretrained vectors (<see cref="PretrainedClasses"/>), or null.</param>
    public static WordClusters Load(IReadOnlyList<Tree> trees, string resources, string bench, IReadOnlyList<ConllDocument> unlabelled, int seed, Action<string> log, PretrainedClasses.Source? pretrained = null)
    {
        var paths = new List<List<KeyValuePair<string, string>>>();
        for (var k = 0; k < trees.Count; k++)
        {
            var (path, window, text, cased) = trees[k];
            if (!File.Exists(path))
            {
                log($"inducing word classes into {path}");
                Induce(path, resources, bench, text, cased, window, unlabelled, seed + k, log);
            }

            paths.Add(ReadTree(path, log));
        }

        if (pretrained is not null)
        {
            if (!File.Exists(pretrained.Path))
            {
                log($"inducing word classes from pretrained vectors into {pretrained.Path}");
                PretrainedClasses.Induce(pretrained, seed, log);
            }

            while (paths.Count < WordClusters.PretrainedTree) paths.Add([]);
            paths.Add(ReadTree(pretrained.Path, log));
        }

        return WordClusters.FromTrees(paths, Enumerable.Range(0, trees.Count).Where(k => trees[k].Cased).ToHashSet());
    }

    private static List<KeyValuePair<string, string>> ReadTree(string path, Action<string> log)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 2) pairs.Add(new(parts[1], parts[0]));
        }

        log($"word classes in {path}: {pairs.Count} words");
        return pairs;
    }

    private static void Induce(string path, string resources, string bench, ClusterText source, bool cased, int window, IReadOnlyList<ConllDocument> unlabelled, int seed, Action<string> log)
    {
        var text = source switch
        {
            ClusterText.OtherNews => ReutersLines(resources).Concat(OtherNewsLines(bench)),
            ClusterText.Staged => ReutersLines(resources).Concat(StagedTextLines(bench)),
            _ => ReutersLines(resources),
        };
        string Word(string token) => cased ? token : token.ToLowerInvariant();
        var sentences = text.Select(line => line.Select(Word).ToArray()).ToList();
        foreach (var sentence in unlabelled.SelectMany(document => document.Sentences)) sentences.Add(sentence.Tokens.Select(Word).ToArray());
        log($"cluster text: {sentences.Count} lines, {sentences.Sum(s => s.Length)} tokens");

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var word in sentence) counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        var byFrequency = counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var vocabulary = byFrequency.Where(pair => pair.Value >= MinCount).Select(pair => pair.Key).ToArray();
        var index = vocabulary.Select((word, i) => (word, i)).ToDictionary(pair => pair.word, pair => pair.i, StringComparer.Ordinal);
        var context = byFrequency.Take(ContextWords).Select((pair, i) => (pair.Key, i)).ToDictionary(pair => pair.Key, pair => pair.i, StringComparer.Ordinal);
        // One block of dimensions per neighbouring position (-window..-1, 1..window): a frequent word, the line's edge, or any other word.
        const int block = ContextWords + 2;
        var dims = 2 * window * block;

        // Neighbour counts per position, then weighted by log(1 + count) and scaled to unit length.
        var vectors = new Dictionary<int, float>[vocabulary.Length];
        for (var i = 0; i < vectors.Length; i++) vectors[i] = [];
        foreach (var sentence in sentences)
        {
            for (var t = 0; t < sentence.Length; t++)
            {
                if (!index.TryGetValue(sentence[t], out var w)) continue;
                for (var distance = 1; distance <= window; distance++)
                {
                    var left = t - distance < 0 ? ContextWords : context.GetValueOrDefault(sentence[t - distance], ContextWords + 1);
                    var right = t + distance >= sentence.Length ? ContextWords : context.GetValueOrDefault(sentence[t + distance], ContextWords + 1);
                    var leftKey = (window - distance) * block + left;
                    var rightKey = (window + distance - 1) * block + right;
                    vectors[w][leftKey] = vectors[w].GetValueOrDefault(leftKey) + 1;
                    vectors[w][rightKey] = vectors[w].GetValueOrDefault(rightKey) + 1;
                }
            }
        }

        var sparse = vectors.Select(vector =>
        {
            var keys = vector.Keys.Order().ToArray();
            var values = keys.Select(k => (float)Math.Log(1 + vector[k])).ToArray();
            var norm = (float)Math.Sqrt(values.Sum(v => v * v));
            for (var i = 0; i < values.Length; i++) values[i] /= norm;
            return (keys, values);
        }).ToArray();
        log($"clustering {vocabulary.Length} words on {dims} context dimensions");

        var paths = WordClassTree.Grow(sparse, dims, seed);
        WriteTree(path, vocabulary, paths, vocabulary.Select(word => counts[word]).ToArray());
    }

    /// <summary>Writes a tree as Load reads it: path, word and the word's rank or count, one word a line.</summary>
    public static void WriteTree(string path, IReadOnlyList<string> words, IReadOnlyList<string> paths, IReadOnlyList<int> counts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path);
        for (var i = 0; i < words.Count; i++) writer.WriteLine($"{paths[i]}\t{words[i]}\t{counts[i].ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Reuters-21578 titles and bodies, one token array per line, in their original case.</summary>
    public static IEnumerable<string[]> ReutersLines(string resources)
    {
        var tokenizer = new Tokenizer();
        foreach (var text in ReutersTexts(resources, BodyPattern()))
        {
            foreach (var line in text.Split('\n'))
            {
                var tokens = tokenizer.Tokenize(line);
                if (tokens.Length > 0) yield return tokens.Select(token => line.Substring(token.Span.Start, token.Span.Length)).ToArray();
            }
        }
    }

    /// <summary>Reuters-21578 article bodies (without titles), in file order.</summary>
    public static IEnumerable<string> ReutersArticles(string resources) => ReutersTexts(resources, ArticlePattern());

    private static IEnumerable<string> ReutersTexts(string resources, Regex pattern)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(resources, "reuters21578"), "reut2-*.sgm.gz").Order(StringComparer.Ordinal))
        {
            using var stream = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            var sgml = reader.ReadToEnd();
            foreach (Match match in pattern.Matches(sgml)) yield return WebUtility.HtmlDecode(match.Groups[1].Value);
        }
    }

    /// <summary>
    /// Other news text staged for the other benchmarks, one token array per line: PolNeAR's political news articles
    /// (2015–16), the FNC-1 article bodies (train and competition test) and the Scrapinghub extraction set's article
    /// bodies. More text gives rarer words a class of their own; none of it is CoNLL-2003 text.
    /// </summary>
    public static IEnumerable<string[]> OtherNewsLines(string bench)
    {
        var polnear = Path.Combine(bench, "attribution", "polnear");
        var articles = Directory.GetDirectories(polnear, "text", SearchOption.AllDirectories)
            .Where(folder => !folder.Contains("multi-annotator", StringComparison.Ordinal))
            .SelectMany(folder => Directory.GetFiles(folder, "*.txt"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText);
        var fnc = new[] { "train_bodies.csv", "competition_test_bodies.csv" }.SelectMany(name =>
        {
            using var reader = new StreamReader(Path.Combine(bench, "stance", "fnc-1", name));
            return Csv.Read(reader).Skip(1).Where(record => record.Length >= 2).Select(record => record[1]).ToList();
        });
        var scrapinghub = ArticleBodies(Path.Combine(bench, "extraction", "scrapinghub", "ground-truth.json"));
        return TokenLines(articles.Concat(fnc).Concat(scrapinghub));
    }

    /// <summary>
    /// All the unlabelled running text staged for the other benchmarks, one token array per line: the news of
    /// <see cref="OtherNewsLines"/>, the FNC-1 and Emergent headlines and Emergent's claims (2014–17), and the
    /// WikiWeasel Wikipedia paragraphs with their article titles (the Szeged Uncertainty Corpus), whose
    /// encyclopedic sentences name many more people, places and organisations than news of one season does.
    /// </summary>
    public static IEnumerable<string[]> StagedTextLines(string bench)
    {
        var fncHeadlines = new[] { "train_stances.csv.gz", "competition_test_stances.csv" }.SelectMany(name =>
        {
            var file = Path.Combine(bench, "stance", "fnc-1", name);
            using var stream = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(File.OpenRead(file), CompressionMode.Decompress) : (Stream)File.OpenRead(file);
            using var reader = new StreamReader(stream);
            return Csv.Read(reader).Skip(1).Where(record => record.Length >= 1).Select(record => record[0]).Distinct(StringComparer.Ordinal).ToList();
        });
        return OtherNewsLines(bench)
            .Concat(TokenLines(fncHeadlines.Concat(EmergentTexts(Path.Combine(bench, "stance", "emergent", "url-versions-2015-06-14-clean.csv")))))
            .Concat(TokenLines(WikipediaSentences(Path.Combine(bench, "claims", "wikiweasel-2.0", "szeged-uncertainty-corpus", "wiki.xml.gz"))));
    }

    /// <summary>Each distinct claim and article headline of the Emergent file, in file order (a claim is repeated for each of its articles).</summary>
    private static List<string> EmergentTexts(string file)
    {
        using var reader = new StreamReader(file);
        var records = Csv.Read(reader).ToList();
        var header = records[0];
        var columns = new[] { "claimHeadline", "articleHeadline" }.Select(name => Array.IndexOf(header, name)).Where(column => column >= 0).ToArray();
        return records.Skip(1).SelectMany(record => columns.Where(column => column < record.Length).Select(column => record[column])).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The text of every sentence of a Szeged Uncertainty Corpus file, cue markup removed.</summary>
    private static IEnumerable<string> WikipediaSentences(string file)
    {
        using var stream = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        // The file names a DTD it does not match (it declares "sentence" for "Sentence"): read it unvalidated.
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Name == "Sentence") yield return ((XElement)XNode.ReadFrom(reader)).Value;
            else reader.Read();
        }
    }

    private static IEnumerable<string[]> TokenLines(IEnumerable<string> texts)
    {
        var tokenizer = new Tokenizer();
        foreach (var text in texts)
        {
            foreach (var line in text.Split('\n'))
            {
                var tokens = tokenizer.Tokenize(line);
                // Typographic quotes and dashes as the tagger reads them (the 1990s newswire is plain ASCII).
                if (tokens.Length > 0) yield return tokens.Select(token => NerText.Normalize(line.Substring(token.Span.Start, token.Span.Length))).ToArray();
            }
        }
    }

    private static List<string> ArticleBodies(string groundTruth)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(groundTruth));
        return document.RootElement.EnumerateObject()
            .OrderBy(page => page.Name, StringComparer.Ordinal)
            .Select(page => page.Value.TryGetProperty("articleBody", out var body) ? body.GetString() : null)
            .OfType<string>()
            .ToList();
    }

    /// <summary>
    /// Words that running text writes in lower case (at least four times as often as capitalised inside a
    /// sentence), so that a title-case headline's "Denounces" or "Report" can be read as the words they are.
    /// </summary>
    public static IReadOnlyList<string> UsuallyLowerCase(string resources, IReadOnlyList<ConllDocument> unlabelled)
    {
        var lower = new Dictionary<string, int>(StringComparer.Ordinal);
        var capitalised = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = ReutersLines(resources).Concat(unlabelled.SelectMany(d => d.Sentences).Select(s => s.Tokens.ToArray()));
        foreach (var line in lines)
        {
            // Lines in capitals (headlines, tables) say nothing about case.
            if (line.Count(w => w.Length > 1 && w.All(char.IsUpper)) * 2 > line.Length) continue;
            for (var t = 1; t < line.Length; t++)
            {
                var word = line[t];
                if (word.Length < 2 || !char.IsLetter(word[0])) continue;
                var key = word.ToLowerInvariant();
                if (char.IsLower(word[0])) lower[key] = lower.GetValueOrDefault(key) + 1;
                else if (char.IsLetter(line[t - 1][0])) capitalised[key] = capitalised.GetValueOrDefault(key) + 1;
            }
        }

        return lower.Where(pair => pair.Value >= 3 && pair.Value >= 4 * capitalised.GetValueOrDefault(pair.Key)).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"<(?:BODY|TITLE)>(.*?)</(?:BODY|TITLE)>", RegexOptions.Singleline)]
    private static partial Regex BodyPattern();

    [GeneratedRegex(@"<BODY>(.*?)</BODY>", RegexOptions.Singleline)]
    private static partial Regex ArticlePattern();
}
