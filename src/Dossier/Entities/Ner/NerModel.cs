using Dossier.Text.Sequence;

namespace Dossier.Entities.Ner;

/// <summary>
/// A trained tagger: gazetteer phrase hashes, word classes and one or two linear-chain models. The second model,
/// when present, reads the first one's tags for the whole document, so that a name tagged confidently in one
/// place informs its other mentions.
/// </summary>
public sealed class NerModel
{
    private const string Magic = "DOSSIER-NER";
    private const int Version = 3;

    // Format 2 had no feature set: such models read as trained with none of the optional features.
    private const int VersionWithoutFeatureSet = 2;

    // Format 4 adds the word vector table and each pass's dense weights; a model without them is written as format 3.
    private const int VersionWithWordVectors = 4;

    internal NerModel(
        Gazetteer gazetteer, WordClusters clusters, LinearChainModel firstPass, LinearChainModel? secondPass, string description,
        NerFeatureSet featureSet = NerFeatureSet.None, IReadOnlySet<ulong>? lowerCaseWords = null, WordVectorTable? wordVectors = null)
    {
        if ((featureSet & NerFeatureSet.DenseWordVectors) != 0 && wordVectors is null)
        {
            throw new ArgumentException("A model with dense word vector features needs its word vector table.", nameof(wordVectors));
        }

        WordVectors = (featureSet & NerFeatureSet.DenseWordVectors) != 0 ? wordVectors : null;
        FeatureSet = featureSet;
        _lowerCaseWords = lowerCaseWords ?? new HashSet<ulong>();
        Gazetteer = gazetteer;
        Clusters = clusters;
        FirstPass = firstPass;
        SecondPass = secondPass;
        Description = description;
    }

    private readonly IReadOnlySet<ulong> _lowerCaseWords;

    public Gazetteer Gazetteer { get; }

    /// <summary>Whether news text usually writes this word in lower case (so a capital on it says little), as counted at training time.</summary>
    public bool IsUsuallyLowerCase(string word) => _lowerCaseWords.Contains(StableHash.OfLower(word));

    internal IReadOnlySet<ulong> LowerCaseWords => _lowerCaseWords;

    /// <summary>The same model with the list of words that news text writes in lower case.</summary>
    public NerModel WithLowerCaseWords(IEnumerable<string> words) =>
        new(Gazetteer, Clusters, FirstPass, SecondPass, Description, FeatureSet, words.Select(w => StableHash.OfLower(w)).ToHashSet(), WordVectors);
    public WordClusters Clusters { get; }

    /// <summary>The optional feature groups the model was trained with.</summary>
    public NerFeatureSet FeatureSet { get; }
    internal LinearChainModel FirstPass { get; }

    /// <summary>The pretrained word vectors the model reads (<see cref="NerFeatureSet.DenseWordVectors"/>), or null.</summary>
    internal WordVectorTable? WordVectors { get; }
    internal LinearChainModel? SecondPass { get; }

    /// <summary>How the model was trained, as the trainer recorded it.</summary>
    public string Description { get; }

    public void Save(string path)
    {
        using var file = File.Create(path);
        Save(file);
    }

    public void Save(Stream stream)
    {
        ModelFile.Write(stream, Magic, writer =>
        {
            writer.Write(WordVectors is null ? Version : VersionWithWordVectors);
            writer.Write(Description);
            writer.Write((int)FeatureSet);
            Gazetteer.Write(writer);
            Clusters.Write(writer);
            FirstPass.Write(writer);
            writer.Write(SecondPass is not null);
            SecondPass?.Write(writer);
            writer.Write(_lowerCaseWords.Count);
            foreach (var hash in _lowerCaseWords.Order()) writer.Write(hash);
            if (WordVectors is null) return;
            WordVectors.Write(writer);
            FirstPass.WriteDenseWeights(writer);
            SecondPass?.WriteDenseWeights(writer);
        });
    }

    public static NerModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The entity recognition model is missing: expected it at '{path}'. It ships in models/ner and is copied next to the application when it is built.",
                path);
        }

        using var file = new BufferedStream(File.OpenRead(path), 1 << 16);
        return Load(file);
    }

    public static NerModel Load(Stream stream)
    {
        using var reader = ModelFile.OpenReader(stream, Magic, "This is not an entity recognition model file.");
        var version = reader.ReadInt32();
        if (version is not (Version or VersionWithoutFeatureSet or VersionWithWordVectors))
        {
            throw new InvalidDataException($"Model format {version} is not supported; this build reads formats {VersionWithoutFeatureSet} to {VersionWithWordVectors}.");
        }

        var description = reader.ReadString();
        var featureSet = version == VersionWithoutFeatureSet ? NerFeatureSet.None : (NerFeatureSet)reader.ReadInt32();
        var gazetteer = Gazetteer.Read(reader);
        var clusters = WordClusters.Read(reader);
        var first = LinearChainModel.Read(reader);
        var second = reader.ReadBoolean() ? LinearChainModel.Read(reader) : null;
        var count = reader.ReadInt32();
        var lowerCase = new HashSet<ulong>(count);
        for (var i = 0; i < count; i++) lowerCase.Add(reader.ReadUInt64());
        if (version != VersionWithWordVectors) return new NerModel(gazetteer, clusters, first, second, description, featureSet, lowerCase);
        var wordVectors = WordVectorTable.Read(reader);
        first = first.ReadDenseWeights(reader);
        second = second?.ReadDenseWeights(reader);
        return new NerModel(gazetteer, clusters, first, second, description, featureSet, lowerCase, wordVectors);
    }
}

/// <summary>Tags the tokens of one document with IOB2 entity tags. Thread-safe: the model is only read.</summary>
public sealed class NerTagger
{
    private readonly NerModel _model;
    private readonly NerFeatureExtractor _first;
    private readonly NerFeatureExtractor? _second;

    public NerTagger(NerModel model)
    {
        _model = model;
        _first = new NerFeatureExtractor(model.Gazetteer, model.Clusters, model.FirstPass.BucketBits, model.FirstPass.Scheme, model.FeatureSet, model.WordVectors);
        _second = model.SecondPass is { } second ? new NerFeatureExtractor(model.Gazetteer, model.Clusters, second.BucketBits, model.FirstPass.Scheme, model.FeatureSet, model.WordVectors) : null;
    }

    public NerModel Model => _model;

    /// <summary>Tag indices (see <see cref="NerLabels"/>) for every token of every sentence of one document.</summary>
    public int[][] Tag(IReadOnlyList<IReadOnlyList<string>> sentences) => Passes(sentences).Final;

    /// <summary>
    /// Both passes' tags and the features each read, so that a wrong tag can be traced to the pass that chose it: the first
    /// pass's in the model's own scheme, the final ones in IOB2; the second pass's features are null for a model with one pass.
    /// </summary>
    internal TaggerPasses Passes(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var prepared = _first.Prepare(sentences);
        var features = _first.Extract(prepared, null);
        var tags = new int[sentences.Count][];
        for (var s = 0; s < features.Length; s++) tags[s] = _model.FirstPass.Decode(features[s]);
        if (_second is null || _model.SecondPass is null) return new TaggerPasses(tags, features, tags.Select(_model.FirstPass.Scheme.ToIob2).ToArray(), null);
        var sameBuckets = _model.SecondPass.BucketBits == _model.FirstPass.BucketBits;
        var secondFeatures = _second.Extract(prepared, tags, sameBuckets ? features : null);
        var final = new int[sentences.Count][];
        for (var s = 0; s < secondFeatures.Length; s++) final[s] = _model.SecondPass.Scheme.ToIob2(_model.SecondPass.Decode(secondFeatures[s]));
        return new TaggerPasses(tags, features, final, secondFeatures);
    }
}

internal sealed record TaggerPasses(int[][] First, SentenceFeatures[] FirstFeatures, int[][] Final, SentenceFeatures[]? SecondFeatures);
