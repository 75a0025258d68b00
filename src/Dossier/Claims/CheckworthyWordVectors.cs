using System.Collections.Frozen;
using System.Runtime.Intrinsics;
using System.Globalization;

namespace Dossier.Claims;

/// <summary>
/// Dense word vectors induced from unlabelled text (positive PMI over a window of neighbours, truncated SVD), and the
/// sentence vector they give: the words' vectors averaged, rare words counting for more. Unlike word classes, a sentence
/// vector places "tariffs cost farmers billions" near "exports fell by a third" even when the two share no class.
/// </summary>
public sealed class CheckworthyWordVectors
{
    private readonly FrozenDictionary<string, (float Weight, float[] Vector)> _words;

    private readonly FrozenDictionary<string, (float Weight, float[] Vector)>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public CheckworthyWordVectors(IReadOnlyDictionary<string, (float Weight, float[] Vector)> words)
    {
        _words = words.ToFrozenDictionary(StringComparer.Ordinal);
        _bySpan = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        Dimensions = _words.Count == 0 ? 0 : _words.Values.First().Vector.Length;
        if (_words.Values.Any(entry => entry.Vector.Length != Dimensions)) throw new ArgumentException("Word vectors differ in length.", nameof(words));
    }

    public int Dimensions { get; }

    public int WordCount => _words.Count;

    /// <summary>Whether the word (lower case) is one of the frequent English words the vectors were learnt for.</summary>
    public bool Knows(string word) => _words.ContainsKey(word);

    /// <summary>Each word with its vector (unit length), for models that read the words one by one rather than their mean.</summary>
    internal IEnumerable<KeyValuePair<string, float[]>> Entries => _words.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Vector));

    /// <summary>The weighted mean of the known words' vectors at unit length; all zeros when no word is known.</summary>
    public double[] SentenceVector(IReadOnlyList<string> words)
    {
        var sum = new double[Dimensions];
        foreach (var word in words) Add(word, sum);
        Normalise(sum);
        return sum;
    }

    /// <summary>The same for words as the features cut them, written into <paramref name="sum"/> (of <see cref="Dimensions"/>, zeroed).</summary>
    internal void SentenceVector(in CheckworthyWords words, Span<double> sum)
    {
        for (var i = 0; i < words.Count; i++) Add(words[i], sum);
        Normalise(sum);
    }

    private void Add(ReadOnlySpan<char> word, Span<double> sum)
    {
        if (!_bySpan.TryGetValue(word, out var entry)) return;
        var d = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Each lane rounds the product to a float and adds it as a double, as one component at a time does: the same sums.
            var weight = Vector256.Create(entry.Weight);
            for (; d <= sum.Length - Vector256<float>.Count; d += Vector256<float>.Count)
            {
                var (low, high) = Vector256.Widen(weight * Vector256.Create<float>(entry.Vector.AsSpan(d, Vector256<float>.Count)));
                var lower = sum.Slice(d, Vector256<double>.Count);
                var upper = sum.Slice(d + Vector256<double>.Count, Vector256<double>.Count);
                (Vector256.Create<double>(lower) + low).CopyTo(lower);
                (Vector256.Create<double>(upper) + high).CopyTo(upper);
            }
        }

        for (; d < sum.Length; d++) sum[d] += entry.Weight * entry.Vector[d];
    }

    private static void Normalise(Span<double> sum)
    {
        double squares = 0;
        foreach (var x in sum) squares += x * x;
        var norm = Math.Sqrt(squares);
        if (norm > 0) for (var d = 0; d < sum.Length; d++) sum[d] /= norm;
    }

    /// <summary>Reads "word TAB weight TAB space-separated components" lines; other lines (and vectors of another length
    /// than the first) are skipped.</summary>
    public static CheckworthyWordVectors Parse(IEnumerable<string> lines)
    {
        var words = new Dictionary<string, (float, float[])>(StringComparer.Ordinal);
        var dimensions = -1;
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            if (fields.Length != 3 || !float.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)) continue;
            var parts = fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var vector = new float[parts.Length];
            var valid = parts.Length > 0 && (dimensions < 0 || parts.Length == dimensions);
            for (var d = 0; valid && d < parts.Length; d++) valid = float.TryParse(parts[d], NumberStyles.Float, CultureInfo.InvariantCulture, out vector[d]);
            if (!valid) continue;
            dimensions = parts.Length;
            words[fields[0]] = (weight, vector);
        }

        return new CheckworthyWordVectors(words);
    }

    public IEnumerable<string> ToLines() =>
        _words.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair =>
            pair.Key + "\t" + pair.Value.Weight.ToString("G4", CultureInfo.InvariantCulture) + "\t"
            + string.Join(' ', pair.Value.Vector.Select(x => x.ToString("0.####", CultureInfo.InvariantCulture))));

    /// <summary>
    /// Vectors for the frequent words of <paramref name="texts"/> (one sentence or paragraph each): counts of the most
    /// frequent context words within <paramref name="window"/> words either side, positive PMI with the context counts
    /// smoothed (power 0.75, so that rare contexts do not dominate), and the top <paramref name="dimensions"/> singular
    /// directions (subspace iteration on the contexts' Gram matrix, seeded: deterministic), each word's vector scaled by
    /// the square root of the singular values and set to unit length. A word's weight is a / (a + its relative frequency),
    /// with a = 1e-3, so that "the" and "and" hardly move a sentence's vector.
    /// </summary>
    public static CheckworthyWordVectors Induce(
        IEnumerable<string> texts, int dimensions = 64, int window = 4, int minimumCount = 5, int maximumWords = 20_000, int contextWords = 1_000, int seed = 17)
    {
        var (sequences, counts, vocabulary, contexts) = CheckworthyClusters.Vocabulary(texts, minimumCount, maximumWords, contextWords);
        var cooccurrences = new Dictionary<int, double>[vocabulary.Count];
        for (var w = 0; w < cooccurrences.Length; w++) cooccurrences[w] = [];
        foreach (var words in sequences)
        {
            var ids = words.Select(word => contexts.GetValueOrDefault(word, -1)).ToArray();
            for (var i = 0; i < words.Count; i++)
            {
                if (!vocabulary.TryGetValue(words[i], out var w)) continue;
                for (var j = Math.Max(0, i - window); j <= Math.Min(words.Count - 1, i + window); j++)
                {
                    if (j != i && ids[j] >= 0) cooccurrences[w][ids[j]] = cooccurrences[w].GetValueOrDefault(ids[j]) + 1;
                }
            }
        }

        var ppmi = CheckworthyClusters.Ppmi(cooccurrences, contexts.Count, contextSmoothing: 0.75);
        var (directions, values) = TopDirections(ppmi, contexts.Count, Math.Min(dimensions, contexts.Count), seed);
        var totalTokens = (double)counts.Values.Sum();
        var induced = new Dictionary<string, (float, float[])>(StringComparer.Ordinal);
        foreach (var (word, w) in vocabulary)
        {
            var (index, value) = ppmi[w];
            var vector = new double[directions.Length];
            for (var k = 0; k < directions.Length; k++)
            {
                double dot = 0;
                for (var j = 0; j < index.Length; j++) dot += value[j] * directions[k][index[j]];
                vector[k] = values[k] > 0 ? dot / Math.Pow(values[k], 0.25) : 0;
            }

            var norm = Math.Sqrt(vector.Sum(x => x * x));
            if (norm == 0) continue;
            induced[word] = (SentenceWeight(counts[word], totalTokens), [.. vector.Select(x => (float)(x / norm))]);
        }

        return new CheckworthyWordVectors(induced);
    }

    /// <summary>
    /// Vectors for the frequent words of <paramref name="texts"/> taken from <paramref name="pretrained"/> vectors (learnt
    /// from far more text than ours) at unit length, weighted in a sentence's mean as <see cref="Induce"/> weights them;
    /// frequent words the pretrained vectors lack are left out. Only these words ship with a model.
    /// </summary>
    public static CheckworthyWordVectors FromPretrained(
        IEnumerable<string> texts, IReadOnlyDictionary<string, float[]> pretrained, int minimumCount = 5, int maximumWords = 20_000)
    {
        var (_, counts, vocabulary, _) = CheckworthyClusters.Vocabulary(texts, minimumCount, maximumWords, contextWords: 0);
        var totalTokens = (double)counts.Values.Sum();
        var taken = new Dictionary<string, (float, float[])>(StringComparer.Ordinal);
        foreach (var word in vocabulary.Keys)
        {
            if (!pretrained.TryGetValue(word, out var vector)) continue;
            var norm = Math.Sqrt(vector.Sum(x => (double)x * x));
            if (norm == 0) continue;
            taken[word] = (SentenceWeight(counts[word], totalTokens), [.. vector.Select(x => (float)(x / norm))]);
        }

        return new CheckworthyWordVectors(taken);
    }

    /// <summary>
    /// Each word's vector followed by its vector in <paramref name="other"/> (zeros where one set lacks the word), so that
    /// a sentence's mean carries both; a word's weight is this set's, else the other's.
    /// </summary>
    public CheckworthyWordVectors Beside(CheckworthyWordVectors other)
    {
        var joined = new Dictionary<string, (float, float[])>(StringComparer.Ordinal);
        foreach (var word in _words.Keys.Union(other._words.Keys, StringComparer.Ordinal))
        {
            var vector = new float[Dimensions + other.Dimensions];
            var weight = 0f;
            if (other._words.TryGetValue(word, out var second))
            {
                second.Vector.CopyTo(vector, Dimensions);
                weight = second.Weight;
            }

            if (_words.TryGetValue(word, out var first))
            {
                first.Vector.CopyTo(vector, 0);
                weight = first.Weight;
            }

            joined[word] = (weight, vector);
        }

        return new CheckworthyWordVectors(joined);
    }

    /// <summary>a / (a + the word's relative frequency), a = 1e-3: "the" and "and" hardly move a sentence's vector.</summary>
    private static float SentenceWeight(int count, double totalTokens) => (float)(1e-3 / (1e-3 + count / totalTokens));

    /// <summary>The top right singular vectors of the sparse rows (eigenvectors of their Gram matrix, largest eigenvalue
    /// first) and the eigenvalues: block power iteration, then Rayleigh–Ritz with Jacobi rotations on the small block.</summary>
    private static (double[][] Directions, double[] Values) TopDirections((int[] Index, float[] Value)[] rows, int columns, int count, int seed)
    {
        var gram = new double[columns, columns];
        foreach (var (index, value) in rows)
        {
            for (var a = 0; a < index.Length; a++)
            {
                for (var b = 0; b < index.Length; b++) gram[index[a], index[b]] += (double)value[a] * value[b];
            }
        }

        var block = Math.Min(columns, count + 16);
        var random = new Random(seed);
        var basis = new double[block][];
        for (var k = 0; k < block; k++) basis[k] = [.. Enumerable.Range(0, columns).Select(_ => random.NextDouble() - 0.5)];
        Orthonormalise(basis);
        for (var iteration = 0; iteration < 20; iteration++)
        {
            basis = [.. basis.Select(v => Multiply(gram, v))];
            Orthonormalise(basis);
        }

        var products = basis.Select(v => Multiply(gram, v)).ToArray();
        var small = new double[block, block];
        for (var a = 0; a < block; a++)
        {
            for (var b = 0; b < block; b++) small[a, b] = Dot(basis[a], products[b]);
        }

        var (eigenvalues, eigenvectors) = Jacobi(small);
        var order = Enumerable.Range(0, block).OrderByDescending(k => eigenvalues[k]).Take(count).ToArray();
        var directions = order.Select(k =>
        {
            var direction = new double[columns];
            for (var b = 0; b < block; b++)
            {
                for (var c = 0; c < columns; c++) direction[c] += eigenvectors[b, k] * basis[b][c];
            }

            return direction;
        }).ToArray();
        return (directions, [.. order.Select(k => Math.Max(0, eigenvalues[k]))]);
    }

    private static double[] Multiply(double[,] matrix, double[] vector)
    {
        var n = vector.Length;
        var result = new double[n];
        Parallel.For(0, n, i =>
        {
            double sum = 0;
            for (var j = 0; j < n; j++) sum += matrix[i, j] * vector[j];
            result[i] = sum;
        });
        return result;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Modified Gram–Schmidt; a vector that falls into the span of the earlier ones is left at zero.</summary>
    private static void Orthonormalise(double[][] vectors)
    {
        for (var k = 0; k < vectors.Length; k++)
        {
            for (var j = 0; j < k; j++)
            {
                var projection = Dot(vectors[k], vectors[j]);
                for (var i = 0; i < vectors[k].Length; i++) vectors[k][i] -= projection * vectors[j][i];
            }

            var norm = Math.Sqrt(Dot(vectors[k], vectors[k]));
            for (var i = 0; i < vectors[k].Length; i++) vectors[k][i] = norm > 1e-12 ? vectors[k][i] / norm : 0;
        }
    }

    /// <summary>Eigenvalues and eigenvectors (columns) of a small symmetric matrix by cyclic Jacobi rotations.</summary>
    private static (double[] Values, double[,] Vectors) Jacobi(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 50; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++) for (var q = p + 1; q < n; q++) off += a[p, q] * a[p, q];
            if (off < 1e-22) break;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }

                    for (var k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }

                    for (var k = 0; k < n; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }

        return ([.. Enumerable.Range(0, n).Select(i => a[i, i])], v);
    }
}
