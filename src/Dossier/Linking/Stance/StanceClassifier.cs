namespace Dossier.Linking.Stance;

/// <summary>Classifies the stance of a body towards a headline with a trained model (a vocabulary and a network).</summary>
public sealed class StanceClassifier
{
    public const string VocabularyFile = "vocabulary.tsv";
    public const string NetworkFile = "network.bin";

    private readonly StanceNetwork _network;

    public StanceClassifier(StanceFeaturizer featurizer, StanceNetwork network)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(network);
        if (network.Inputs != featurizer.Dimension) throw new InvalidDataException("The network does not fit the vocabulary.");
        Featurizer = featurizer;
        _network = network;
    }

    public StanceFeaturizer Featurizer { get; }

    public static async Task<StanceClassifier> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        using var vocabularyReader = new StreamReader(Path.Combine(directory, VocabularyFile));
        var vocabulary = StanceVocabulary.Load(vocabularyReader);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(directory, NetworkFile), cancellationToken);
        using var stream = new MemoryStream(bytes);
        return new StanceClassifier(new StanceFeaturizer(vocabulary), StanceNetwork.Load(stream));
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        using (var writer = new StreamWriter(Path.Combine(directory, VocabularyFile)) { NewLine = "\n" }) Featurizer.Vocabulary.Save(writer);
        using var stream = File.Create(Path.Combine(directory, NetworkFile));
        _network.Save(stream);
    }

    public StanceLabel Classify(string headline, StanceBody body) => (StanceLabel)ArgMax(Probabilities(headline, body));

    public float[] Probabilities(string headline, StanceBody body) => _network.Predict(Featurizer.Featurize(headline, body));

    /// <summary>Walks up from <paramref name="start"/> looking for models/stance; null when there is none.</summary>
    public static string? FindModelDirectory(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "models", "stance");
            if (File.Exists(Path.Combine(candidate, NetworkFile))) return candidate;
        }

        return null;
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }

        return best;
    }
}
