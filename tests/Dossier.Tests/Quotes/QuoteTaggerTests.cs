using Dossier.Quotes;
using Dossier.Quotes.Learned;
using Dossier.Text;

namespace Dossier.Tests.Quotes;

/// <summary>The learned attribution tagger: pairing its spans into attributions, its model file, and its merge with the rules.</summary>
public sealed class QuoteTaggerTests
{
    private const int O = 0;
    private static readonly int BSource = AttributionRoles.Begin(AttributionRoles.Source), ISource = AttributionRoles.Inside(AttributionRoles.Source);
    private static readonly int BCue = AttributionRoles.Begin(AttributionRoles.Cue), ICue = AttributionRoles.Inside(AttributionRoles.Cue);
    private static readonly int BContent = AttributionRoles.Begin(AttributionRoles.Content), IContent = AttributionRoles.Inside(AttributionRoles.Content);

    [Fact]
    public void EachContentTakesTheNearestCueAndTheSourceNearestThatCue()
    {
        // [Ann Lee] [said] [taxes rise] . [Bob] [thinks] [rates fall]
        int[] tags = [BSource, ISource, BCue, BContent, IContent, O, BSource, BCue, BContent, IContent];
        var found = new List<TaggedAttribution>();
        AttributionTagger.Pair(tags, 10, found);
        Assert.Equal(
            [new TaggedAttribution(13, 15, 12, 13, 10, 12), new TaggedAttribution(18, 20, 17, 18, 16, 17)],
            found);
    }

    [Fact]
    public void TwoContentsOfOneCueAreOneInterruptedContent()
    {
        // [Taxes] , [she] [said] , [will rise]
        int[] tags = [BContent, O, BSource, BCue, O, BContent, IContent];
        var found = new List<TaggedAttribution>();
        AttributionTagger.Pair(tags, 0, found);
        Assert.Equal([new TaggedAttribution(0, 7, 3, 4, 2, 3)], found);
    }

    [Fact]
    public void AContentWithoutASourceInItsSentenceHasNone()
    {
        int[] tags = [BCue, ICue, BContent, IContent];
        var found = new List<TaggedAttribution>();
        AttributionTagger.Pair(tags, 0, found);
        var attribution = Assert.Single(found);
        Assert.False(attribution.HasSource);
        Assert.True(attribution.HasCue);
    }

    [Fact]
    public void SpansStartAtEveryBeginTag()
    {
        int[] tags = [BContent, IContent, BContent, O, IContent];
        Assert.Equal([(0, 2), (2, 3), (4, 5)], AttributionTagger.Spans(tags, AttributionRoles.Content));
    }

    [Fact]
    public void TheShippedModelRoundTripsAndTagsTheSameWay()
    {
        var shipped = AttributionTagger.Default;
        using var stream = new MemoryStream();
        shipped.Save(stream);
        stream.Position = 0;
        var loaded = AttributionTagger.Load(stream);
        Assert.Equal(shipped.Description, loaded.Description);

        const string text = "China had historically resisted such agreements, officials in Beijing said on Monday.";
        var words = new TokenWords(text, new Tokenizer().Tokenize(text));
        var features = new AttributionFeatures(words, new bool[words.Count], QuoteLexicon.Default);
        var tags = shipped.TagSentence(features, 0, words.Count);
        Assert.Equal(tags, loaded.TagSentence(features, 0, words.Count));
        Assert.Contains(tags, tag => AttributionRoles.RoleOf(tag) == AttributionRoles.Content);
    }

    [Fact]
    public void AFileThatIsNoTaggerModelIsRejectedWithAReason()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
        using (var writer = new BinaryWriter(zip, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("DOSSIER-NER");
        }

        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => AttributionTagger.Load(stream));
        Assert.Contains("not an attribution tagger", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FeaturesAreTheSameOnEveryRun()
    {
        const string text = "“We will win,” she said, and Mr. Lee thinks the plan will fail.";
        var words = new TokenWords(text, new Tokenizer().Tokenize(text));
        var first = new AttributionFeatures(words, new bool[words.Count], QuoteLexicon.Default).Sentence(0, words.Count, 20);
        var second = new AttributionFeatures(words, new bool[words.Count], QuoteLexicon.Default).Sentence(0, words.Count, 20);
        Assert.Equal(first.Features, second.Features);
        Assert.Equal(first.Offsets, second.Offsets);
        Assert.All(first.Features, bucket => Assert.InRange(bucket, 0, (1 << 20) - 1));
    }

    [Fact]
    public void TheTaggerAddsAnAttributionTheRulesMiss()
    {
        const string text = "China had historically resisted such agreements.";
        // A stance with its object: PolNeAR's reading of attribution, which the tagger learned; the product's leaves it out.
        var polnear = new QuoteOptions { AttributesIntentions = true };
        var (_, withoutTagger) = QuoteTestDocuments.Analyze(text, options: polnear with { TaggedAttributions = false });
        Assert.Empty(withoutTagger);

        var (_, quotes) = QuoteTestDocuments.Analyze(text, options: polnear);
        var quote = Assert.Single(quotes);
        Assert.Equal("China", quote.Speaker);
        Assert.Equal(QuoteKind.Indirect, quote.Kind);
        Assert.Contains("such agreements", text[quote.Content.Start..quote.Content.End], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("said said said said")]
    [InlineData("“ ” : , — “")]
    public void OddTextGivesNoTaggedAttributionsAndNoError(string text)
    {
        var (_, quotes) = QuoteTestDocuments.Analyze(text);
        Assert.All(quotes, quote => Assert.InRange(quote.Content.End, quote.Content.Start, text.Length));
    }
}
