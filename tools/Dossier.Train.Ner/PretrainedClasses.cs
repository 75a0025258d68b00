using Dossier.Text;
using Dossier.Entities.Ner;

namespace Dossier.Train.Ner;

/// <summary>
/// Word classes from pretrained word vectors (GloVe, fetched by tools/fetch-glove.sh): the most frequent words'
/// vectors, scaled to unit length, split into a binary tree the same way as the neighbour-count classes, so that a
/// word's path prefixes are classes at several granularities. Vectors learnt from billions of words of Wikipedia and
/// newswire know many names that the 1990s Reuters text never shows.
/// </summary>
internal static class PretrainedClasses
{
    /// <param name="Path">The file the tree is induced into on first use and read from after that.</param>
    /// <param name="Vectors">The pretrained vectors (wink-embeddings JSON, words ordered by frequency).</param>
    /// <param name="Words">How many of the most frequent words get a class.</param>
    public sealed record Source(string Path, string Vectors, int Words);

    public static void Induce(Source source, int seed, Action<string> log)
    {
        var vectors = MostFrequent(source.Vectors, source.Words);
        var words = vectors.Select(pair => pair.Word).ToArray();
        var dims = vectors[0].Vector.Length;
        var keys = Enumerable.Range(0, dims).ToArray();
        var unit = vectors.Select(pair =>
        {
            var values = pair.Vector;
            var norm = (float)Math.Sqrt(values.Sum(v => v * v));
            return (keys, norm > 0 ? values.Select(v => v / norm).ToArray() : values);
        }).ToArray();
        log($"clustering {words.Length} words on {dims} pretrained dimensions");
        var paths = WordClassTree.Grow(unit, dims, seed);
        ClusterSources.WriteTree(source.Path, words, paths, Enumerable.Range(1, words.Length).ToArray());
    }

    /// <summary>
    /// The table of the most frequent lower-case words' vectors that a model with dense word vector features ships:
    /// only these words, at unit length in half precision, not the whole file.
    /// </summary>
    public static WordVectorTable Table(string path, int words, float scale) => WordVectorTable.Create(MostFrequent(path, words), scale);

    /// <summary>The vectors of the <paramref name="count"/> most frequent lower-case words, most frequent first.</summary>
    private static (string Word, float[] Vector)[] MostFrequent(string path, int count)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: pretrained vectors not found (run tools/fetch-glove.sh first)", path);
        Dictionary<string, float[]> vectors;
        using (var stream = File.OpenRead(path))
        {
            vectors = PretrainedWordVectors.ReadWinkAsync(stream, path, CancellationToken.None).GetAwaiter().GetResult();
        }

        // The file lists words by frequency and the reader keeps that order; a lower-cased word heads its kind.
        var words = vectors.Where(pair => pair.Key.Length > 0 && pair.Key == pair.Key.ToLowerInvariant()).Take(count).Select(pair => (pair.Key, pair.Value)).ToArray();
        if (words.Length == 0) throw new InvalidDataException($"{path}: no lower-case words with vectors");
        return words;
    }
}
