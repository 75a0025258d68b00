namespace Dossier.Entities.Ner;

/// <summary>
/// Hierarchical word classes induced from unlabelled news text: each known word (lower-cased) has a bit path in a
/// binary tree of classes, and the tagger reads prefixes of the path, so that rare words borrow evidence from the
/// frequent words that share their class. There may be several trees, grown on different views of the text: a
/// word's path in a later tree is stored under its hash salted with the tree's number, so one table holds them all
/// and a model with one tree reads as before.
/// </summary>
public sealed class WordClusters
{
    private readonly Dictionary<ulong, ulong> _paths;

    private WordClusters(Dictionary<ulong, ulong> paths) => _paths = paths;

    public static WordClusters Empty { get; } = new([]);

    /// <summary>
    /// The tree grown on pretrained word vectors rather than on neighbour counts, read only by models trained with
    /// <see cref="NerFeatureSet.PretrainedClasses"/>; trees 0 and 1 are the neighbour-count trees.
    /// </summary>
    public const int PretrainedTree = 2;

    public int Count => _paths.Count;

    public static WordClusters FromPaths(IEnumerable<KeyValuePair<string, string>> wordPaths) => FromTrees([wordPaths]);

    /// <param name="trees">Each tree's words and their paths; the first tree is tree 0.</param>
    /// <param name="casedTrees">The trees whose words keep their case (looked up by the word as written, not lower-cased).</param>
    public static WordClusters FromTrees(IEnumerable<IEnumerable<KeyValuePair<string, string>>> trees, IReadOnlySet<int>? casedTrees = null)
    {
        var paths = new Dictionary<ulong, ulong>();
        var tree = 0;
        foreach (var wordPaths in trees)
        {
            foreach (var (word, path) in wordPaths)
            {
                if (path.Length is 0 or > 32) continue;
                var bits = 0UL;
                foreach (var c in path) bits = (bits << 1) | (c == '1' ? 1UL : 0UL);
                var hash = casedTrees?.Contains(tree) == true ? StableHash.Of(word) : StableHash.OfLower(word);
                paths[Key(hash, tree)] = ((ulong)path.Length << 32) | bits;
            }

            tree++;
        }

        return new WordClusters(paths);
    }

    /// <summary>The path in the given tree packed as length (high 32 bits) and bits (low 32, first branch highest); 0 when unknown.</summary>
    /// <param name="wordHash">The word's hash as the tree keys it: lower-cased, or as written for a cased tree.</param>
    public ulong PathOf(ulong wordHash, int tree = 0) => _paths.GetValueOrDefault(Key(wordHash, tree));

    private static ulong Key(ulong wordHash, int tree) => tree == 0 ? wordHash : StableHash.Mix(wordHash, (ulong)tree);

    /// <summary>A hash of the first <paramref name="length"/> branches of a packed path, or 0 when the word is unknown.</summary>
    public static ulong Prefix(ulong packed, int length)
    {
        if (packed == 0) return 0;
        var pathLength = (int)(packed >> 32);
        var bits = packed & 0xffffffffUL;
        var take = Math.Min(length, pathLength);
        return ((ulong)take << 32) | (bits >> (pathLength - take));
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_paths.Count);
        foreach (var (key, path) in _paths.OrderBy(pair => pair.Key))
        {
            writer.Write(key);
            writer.Write(path);
        }
    }

    public static WordClusters Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var paths = new Dictionary<ulong, ulong>(count);
        for (var i = 0; i < count; i++) paths[reader.ReadUInt64()] = reader.ReadUInt64();
        return new WordClusters(paths);
    }
}
