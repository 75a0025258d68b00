using Dossier.Entities.Ner;

namespace Dossier.Tests.Entities;

public sealed class NerModelTests
{
    private const string Training = """
        -DOCSTART- -X- O O

        John I-PER
        Smith I-PER
        visited O
        Paris I-LOC
        . O

        Acme I-ORG
        Corp I-ORG
        hired O
        Mary I-PER
        Jones I-PER
        in O
        London I-LOC
        . O

        """;

    private static NerModel Train(
        int seed, bool bilou = false, int mixtures = 1, NerFeatureSet featureSet = NerFeatureSet.None, int minFeatureCount = 1,
        NerLearner learner = NerLearner.Perceptron, double featureDropout = 0, double? secondPassFeatureDropout = null, double wordDropout = 0)
    {
        var documents = ConllReader.Read(new StringReader(Training));
        var options = new NerTrainingOptions
        {
            BucketBits = 12, Epochs = 5, Seed = seed, Folds = 2, Bilou = bilou, Mixtures = mixtures, FeatureSet = featureSet, MinFeatureCount = minFeatureCount,
            Learner = learner, FeatureDropout = featureDropout, SecondPassFeatureDropout = secondPassFeatureDropout, WordDropout = wordDropout,
        };
        return NerTrainer.Train(documents, Gazetteer.Empty, WordClusters.Empty, options);
    }

    private static byte[] Bytes(NerModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void ASecondTreeOfWordClassesIsReadApartFromTheFirst()
    {
        KeyValuePair<string, string>[] first = [new("paris", "0110")];
        KeyValuePair<string, string>[] second = [new("paris", "10"), new("london", "11")];
        var clusters = WordClusters.FromTrees([first, second]);
        var paris = StableHash.OfLower("Paris");
        var london = StableHash.OfLower("London");

        Assert.Equal(WordClusters.FromPaths(first).PathOf(paris), clusters.PathOf(paris));
        Assert.Equal((2UL << 32) | 0b10, clusters.PathOf(paris, 1));
        Assert.Equal(0UL, clusters.PathOf(london));
        Assert.Equal((2UL << 32) | 0b11, clusters.PathOf(london, 1));
    }

    [Fact]
    public void TrainingIsDeterministicForASeed() => Assert.Equal(Bytes(Train(7)), Bytes(Train(7)));

    [Fact]
    public void ASavedModelTagsAsTheOriginalDoes()
    {
        var model = Train(1);
        var loaded = NerModel.Load(new MemoryStream(Bytes(model)));
        IReadOnlyList<IReadOnlyList<string>> sentences = [["John", "Smith", "visited", "London", "."]];
        Assert.Equal(new NerTagger(model).Tag(sentences), new NerTagger(loaded).Tag(sentences));
    }

    [Fact]
    public void MixedTrainingIsDeterministicAndDiffersFromOneOrder()
    {
        Assert.Equal(Bytes(Train(7, mixtures: 2)), Bytes(Train(7, mixtures: 2)));
        Assert.NotEqual(Bytes(Train(7)), Bytes(Train(7, mixtures: 2)));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 3)]
    public void TheTrainingDataIsLearnt(bool bilou, int mixtures)
    {
        var tags = new NerTagger(Train(1, bilou, mixtures)).Tag([["John", "Smith", "visited", "Paris", "."]]);
        Assert.Equal(["B-PER", "I-PER", "O", "B-LOC", "O"], tags[0].Select(t => NerLabels.Names[t]));
    }

    [Theory]
    [InlineData(NerLearner.Crf, 0)]
    [InlineData(NerLearner.Perceptron, 0.2)]
    public void RegularisedLearnersLearnTheTrainingDataDeterministically(NerLearner learner, double featureDropout)
    {
        var model = Train(1, learner: learner, featureDropout: featureDropout);
        var tags = new NerTagger(model).Tag([["Mary", "Jones", "visited", "London", "."]]);

        Assert.Equal(["B-PER", "I-PER", "O", "B-LOC", "O"], tags[0].Select(t => NerLabels.Names[t]));
        Assert.Equal(Bytes(model), Bytes(Train(1, learner: learner, featureDropout: featureDropout)));
        Assert.NotEqual(Bytes(Train(1)), Bytes(model));
    }

    [Fact]
    public void WordDropoutLearnsTheTrainingDataDeterministically()
    {
        var model = Train(1, wordDropout: 0.5);
        var tags = new NerTagger(model).Tag([["Mary", "Jones", "visited", "London", "."]]);

        Assert.Equal(["B-PER", "I-PER", "O", "B-LOC", "O"], tags[0].Select(t => NerLabels.Names[t]));
        Assert.Equal(Bytes(model), Bytes(Train(1, wordDropout: 0.5)));
        Assert.NotEqual(Bytes(Train(1)), Bytes(model));
        Assert.NotEqual(Bytes(Train(1, featureDropout: 0.2)), Bytes(Train(1, featureDropout: 0.2, wordDropout: 0.5)));
    }

    [Fact]
    public void TheSecondPassCanBeTrainedWithItsOwnDropout()
    {
        var both = Train(1, featureDropout: 0.5);
        var firstOnly = Train(1, featureDropout: 0.5, secondPassFeatureDropout: 0);
        var whole = Train(1);

        Assert.Equal(Bytes(both.FirstPass), Bytes(firstOnly.FirstPass));
        Assert.NotEqual(Bytes(both.SecondPass!), Bytes(firstOnly.SecondPass!));
        Assert.NotEqual(Bytes(whole.FirstPass), Bytes(firstOnly.FirstPass));
    }

    private static byte[] Bytes(LinearChainModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.Write(writer);
        return stream.ToArray();
    }

    [Fact]
    public void AModelKeepsTheFeatureSetItWasTrainedWith()
    {
        const NerFeatureSet featureSet = NerFeatureSet.CharacterTrigrams | NerFeatureSet.RunHeads;
        var model = Train(1, featureSet: featureSet);
        var loaded = NerModel.Load(new MemoryStream(Bytes(model)));
        IReadOnlyList<IReadOnlyList<string>> sentences = [["Mary", "Jones", "left", "Acme", "Corp", "for", "Paris", "."]];

        Assert.Equal(featureSet, loaded.FeatureSet);
        Assert.Equal(new NerTagger(model).Tag(sentences), new NerTagger(loaded).Tag(sentences));
        Assert.NotEqual(Bytes(Train(1)), Bytes(model));
    }

    [Fact]
    public void FeaturesRarerThanTheCutOffGetNoWeight()
    {
        // The bias feature fires on all 13 tokens; every other feature on fewer.
        var cut = Train(1, minFeatureCount: 13);
        Assert.Equal(1, cut.FirstPass.WeightedBuckets);
        Assert.True(Train(1).FirstPass.WeightedBuckets > 10);
    }

    [Fact]
    public void TrigramsAreReadInsideLongWordsOnly()
    {
        IReadOnlyList<IReadOnlyList<string>> sentences = [["Bancshares", "Inc"]];
        var plain = new NerFeatureExtractor(Gazetteer.Empty, WordClusters.Empty, 16, TagScheme.Iob2).Extract(sentences, null)[0];
        var trigrams = new NerFeatureExtractor(Gazetteer.Empty, WordClusters.Empty, 16, TagScheme.Iob2, NerFeatureSet.CharacterTrigrams).Extract(sentences, null)[0];

        // "bancshares" has six trigrams between its first and last three letters; "inc" has none.
        Assert.Equal(plain.Offsets[1] + 6, trigrams.Offsets[1]);
        Assert.Equal(plain.Offsets[2] - plain.Offsets[1], trigrams.Offsets[2] - trigrams.Offsets[1]);
    }

    [Fact]
    public void EveryWordOfACapitalisedRunReadsTheListsOfItsLastWord()
    {
        var builder = new Gazetteer.Builder();
        builder.Add("org-key", ["Bancshares"]);
        var gazetteer = builder.Build();
        IReadOnlyList<IReadOnlyList<string>> named = [["the", "Boatmen", "Bancshares", "deal"]];
        IReadOnlyList<IReadOnlyList<string>> unnamed = [["the", "Boatmen", "Newsletter", "deal"]];
        SentenceFeatures Features(IReadOnlyList<IReadOnlyList<string>> sentences, NerFeatureSet set) =>
            new NerFeatureExtractor(gazetteer, WordClusters.Empty, 16, TagScheme.Iob2, set).Extract(sentences, null)[0];
        int Count(SentenceFeatures features, int t) => features.Offsets[t + 1] - features.Offsets[t];

        Assert.Equal(Count(Features(named, NerFeatureSet.None), 1) + 1, Count(Features(named, NerFeatureSet.RunHeads), 1));
        Assert.Equal(Count(Features(unnamed, NerFeatureSet.None), 1), Count(Features(unnamed, NerFeatureSet.RunHeads), 1));
    }

    [Fact]
    public void AMissingModelFileSaysWhereItWasExpected()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "ner.model");
        var error = Assert.Throws<FileNotFoundException>(() => NerModel.Load(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void IobTwoTagsNeverOpenWithInside()
    {
        var tagger = new NerTagger(Train(3));
        var tags = tagger.Tag([["in", "London", "Mary", "Smith", "Corp", "."], ["Jones"]]);
        foreach (var sentence in tags)
        {
            for (var t = 0; t < sentence.Length; t++) Assert.True(NerLabels.Allowed(t == 0 ? NerLabels.Outside : sentence[t - 1], sentence[t]));
        }
    }
}
