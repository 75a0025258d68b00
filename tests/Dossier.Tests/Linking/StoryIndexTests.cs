using Dossier.Linking;

namespace Dossier.Tests.Linking;

public sealed class StoryIndexTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(3, 2)]
    [InlineData(4, 1)]
    public async Task Placing_documents_run_by_run_gives_the_stories_of_clustering_them_all_in_stored_order(int seed, int bucketBound)
    {
        var clusterer = new StoryClusterer(new StoryClusteringOptions { MaxBucketComparisons = bucketBound });
        var documents = StoryCorpus.Generate(seed, 300);
        var index = new MemoryStoryIndex();
        var runs = new Random(seed);
        for (var stored = 0; stored < documents.Count;)
        {
            var run = Math.Min(documents.Count - stored, runs.Next(1, 60));
            index.Store(documents.Skip(stored).Take(run));
            stored += run;
            Assert.Equal(run, await StoryIndex.PlaceNewAsync(index.BeginAsync, clusterer, CancellationToken.None));
        }

        var expected = clusterer.Cluster(documents);
        var actual = index.Stories(null);
        Assert.Equal(Describe(expected), Describe(actual));
        // The corpus is one where placement matters: stories of several documents, and later documents joining two stories.
        Assert.Contains(expected, story => story.DocumentIds.Count >= 4);
        Assert.True(index.Absorbed > 0);
        Assert.Equal(0, await StoryIndex.PlaceNewAsync(index.BeginAsync, clusterer, CancellationToken.None));
    }

    [Fact]
    public async Task A_run_reads_the_whole_stories_of_its_own_documents_only()
    {
        var clusterer = new StoryClusterer();
        var documents = StoryCorpus.Generate(5, 200);
        var index = new MemoryStoryIndex();
        index.Store(documents.Take(150));
        await StoryIndex.PlaceNewAsync(index.BeginAsync, clusterer, CancellationToken.None);
        index.Store(documents.Skip(150));
        await StoryIndex.PlaceNewAsync(index.BeginAsync, clusterer, CancellationToken.None);

        var run = documents.Skip(150).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var expected = clusterer.Cluster(documents).Where(story => story.DocumentIds.Any(run.Contains)).ToList();
        Assert.Equal(Describe(expected), Describe(index.Stories(run)));
        Assert.Contains(expected, story => story.DocumentIds.Any(id => !run.Contains(id)));
    }

    [Fact]
    public void Signatures_keep_their_values_through_bytes()
    {
        uint[] signature = [0, 1, uint.MaxValue, 0x01020304];
        Assert.Equal(signature, StoryIndex.FromBytes(StoryIndex.ToBytes(signature)));
        Assert.Equal([4, 3, 2, 1], StoryIndex.ToBytes(signature)[12..]);
    }

    private static List<string> Describe(IReadOnlyList<StoryCluster> stories) =>
        [.. stories.Select(s => s.Id + ": " + string.Join(",", s.DocumentIds) + " | " + string.Join(",", s.Sites))];

    /// <summary>A story index kept in memory, as the stores keep theirs in tables.</summary>
    private sealed class MemoryStoryIndex
    {
        private readonly List<StoryInput> _stored = [];
        private readonly List<(string Id, long Story, uint[]? Signature)> _placed = [];
        private readonly Dictionary<ulong, List<long>> _buckets = [];

        public int Absorbed { get; private set; }

        public void Store(IEnumerable<StoryInput> documents) => _stored.AddRange(documents);

        public Task<IStoryIndexTransaction> BeginAsync(CancellationToken cancellationToken) => Task.FromResult<IStoryIndexTransaction>(new Transaction(this));

        public IReadOnlyList<StoryCluster> Stories(IReadOnlySet<string>? documentIds)
        {
            var wanted = _placed.Where(p => documentIds is null || documentIds.Contains(p.Id)).Select(p => p.Story).ToHashSet();
            var sites = _stored.ToDictionary(d => d.Id, d => d.Site, StringComparer.Ordinal);
            return StoryIndex.Stories([.. _placed.Select((p, i) => (p.Story, p.Id, sites[p.Id], Sequence: i)).Where(p => wanted.Contains(p.Story))
                .OrderBy(p => p.Story).ThenBy(p => p.Sequence).Select(p => (p.Story, p.Id, p.Item3))]);
        }

        private sealed class Transaction(MemoryStoryIndex index) : IStoryIndexTransaction
        {
            public Task<IReadOnlyList<StoryInput>> UnplacedAsync(int limit, CancellationToken cancellationToken) =>
                Task.FromResult<IReadOnlyList<StoryInput>>([.. index._stored.Skip(index._placed.Count).Take(limit)]);

            public Task<long> NextSequenceAsync(CancellationToken cancellationToken) => Task.FromResult((long)index._placed.Count + 1);

            public Task<IReadOnlyList<PlacedDocument>> BucketAsync(ulong key, CancellationToken cancellationToken) =>
                Task.FromResult<IReadOnlyList<PlacedDocument>>([.. (index._buckets.GetValueOrDefault(key) ?? [])
                    .Select(sequence => index._placed[(int)sequence - 1]).Select(p => new PlacedDocument(p.Story, p.Signature!))]);

            public Task SaveAsync(string documentId, long sequence, StoryPlacement placement, CancellationToken cancellationToken)
            {
                Assert.Equal(index._placed.Count + 1, sequence);
                index._placed.Add((documentId, placement.Story, placement.Signature));
                foreach (var key in placement.Buckets)
                {
                    if (!index._buckets.TryGetValue(key, out var members)) index._buckets[key] = members = [];
                    members.Add(sequence);
                }

                for (var i = 0; i < index._placed.Count; i++)
                {
                    if (placement.AbsorbedStories.Contains(index._placed[i].Story)) index._placed[i] = index._placed[i] with { Story = placement.Story };
                }

                index.Absorbed += placement.AbsorbedStories.Count;
                return Task.CompletedTask;
            }

            public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
