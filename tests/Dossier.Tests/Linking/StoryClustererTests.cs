using Dossier.Linking;

namespace Dossier.Tests.Linking;

public sealed class StoryClustererTests
{
    private static string Fixture(string name) => File.ReadAllText(RepoPaths.Fixture("linking", name));

    private static string Sample(string prefix) => File.ReadAllText(Directory.GetFiles(RepoPaths.Samples, prefix + "_*.txt").Single());

    [Fact]
    public void A_syndicated_copy_is_one_story_with_its_original_and_other_articles_stay_apart()
    {
        var stories = new StoryClusterer().Cluster(
        [
            new StoryInput("report", Fixture("pla-report.txt"), "ft.example"),
            new StoryInput("copy", Fixture("pla-report-syndicated.txt"), "aggregator.example"),
            new StoryInput("s0", Sample("000")),
            new StoryInput("s1", Sample("001")),
            new StoryInput("s2", Sample("002")),
        ]);

        Assert.Equal(4, stories.Count);
        var story = Assert.Single(stories, s => s.DocumentIds.Contains("report"));
        Assert.Equal(["copy", "report"], story.DocumentIds.Order(StringComparer.Ordinal));
        Assert.Equal(["aggregator.example", "ft.example"], story.Sites);
    }

    [Fact]
    public async Task A_signature_hash_is_the_same_whether_computed_with_others_in_a_vector_or_alone()
    {
        // Seeds come from one sequence, so fifteen hashes are the first fifteen of a hundred and twenty: there the last
        // seven are computed one at a time (fifteen leave a remainder over the vector's width), here in vectors.
        var text = Sample("001");
        static Task<IReadOnlyList<PlacedDocument>> NoBucket(ulong key, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PlacedDocument>>([]);
        var few = await new StoryClusterer(new StoryClusteringOptions { Bands = 5, RowsPerBand = 3 }).PlaceAsync(new StoryInput("a", text), 1, NoBucket, CancellationToken.None);
        var many = await new StoryClusterer().PlaceAsync(new StoryInput("a", text), 1, NoBucket, CancellationToken.None);
        Assert.Equal(15, few.Signature!.Length);
        Assert.Equal(many.Signature![..15], few.Signature);
        Assert.DoesNotContain(uint.MaxValue, few.Signature);
    }

    [Fact]
    public void Reordered_sentences_and_a_new_headline_keep_a_story_together()
    {
        var original = Sample("002");
        var paragraphs = original.Split("\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var rewrite = "Alibaba hits back at report\n" + string.Join("\n", paragraphs.Skip(1).Reverse());
        var clusterer = new StoryClusterer();
        Assert.True(clusterer.EstimateSimilarity(original, rewrite) >= clusterer.Options.Threshold);
        Assert.Single(clusterer.Cluster([new StoryInput("a", original), new StoryInput("b", rewrite)]));
    }

    [Fact]
    public void Empty_and_hostile_texts_are_their_own_stories()
    {
        var huge = string.Concat(Enumerable.Repeat("word ", 200_000));
        var stories = new StoryClusterer().Cluster(
        [
            new StoryInput("empty", ""),
            new StoryInput("punctuation", "!!! ??? ..."),
            new StoryInput("empty2", ""),
            new StoryInput("huge", huge),
            new StoryInput("short", "Alibaba"),
        ]);
        Assert.Equal(5, stories.Count);
    }

    [Fact]
    public void Identical_short_texts_are_one_story() =>
        Assert.Single(new StoryClusterer().Cluster([new StoryInput("a", "Alibaba denies"), new StoryInput("b", "Alibaba denies")]));

    [Fact]
    public void Clustering_does_not_depend_on_input_order()
    {
        var inputs = new List<StoryInput>
        {
            new("report", Fixture("pla-report.txt")),
            new("copy", Fixture("pla-report-syndicated.txt")),
            new("s2", Sample("002")),
        };
        var forward = new StoryClusterer().Cluster(inputs).Select(s => string.Join(",", s.DocumentIds.Order(StringComparer.Ordinal)));
        inputs.Reverse();
        var backward = new StoryClusterer().Cluster(inputs).Select(s => string.Join(",", s.DocumentIds.Order(StringComparer.Ordinal)));
        Assert.Equal(forward.Order(StringComparer.Ordinal), backward.Order(StringComparer.Ordinal));
    }
}
