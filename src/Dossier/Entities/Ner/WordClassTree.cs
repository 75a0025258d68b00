namespace Dossier.Entities.Ner;

/// <summary>
/// Grows the binary trees that <see cref="WordClusters"/> reads: words described by unit vectors are split in two by
/// spherical 2-means, again and again, so that a word's path prefixes are classes from coarse to fine. Deterministic
/// for a seed; used by the trainer only.
/// </summary>
internal static class WordClassTree
{
    private const int MaxDepth = 20;
    private const int MinLeaf = 3;

    /// <summary>
    /// A binary tree over the given unit vectors (most frequent word first), grown by splitting each node in two
    /// with spherical 2-means until it is <see cref="MaxDepth"/> deep or too small; each vector's path in it.
    /// </summary>
    public static string[] Grow((int[] Keys, float[] Values)[] vectors, int dims, int seed)
    {
        var paths = new string[vectors.Length];
        var random = new Random(seed);
        var stack = new Stack<(int[] Words, string Path)>();
        stack.Push((Enumerable.Range(0, vectors.Length).ToArray(), ""));
        while (stack.Count > 0)
        {
            var (words, prefix) = stack.Pop();
            if (prefix.Length >= MaxDepth || words.Length < 2 * MinLeaf || !TrySplit(words, vectors, dims, random, out var zero, out var one))
            {
                foreach (var w in words) paths[w] = prefix.Length == 0 ? "0" : prefix;
                continue;
            }

            stack.Push((one, prefix + "1"));
            stack.Push((zero, prefix + "0"));
        }

        return paths;
    }

    private static bool TrySplit(int[] words, (int[] Keys, float[] Values)[] vectors, int dims, Random random, out int[] zero, out int[] one)
    {
        var centroids = new float[2][];
        // Start from two distinct words; the more frequent words come first in the vocabulary, so take from the front.
        var firstSeed = words[random.Next(Math.Min(words.Length, 50))];
        var secondSeed = words[random.Next(Math.Min(words.Length, 50))];
        if (firstSeed == secondSeed) secondSeed = words[words.Length - 1 - random.Next(Math.Min(words.Length, 10))];
        centroids[0] = Dense(vectors[firstSeed], dims);
        centroids[1] = Dense(vectors[secondSeed], dims);
        var side = new bool[words.Length];
        for (var iteration = 0; iteration < 8; iteration++)
        {
            for (var i = 0; i < words.Length; i++)
            {
                var (keys, values) = vectors[words[i]];
                float a = 0, b = 0;
                for (var k = 0; k < keys.Length; k++)
                {
                    a += centroids[0][keys[k]] * values[k];
                    b += centroids[1][keys[k]] * values[k];
                }

                side[i] = b > a;
            }

            centroids[0] = new float[dims];
            centroids[1] = new float[dims];
            for (var i = 0; i < words.Length; i++)
            {
                var target = centroids[side[i] ? 1 : 0];
                var (keys, values) = vectors[words[i]];
                for (var k = 0; k < keys.Length; k++) target[keys[k]] += values[k];
            }

            foreach (var centroid in centroids)
            {
                var norm = (float)Math.Sqrt(centroid.Sum(v => v * v));
                if (norm > 0)
                {
                    for (var d = 0; d < dims; d++) centroid[d] /= norm;
                }
            }
        }

        zero = words.Where((_, i) => !side[i]).ToArray();
        one = words.Where((_, i) => side[i]).ToArray();
        return zero.Length > 0 && one.Length > 0;
    }

    private static float[] Dense((int[] Keys, float[] Values) vector, int dims)
    {
        var dense = new float[dims];
        for (var k = 0; k < vector.Keys.Length; k++) dense[vector.Keys[k]] = vector.Values[k];
        return dense;
    }
}
