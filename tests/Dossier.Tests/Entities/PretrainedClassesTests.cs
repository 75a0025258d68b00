using Dossier.Entities.Ner;

namespace Dossier.Tests.Entities;

public sealed class PretrainedClassesTests
{
    // Two groups of directions, far apart: near the first axis and near the second.
    private static (int[] Keys, float[] Values)[] TwoGroups()
    {
        int[] keys = [0, 1, 2];
        var vectors = new List<(int[], float[])>();
        for (var i = 0; i < 12; i++)
        {
            var wobble = 0.05f * (i % 4);
            vectors.Add(i % 2 == 0 ? (keys, Unit(1, wobble, 0.1f)) : (keys, Unit(wobble, 1, 0.1f)));
        }

        return [.. vectors];
    }

    private static float[] Unit(params float[] values)
    {
        var norm = (float)Math.Sqrt(values.Sum(v => v * v));
        return values.Select(v => v / norm).ToArray();
    }

    [Fact]
    public void TheTreeIsTheSameForASeedAndSplitsFarApartVectorsFirst()
    {
        var paths = WordClassTree.Grow(TwoGroups(), 3, seed: 1);

        Assert.Equal(paths, WordClassTree.Grow(TwoGroups(), 3, seed: 1));
        Assert.Single(paths.Where((_, i) => i % 2 == 0).Select(path => path[0]).Distinct());
        Assert.Single(paths.Where((_, i) => i % 2 == 1).Select(path => path[0]).Distinct());
        Assert.NotEqual(paths[0][0], paths[1][0]);
    }

    [Fact]
    public void ThePretrainedTreeIsReadOnlyWhenItsFeatureGroupIsOn()
    {
        KeyValuePair<string, string>[] counted = [new("paris", "0110")];
        KeyValuePair<string, string>[] pretrained = [new("paris", "1011"), new("london", "1010")];
        var withTree = WordClusters.FromTrees([counted, [], pretrained]);
        var withoutTree = WordClusters.FromTrees([counted]);
        IReadOnlyList<IReadOnlyList<string>> sentences = [["in", "Paris", "and", "London"]];
        SentenceFeatures Features(WordClusters clusters, NerFeatureSet set) =>
            new NerFeatureExtractor(Gazetteer.Empty, clusters, 16, TagScheme.Iob2, set).Extract(sentences, null)[0];

        Assert.Equal(NerFeatureSet.None, new NerTrainingOptions().FeatureSet);
        var off = Features(withTree, NerFeatureSet.None);
        Assert.Equal(Features(withoutTree, NerFeatureSet.None).Features, off.Features);
        var on = Features(withTree, NerFeatureSet.PretrainedClasses);
        // "Paris" and "London" read four prefixes of their own paths; "and" between them reads both neighbours' classes.
        Assert.Equal(off.Offsets[2] - off.Offsets[1] + 4, on.Offsets[2] - on.Offsets[1]);
        Assert.Equal(off.Offsets[4] - off.Offsets[3] + 4, on.Offsets[4] - on.Offsets[3]);
        Assert.Equal(off.Offsets[3] - off.Offsets[2] + 2, on.Offsets[3] - on.Offsets[2]);
    }

    [Fact]
    public void CapitalisedPretrainedClassesAreReadOnlyForCapitalisedWords()
    {
        KeyValuePair<string, string>[] pretrained = [new("paris", "1011")];
        var clusters = WordClusters.FromTrees([[], [], pretrained]);
        IReadOnlyList<IReadOnlyList<string>> sentences = [["Paris", "and", "paris"]];
        SentenceFeatures Features(NerFeatureSet set) =>
            new NerFeatureExtractor(Gazetteer.Empty, clusters, 16, TagScheme.Iob2, set).Extract(sentences, null)[0];
        int Count(SentenceFeatures features, int token) => features.Offsets[token + 1] - features.Offsets[token];

        var off = Features(NerFeatureSet.None);
        var all = Features(NerFeatureSet.PretrainedClasses);
        var capitalised = Features(NerFeatureSet.PretrainedClasses | NerFeatureSet.CapitalisedPretrainedClasses);
        Assert.Equal(Count(off, 0) + 4, Count(capitalised, 0));
        Assert.Equal(Count(all, 0), Count(capitalised, 0));
        // "and" reads the class of "Paris" before it but not of "paris" after it, which reads none of its own.
        Assert.Equal(Count(off, 1) + 2, Count(all, 1));
        Assert.Equal(Count(off, 1) + 1, Count(capitalised, 1));
        Assert.Equal(Count(off, 2) + 4, Count(all, 2));
        Assert.Equal(Count(off, 2), Count(capitalised, 2));
    }
}
