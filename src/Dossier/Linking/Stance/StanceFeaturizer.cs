namespace Dossier.Linking.Stance;

/// <summary>A sparse input vector: ascending indices and their values.</summary>
public sealed record SparseVector(int[] Indices, float[] Values);

/// <summary>
/// Turns a headline–body pair into the model's input: the headline's and the body's term-frequency vectors
/// (L2-normalised) over the vocabulary, then a few dense signals of relatedness and of refuting or hedging language.
/// A body is read once (<see cref="ReadBody"/>) and reused for every headline paired with it.
/// </summary>
public sealed class StanceFeaturizer(StanceVocabulary vocabulary)
{
    /// <summary>Words of a body read: enough for the lead and the bulk of any news article, bounded for hostile input.</summary>
    private const int MaxBodyWords = 5_000;
    private const int LeadWords = 100;

    public const int DenseCount = 14;

    public StanceVocabulary Vocabulary => vocabulary;

    public int Dimension => 2 * vocabulary.Count + DenseCount;

    public StanceBody ReadBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var words = StanceText.Words(body, MaxBodyWords);
        var content = words.Where(StanceText.IsContent).ToList();
        var sentences = new List<HashSet<string>>();
        var sentenceRefutes = new List<bool>();
        foreach (var sentence in body.Length > 200_000 ? [body[..200_000]] : body.Split(['.', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var current = StanceText.ContentWords(sentence).ToHashSet(StringComparer.Ordinal);
            var refutes = StanceText.Words(sentence).Any(StanceText.RefutingCues.Contains);
            if (current.Count == 0) continue;
            sentences.Add(current);
            sentenceRefutes.Add(refutes);
            if (sentences.Count >= 400) break;
        }

        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < content.Count; i++) bigrams.Add(content[i] + " " + content[i + 1]);
        return new StanceBody(
            TermFrequencies(content),
            TermFrequencies(content.Take(LeadWords)),
            content.ToHashSet(StringComparer.Ordinal),
            bigrams,
            sentences,
            sentenceRefutes,
            words.Count(StanceText.RefutingCues.Contains),
            words.Take(LeadWords).Count(StanceText.RefutingCues.Contains),
            words.Count(StanceText.HedgingCues.Contains),
            Math.Max(1, words.Count));
    }

    public SparseVector Featurize(string headline, StanceBody body)
    {
        ArgumentNullException.ThrowIfNull(headline);
        ArgumentNullException.ThrowIfNull(body);
        var words = StanceText.Words(headline, 200);
        var content = words.Where(StanceText.IsContent).ToList();
        var headlineTf = TermFrequencies(content);

        var indices = new List<int>();
        var values = new List<float>();
        AddNormalised(headlineTf, 0, indices, values);
        AddNormalised(body.TermFrequencies, vocabulary.Count, indices, values);

        var distinct = content.Distinct(StringComparer.Ordinal).ToList();
        var inBody = distinct.Count == 0 ? 0f : (float)distinct.Count(body.Words.Contains) / distinct.Count;
        var headlineBigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < content.Count; i++) headlineBigrams.Add(content[i] + " " + content[i + 1]);
        var bigramsInBody = headlineBigrams.Count == 0 ? 0f : (float)headlineBigrams.Count(body.Bigrams.Contains) / headlineBigrams.Count;

        var bestOverlap = 0f;
        var bestRefutes = false;
        for (var s = 0; s < body.Sentences.Count && distinct.Count > 0; s++)
        {
            var overlap = (float)distinct.Count(body.Sentences[s].Contains) / distinct.Count;
            if (overlap > bestOverlap)
            {
                bestOverlap = overlap;
                bestRefutes = body.SentenceRefutes[s];
            }
        }

        var dense = new float[DenseCount];
        dense[0] = Cosine(headlineTf, body.TermFrequencies, idf: true);
        dense[1] = Cosine(headlineTf, body.LeadTermFrequencies, idf: true);
        dense[2] = inBody;
        dense[3] = bigramsInBody;
        dense[4] = words.Any(StanceText.RefutingCues.Contains) ? 1 : 0;
        dense[5] = Math.Min(1f, body.RefutingCount / 5f);
        dense[6] = Math.Min(1f, body.LeadRefutingCount / 2f);
        dense[7] = Math.Min(1f, body.HedgingCount / 10f);
        dense[8] = Math.Min(1f, 20f * body.HedgingCount / body.WordCount);
        dense[9] = Math.Min(1f, 20f * body.RefutingCount / body.WordCount);
        dense[10] = headline.Contains('?', StringComparison.Ordinal) ? 1 : 0;
        dense[11] = bestOverlap;
        dense[12] = bestRefutes ? 1 : 0;
        dense[13] = words.Any(StanceText.HedgingCues.Contains) ? 1 : 0;
        var offset = 2 * vocabulary.Count;
        for (var i = 0; i < dense.Length; i++)
        {
            if (dense[i] == 0) continue;
            indices.Add(offset + i);
            values.Add(dense[i]);
        }

        return new SparseVector(indices.ToArray(), values.ToArray());
    }

    private Dictionary<int, float> TermFrequencies(IEnumerable<string> words)
    {
        var counts = new Dictionary<int, float>();
        foreach (var word in words)
        {
            if (vocabulary.TryGetIndex(word, out var index)) counts[index] = counts.GetValueOrDefault(index) + 1;
        }

        return counts;
    }

    private static void AddNormalised(Dictionary<int, float> counts, int offset, List<int> indices, List<float> values)
    {
        var norm = MathF.Sqrt(counts.Values.Sum(v => v * v));
        if (norm == 0) return;
        foreach (var (index, count) in counts.OrderBy(p => p.Key))
        {
            indices.Add(offset + index);
            values.Add(count / norm);
        }
    }

    private float Cosine(Dictionary<int, float> a, Dictionary<int, float> b, bool idf)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        float Weight(int index, float count) => idf ? count * vocabulary.Idf(index) : count;
        var dot = 0f;
        foreach (var (index, count) in a)
        {
            if (b.TryGetValue(index, out var other)) dot += Weight(index, count) * Weight(index, other);
        }

        var normA = MathF.Sqrt(a.Sum(p => Weight(p.Key, p.Value) * Weight(p.Key, p.Value)));
        var normB = MathF.Sqrt(b.Sum(p => Weight(p.Key, p.Value) * Weight(p.Key, p.Value)));
        return normA == 0 || normB == 0 ? 0 : dot / (normA * normB);
    }
}

/// <summary>What the featurizer keeps of a body, read once.</summary>
public sealed record StanceBody(
    Dictionary<int, float> TermFrequencies,
    Dictionary<int, float> LeadTermFrequencies,
    HashSet<string> Words,
    HashSet<string> Bigrams,
    List<HashSet<string>> Sentences,
    List<bool> SentenceRefutes,
    int RefutingCount,
    int LeadRefutingCount,
    int HedgingCount,
    int WordCount);
