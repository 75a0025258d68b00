using System.IO.Compression;

namespace Dossier.Entities.Ner;

/// <summary>One sentence of CoNLL-style input: its raw lines, their first column, and the gold tags (IOB2) when the last column has them.</summary>
public sealed record ConllSentence(IReadOnlyList<string> Lines, IReadOnlyList<string> Tokens, int[]? Tags);

/// <summary>One document: the sentences between two -DOCSTART- lines.</summary>
public sealed record ConllDocument(IReadOnlyList<ConllSentence> Sentences)
{
    public int TokenCount => Sentences.Sum(sentence => sentence.Tokens.Count);
}

/// <summary>Reads CoNLL-2003 files (token first, tag last, blank lines between sentences, -DOCSTART- between documents).</summary>
public static class ConllReader
{
    public static IReadOnlyList<ConllDocument> ReadFile(string path, bool withTags = true)
    {
        using var stream = File.OpenRead(path);
        using var reader = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new StreamReader(new GZipStream(stream, CompressionMode.Decompress))
            : new StreamReader(stream);
        return Read(reader, withTags);
    }

    /// <summary>Reads documents; with tags, IOB1 input (the original CoNLL-2003 files) is converted to IOB2.</summary>
    public static IReadOnlyList<ConllDocument> Read(TextReader reader, bool withTags = true)
    {
        var documents = new List<ConllDocument>();
        var sentences = new List<ConllSentence>();
        var lines = new List<string>();
        void EndSentence()
        {
            if (lines.Count == 0) return;
            var tokens = lines.Select(line => line.Split(' ', 2)[0]).ToArray();
            int[]? tags = withTags ? ToIob2(lines.Select(line => line[(line.LastIndexOf(' ') + 1)..]).ToArray()) : null;
            sentences.Add(new ConllSentence([.. lines], tokens, tags));
            lines.Clear();
        }

        void EndDocument()
        {
            EndSentence();
            if (sentences.Count > 0) documents.Add(new ConllDocument([.. sentences]));
            sentences.Clear();
        }

        while (reader.ReadLine() is { } raw)
        {
            var line = raw.TrimEnd('\r').Replace('\t', ' ');
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                EndDocument();
                continue;
            }

            if (line.Trim().Length == 0) EndSentence();
            else lines.Add(line.Trim());
        }

        EndDocument();
        return documents;
    }

    public static bool IsDocumentStart(string line) => line.StartsWith("-DOCSTART-", StringComparison.Ordinal);

    /// <summary>IOB1 and IOB2 alike: an entity starts at B-X, or at I-X when the previous token is not of type X.</summary>
    public static int[] ToIob2(IReadOnlyList<string> tags)
    {
        var result = new int[tags.Count];
        var previousType = -1;
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (tag == "O" || tag.Length < 3)
            {
                result[i] = NerLabels.Outside;
                previousType = -1;
                continue;
            }

            var type = TypeIndex(tag[2..]);
            result[i] = tag[0] == 'B' || type != previousType ? NerLabels.Begin(type) : NerLabels.Inside(type);
            previousType = type;
        }

        return result;
    }

    private static int TypeIndex(string type) => type switch
    {
        "PER" => 0,
        "ORG" => 1,
        "LOC" => 2,
        "MISC" => 3,
        _ => throw new FormatException($"Unknown entity type '{type}'."),
    };
}

/// <summary>Per-type and overall phrase-level counts, scored as conlleval scores: exact span and type.</summary>
public sealed class ConllScore
{
    private readonly int[] _correct = new int[4];
    private readonly int[] _predicted = new int[4];
    private readonly int[] _gold = new int[4];

    public void Add(int[] gold, int[] predicted)
    {
        var goldChunks = Chunks(gold);
        var predictedChunks = Chunks(predicted);
        foreach (var chunk in goldChunks) _gold[chunk.Type]++;
        foreach (var chunk in predictedChunks)
        {
            _predicted[chunk.Type]++;
            if (goldChunks.Contains(chunk)) _correct[chunk.Type]++;
        }
    }

    public (double Precision, double Recall, double F1, int Gold) ForType(int type) => Prf(_correct[type], _predicted[type], _gold[type]);

    public (double Precision, double Recall, double F1, int Gold) Overall => Prf(_correct.Sum(), _predicted.Sum(), _gold.Sum());

    /// <summary>Micro-averaged over some types only (e.g. PER, ORG and LOC, to compare with taggers that have no MISC).</summary>
    public (double Precision, double Recall, double F1, int Gold) OverTypes(params int[] types) =>
        Prf(types.Sum(t => _correct[t]), types.Sum(t => _predicted[t]), types.Sum(t => _gold[t]));

    private static (double, double, double, int) Prf(int correct, int predicted, int gold)
    {
        var p = predicted == 0 ? 0 : 100.0 * correct / predicted;
        var r = gold == 0 ? 0 : 100.0 * correct / gold;
        var f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return (p, r, f, gold);
    }

    public string Format(string title)
    {
        var lines = new List<string> { $"{title}: precision {Overall.Precision:F2}  recall {Overall.Recall:F2}  F1 {Overall.F1:F2}  ({Overall.Gold} entities)" };
        string[] names = ["PER", "ORG", "LOC", "MISC"];
        for (var type = 0; type < 4; type++)
        {
            var (p, r, f, g) = ForType(type);
            lines.Add($"  {names[type],-4}  precision {p:F2}  recall {r:F2}  F1 {f:F2}  ({g})");
        }

        return string.Join(Environment.NewLine, lines);
    }

    public readonly record struct Chunk(int Start, int End, int Type);

    /// <summary>Entities in an IOB2 tag sequence, decoded leniently as conlleval does (an I-X after a non-X opens one).</summary>
    public static HashSet<Chunk> Chunks(int[] tags)
    {
        var chunks = new HashSet<Chunk>();
        var start = -1;
        var type = -1;
        for (var i = 0; i <= tags.Length; i++)
        {
            var tag = i < tags.Length ? tags[i] : NerLabels.Outside;
            var tagType = NerLabels.TypeOf(tag);
            var continues = tagType >= 0 && NerLabels.IsInside(tag) && tagType == type;
            if (continues) continue;
            if (type >= 0) chunks.Add(new Chunk(start, i, type));
            start = i;
            type = tagType;
        }

        return chunks;
    }
}
