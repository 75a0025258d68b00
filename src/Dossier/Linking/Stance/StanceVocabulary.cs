using System.Collections.Frozen;
using System.Globalization;

namespace Dossier.Linking.Stance;

/// <summary>The words the stance model knows, each with its inverse document frequency over the training texts.</summary>
public sealed class StanceVocabulary
{
    private readonly FrozenDictionary<string, int> _index;
    private readonly float[] _idf;

    public StanceVocabulary(IReadOnlyList<string> words, IReadOnlyList<float> idf)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(idf);
        if (words.Count != idf.Count) throw new ArgumentException("One idf per word.", nameof(idf));
        Words = words;
        _idf = idf.ToArray();
        _index = words.Select((word, i) => (word, i)).ToFrozenDictionary(p => p.word, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Words { get; }

    public int Count => Words.Count;

    public bool TryGetIndex(string word, out int index) => _index.TryGetValue(word, out index);

    public float Idf(int index) => _idf[index];

    /// <summary>The <paramref name="size"/> most frequent words of the texts (function words excluded), with smoothed idf.</summary>
    public static StanceVocabulary Build(IEnumerable<string> texts, int size)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = 0;
        foreach (var text in texts)
        {
            documents++;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var word in StanceText.ContentWords(text))
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
                if (seen.Add(word)) documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
            }
        }

        var words = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(size).Select(p => p.Key).ToList();
        var idf = words.Select(w => (float)(Math.Log((1.0 + documents) / (1.0 + documentFrequency[w])) + 1.0)).ToList();
        return new StanceVocabulary(words, idf);
    }

    public void Save(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var i = 0; i < Words.Count; i++) writer.WriteLine(Words[i] + "\t" + _idf[i].ToString("R", CultureInfo.InvariantCulture));
    }

    public static StanceVocabulary Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var words = new List<string>();
        var idf = new List<float>();
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0) continue;
            words.Add(line[..tab]);
            idf.Add(float.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture));
        }

        return new StanceVocabulary(words, idf);
    }
}
