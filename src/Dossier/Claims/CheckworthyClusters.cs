using System.Collections.Frozen;
using System.Globalization;

namespace Dossier.Claims;

/// <summary>
/// Word classes induced from unlabelled text: words that occur between the same neighbours share a class ("rose", "fell",
/// "doubled"; "China", "Mexico", "Iran"). A sentence's classes let the check-worthiness model carry what it learned about
/// one word to the words like it that its few hundred check-worthy training lines never used. Each word has a coarse and a
/// fine class.
/// </summary>
public sealed class CheckworthyClusters
{
    private readonly FrozenDictionary<string, (int Coarse, int Fine)> _classes;

    private readonly FrozenDictionary<string, (int Coarse, int Fine)>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public CheckworthyClusters(IReadOnlyDictionary<string, (int Coarse, int Fine)> classes)
    {
        _classes = classes.ToFrozenDictionary(StringComparer.Ordinal);
        _bySpan = _classes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int WordCount => _classes.Count;

    /// <summary>The word's classes, for a lower-cased word as <see cref="CheckworthyFeatures"/> cuts it.</summary>
    public bool TryGet(string word, out (int Coarse, int Fine) classes) => _classes.TryGetValue(word, out classes);

    internal bool TryGet(ReadOnlySpan<char> word, out (int Coarse, int Fine) classes) => _bySpan.TryGetValue(word, out classes);

    /// <summary>Reads "word TAB coarse TAB fine" lines; other lines are skipped.</summary>
    public static CheckworthyClusters Parse(IEnumerable<string> lines)
    {
        var classes = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            if (fields.Length == 3
                && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var coarse)
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var fine))
            {
                classes[fields[0]] = (coarse, fine);
            }
        }

        return new CheckworthyClusters(classes);
    }

    /// <summary>Every word with its classes.</summary>
    internal IReadOnlyDictionary<string, (int Coarse, int Fine)> Classes => _classes;

    public IEnumerable<string> ToLines() =>
        _classes.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}\t{pair.Value.Coarse}\t{pair.Value.Fine}"));

    /// <summary>
    /// Clusters the frequent words of <paramref name="texts"/> (one sentence or paragraph each) by the words seen just
    /// before and after them: counts over the most frequent context words, positive pointwise mutual information, cosine
    /// k-means (k-means++ seeds). Deterministic for a given seed.
    /// </summary>
    public static CheckworthyClusters Induce(IEnumerable<string> texts, int coarse = 50, int fine = 250, int minimumCount = 5, int maximumWords = 12_000, int contextWords = 500, int seed = 17)
    {
        var (sequences, _, vocabulary, contexts) = Vocabulary(texts, minimumCount, maximumWords, contextWords);
        var boundary = contexts.Count;

        // Left contexts take dimensions [0, boundary], right contexts the next boundary + 1; the boundary dimension is the
        // sentence's start (left) or end (right).
        var cooccurrences = new Dictionary<int, double>[vocabulary.Count];
        for (var w = 0; w < cooccurrences.Length; w++) cooccurrences[w] = [];
        foreach (var words in sequences)
        {
            for (var i = 0; i < words.Count; i++)
            {
                if (!vocabulary.TryGetValue(words[i], out var w)) continue;
                var left = i == 0 ? boundary : contexts.GetValueOrDefault(words[i - 1], -1);
                var right = i + 1 == words.Count ? boundary : contexts.GetValueOrDefault(words[i + 1], -1);
                if (left >= 0) cooccurrences[w][left] = cooccurrences[w].GetValueOrDefault(left) + 1;
                if (right >= 0) cooccurrences[w][boundary + 1 + right] = cooccurrences[w].GetValueOrDefault(boundary + 1 + right) + 1;
            }
        }

        var dimensions = 2 * (boundary + 1);
        var vectors = Ppmi(cooccurrences, dimensions);
        var coarseClasses = KMeans(vectors, dimensions, Math.Min(coarse, vectors.Length), seed);
        var fineClasses = KMeans(vectors, dimensions, Math.Min(fine, vectors.Length), seed + 1);
        return new CheckworthyClusters(vocabulary.ToDictionary(pair => pair.Key, pair => (coarseClasses[pair.Value], fineClasses[pair.Value]), StringComparer.Ordinal));
    }

    /// <summary>Positive PMI of each word with each context, as unit-length sparse vectors. A <paramref name="contextSmoothing"/>
    /// below 1 raises rare contexts' probabilities (counts to that power), which tempers PMI's bias towards them.</summary>
    internal static (int[] Index, float[] Value)[] Ppmi(Dictionary<int, double>[] cooccurrences, int dimensions, double contextSmoothing = 1)
    {
        var contextTotals = new double[dimensions];
        double total = 0;
        foreach (var row in cooccurrences)
        {
            foreach (var (c, n) in row)
            {
                contextTotals[c] += n;
                total += n;
            }
        }

        if (contextSmoothing != 1)
        {
            var smoothed = contextTotals.Sum(n => Math.Pow(n, contextSmoothing));
            for (var c = 0; c < dimensions; c++) contextTotals[c] = total * Math.Pow(contextTotals[c], contextSmoothing) / smoothed;
        }

        var vectors = new (int[], float[])[cooccurrences.Length];
        for (var w = 0; w < cooccurrences.Length; w++)
        {
            var row = cooccurrences[w];
            var wordTotal = row.Values.Sum();
            var entries = row.OrderBy(pair => pair.Key)
                .Select(pair => (pair.Key, Value: Math.Log(pair.Value * total / (wordTotal * contextTotals[pair.Key]))))
                .Where(entry => entry.Value > 0).ToArray();
            var norm = Math.Sqrt(entries.Sum(entry => entry.Value * entry.Value));
            vectors[w] = norm == 0 ? ([], []) : (entries.Select(entry => entry.Key).ToArray(), entries.Select(entry => (float)(entry.Value / norm)).ToArray());
        }

        return vectors;
    }

    private static int[] KMeans((int[] Index, float[] Value)[] vectors, int dimensions, int k, int seed, int iterations = 12)
    {
        var random = new Random(seed);
        var centroids = new float[k][];
        var nearest = new double[vectors.Length];
        Array.Fill(nearest, double.MaxValue);
        var chosen = random.Next(vectors.Length);
        for (var c = 0; c < k; c++)
        {
            centroids[c] = Dense(vectors[chosen], dimensions);
            double sum = 0;
            for (var w = 0; w < vectors.Length; w++)
            {
                nearest[w] = Math.Min(nearest[w], Math.Max(0, 1 - Dot(vectors[w], centroids[c])));
                sum += nearest[w];
            }

            // k-means++: the next seed is drawn in proportion to how far each word is from the seeds so far.
            var target = random.NextDouble() * sum;
            chosen = vectors.Length - 1;
            for (var w = 0; w < vectors.Length; w++)
            {
                target -= nearest[w];
                if (target > 0) continue;
                chosen = w;
                break;
            }
        }

        var assignment = new int[vectors.Length];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var previous = (int[])assignment.Clone();
            Parallel.For(0, vectors.Length, w =>
            {
                var best = 0;
                var bestDot = double.MinValue;
                for (var c = 0; c < k; c++)
                {
                    var dot = Dot(vectors[w], centroids[c]);
                    if (dot > bestDot) (best, bestDot) = (c, dot);
                }

                assignment[w] = best;
            });

            if (iteration > 0 && previous.AsSpan().SequenceEqual(assignment)) break;
            var sums = new float[k][];
            for (var c = 0; c < k; c++) sums[c] = new float[dimensions];
            for (var w = 0; w < vectors.Length; w++)
            {
                var (index, value) = vectors[w];
                for (var j = 0; j < index.Length; j++) sums[assignment[w]][index[j]] += value[j];
            }

            for (var c = 0; c < k; c++)
            {
                var norm = Math.Sqrt(sums[c].Sum(x => (double)x * x));
                if (norm == 0) continue;
                for (var d = 0; d < dimensions; d++) sums[c][d] = (float)(sums[c][d] / norm);
                centroids[c] = sums[c];
            }
        }

        return assignment;
    }

    private static float[] Dense((int[] Index, float[] Value) vector, int dimensions)
    {
        var dense = new float[dimensions];
        for (var j = 0; j < vector.Index.Length; j++) dense[vector.Index[j]] = vector.Value[j];
        return dense;
    }

    private static double Dot((int[] Index, float[] Value) vector, float[] centroid)
    {
        double sum = 0;
        for (var j = 0; j < vector.Index.Length; j++) sum += vector.Value[j] * centroid[vector.Index[j]];
        return sum;
    }

    /// <summary>
    /// The word sequences of <paramref name="texts"/>, each word's count, and the words seen at least <paramref name="minimumCount"/> times by
    /// falling frequency (ties in ordinal order, so that induction is deterministic): the first
    /// <paramref name="maximumWords"/> to induce, the first <paramref name="contextWords"/> to describe them by.
    /// </summary>
    internal static (List<List<string>> Sequences, Dictionary<string, int> Counts, Dictionary<string, int> Vocabulary, Dictionary<string, int> Contexts) Vocabulary(
        IEnumerable<string> texts, int minimumCount, int maximumWords, int contextWords)
    {
        var sequences = texts.Select(text => CheckworthyFeatures.Words(text)).Where(words => words.Count > 0).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in sequences.SelectMany(words => words)) counts[word] = counts.GetValueOrDefault(word) + 1;
        var byFrequency = counts.Where(pair => pair.Value >= minimumCount).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key).ToList();
        var vocabulary = byFrequency.Take(maximumWords).Select((word, i) => (word, i)).ToDictionary(x => x.word, x => x.i, StringComparer.Ordinal);
        var contexts = byFrequency.Take(contextWords).Select((word, i) => (word, i)).ToDictionary(x => x.word, x => x.i, StringComparer.Ordinal);
        return (sequences, counts, vocabulary, contexts);
    }
}
