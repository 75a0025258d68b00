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
        if (!File.Exists(source.Vectors))
        {
            throw new FileNotFoundException($"{source.Vectors}: pretrained vectors not found (run tools/fetch-glove.sh first)", source.Vectors);
        }

        Dictionary<string, float[]> vectors;
        using (var stream = File.OpenRead(source.Vectors))
        {
            vectors = PretrainedWordVectors.ReadWinkAsync(stream, source.Vectors, CancellationToken.None).GetAwaiter().GetResult();
        }

        // The file lists words by frequency and the reader keeps that order; a lower-cased word heads its kind.
        var words = vectors.Keys.Where(word => word.Length > 0 && word == word.ToLowerInvariant()).Take(source.Words).ToArray();
        if (words.Length == 0) throw new InvalidDataException($"{source.Vectors}: no lower-case words with vectors");
        var dims = vectors[words[0]].Length;
        var keys = Enumerable.Range(0, dims).ToArray();
        var unit = words.Select(word =>
        {
            var values = vectors[word];
            var norm = (float)Math.Sqrt(values.Sum(v => v * v));
            return (keys, norm > 0 ? values.Select(v => v / norm).ToArray() : values);
        }).ToArray();
        log($"clustering {words.Length} words on {dims} pretrained dimensions");
        var paths = WordClassTree.Grow(unit, dims, seed);
        ClusterSources.WriteTree(source.Path, words, paths, Enumerable.Range(1, words.Length).ToArray());
    }
}
