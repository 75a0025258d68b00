using Dossier.Entities.Ner;

namespace Dossier.Tests.Entities;

public sealed class CasedWordClassesTests
{
    [Fact]
    public void ACasedSecondTreeIsReadWithTheWordAsWrittenOnlyWhenItsFeatureGroupIsOn()
    {
        KeyValuePair<string, string>[] lowerCased = [new("bush", "0110")];
        KeyValuePair<string, string>[] cased = [new("Bush", "1011")];
        var clusters = WordClusters.FromTrees([lowerCased, cased], new HashSet<int> { 1 });
        IReadOnlyList<IReadOnlyList<string>> sentences = [["Bush", "said", "bush"]];
        SentenceFeatures Features(NerFeatureSet set) =>
            new NerFeatureExtractor(Gazetteer.Empty, clusters, 16, TagScheme.Iob2, set).Extract(sentences, null)[0];
        int Count(SentenceFeatures features, int token) => features.Offsets[token + 1] - features.Offsets[token];
        var withoutSecondTree = new NerFeatureExtractor(Gazetteer.Empty, WordClusters.FromTrees([lowerCased]), 16, TagScheme.Iob2, NerFeatureSet.None)
            .Extract(sentences, null)[0];

        var off = Features(NerFeatureSet.None);
        var on = Features(NerFeatureSet.CasedSecondClasses);
        // Without the group the cased tree is looked up lower-cased and finds nothing.
        Assert.Equal(withoutSecondTree.Features, off.Features);
        Assert.Equal(Count(off, 0) + 4, Count(on, 0));
        Assert.Equal(Count(off, 1) + 1, Count(on, 1));
        Assert.Equal(Count(off, 2), Count(on, 2));
    }
}
