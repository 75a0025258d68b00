using Dossier.Entities.Ner;

namespace Dossier.Tests.Entities;

public sealed class WordIdentityFeaturesTests
{
    private static readonly NerFeatureExtractor Extractor = new(Gazetteer.Empty, WordClusters.Empty, 16, TagScheme.Iob2);

    private static IReadOnlyList<IReadOnlyList<string>> Document(string town) =>
    [
        ["The", "mayor", "of", town, "said", "so", "."],
        [town, "beat", "Leeds", "2-1", "on", "Saturday", "."],
    ];

    // Two words with the same shape, length, prefixes and suffixes: only the word itself tells them apart.
    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 0)]
    public void TheGroupIsExactlyTheFeaturesThatReadTheTokensOwnWord(int sentence, int token)
    {
        var prepared = Extractor.Prepare(Document("Bellatown"));
        var features = Extractor.Extract(prepared, null);
        var other = Extractor.Extract(Document("Bellotown"), null);
        var own = WordIdentityFeatures.Find(Extractor, prepared, features);

        var (start, end) = (features[sentence].Offsets[token], features[sentence].Offsets[token + 1]);
        var changed = Enumerable.Range(start, end - start).Where(k => features[sentence].Features[k] != other[sentence].Features[k]);
        var flagged = Enumerable.Range(start, end - start).Where(k => own[sentence][k]);
        Assert.NotEmpty(flagged);
        Assert.Equal(changed, flagged);
    }

    [Fact]
    public void TheCapitalisedOnlyGroupKeepsTheFeaturesOfLowerCaseWords()
    {
        var prepared = Extractor.Prepare(Document("Bellatown"));
        var features = Extractor.Extract(prepared, null);
        var all = WordIdentityFeatures.Find(Extractor, prepared, features);
        var names = WordIdentityFeatures.Find(Extractor, prepared, features, capitalisedOnly: true);

        var sentence = features[0];
        for (var t = 0; t < sentence.Length; t++)
        {
            var (start, end) = (sentence.Offsets[t], sentence.Offsets[t + 1]);
            var capitalised = char.IsUpper(Document("Bellatown")[0][t][0]);
            Assert.Equal(capitalised ? all[0][start..end] : new bool[end - start], names[0][start..end]);
        }

        Assert.Contains(true, names[0]);
    }

    [Fact]
    public void ANeighboursWordIsNotInTheTokensGroup()
    {
        var prepared = Extractor.Prepare(Document("Bellatown"));
        var features = Extractor.Extract(prepared, null);
        var other = Extractor.Extract(Document("Bellotown"), null);
        var own = WordIdentityFeatures.Find(Extractor, prepared, features);

        // "said" reads the town as its previous word; the features that read only the town are not about "said" (those
        // that read both words, like the bigram, are).
        var (start, end) = (features[0].Offsets[4], features[0].Offsets[5]);
        var changed = Enumerable.Range(start, end - start).Where(k => features[0].Features[k] != other[0].Features[k]).ToList();
        Assert.Contains(changed, k => !own[0][k]);
        Assert.Contains(changed, k => own[0][k]);
    }
}
