using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dossier.Linking;

/// <summary>One article as story clustering sees it.</summary>
public sealed record StoryInput(string Id, string Text, string? Site = null);

/// <summary>
/// Groups near-duplicate articles (syndicated wire copy, light rewrites) into stories with MinHash signatures over
/// word shingles and locality-sensitive hashing on signature bands, so candidate pairs come from shared buckets and
/// never from all pairs; a candidate joins a story only when its estimated Jaccard similarity passes the threshold.
/// Cost grows linearly with the number of documents (each bucket is compared against a bounded number of members).
/// </summary>
public sealed class StoryClusterer
{
    private readonly StoryClusteringOptions _options;
    private readonly ulong[] _seeds;

    public StoryClusterer(StoryClusteringOptions? options = null)
    {
        _options = options ?? new StoryClusteringOptions();
        if (_options.Bands <= 0 || _options.RowsPerBand <= 0) throw new ArgumentException("Bands and rows must be positive.", nameof(options));
        _seeds = new ulong[_options.Bands * _options.RowsPerBand];
        var state = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < _seeds.Length; i++) _seeds[i] = SplitMix(ref state);
    }

    public StoryClusteringOptions Options => _options;

    public IReadOnlyList<StoryCluster> Cluster(IReadOnlyList<StoryInput> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var count = documents.Count;
        var hashes = _seeds.Length;
        var signatures = new uint[(long)count * hashes];
        var empty = new bool[count];
        var shingles = new HashSet<ulong>();
        for (var d = 0; d < count; d++)
        {
            if ((d & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            empty[d] = !Sign(documents[d].Text, shingles, signatures.AsSpan(d * hashes, hashes));
        }

        var parent = new int[count];
        for (var i = 0; i < count; i++) parent[i] = i;
        var buckets = new Dictionary<ulong, List<int>>();
        for (var d = 0; d < count; d++)
        {
            if (empty[d]) continue;
            if ((d & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            var signature = signatures.AsSpan(d * hashes, hashes);
            for (var band = 0; band < _options.Bands; band++)
            {
                ref var members = ref CollectionsMarshal.GetValueRefOrAddDefault(buckets, BandKey(band, signature), out var existed);
                if (!existed) members = [];
                foreach (var other in members!)
                {
                    if (Find(parent, other) == Find(parent, d)) continue;
                    if (Similarity(signature, signatures.AsSpan(other * hashes, hashes)) >= _options.Threshold) Union(parent, other, d);
                }

                // A bounded bucket keeps the cost linear; members of one story are already joined through the first few.
                if (members.Count < _options.MaxBucketComparisons) members.Add(d);
            }
        }

        var groups = new Dictionary<int, List<int>>();
        for (var d = 0; d < count; d++)
        {
            var root = Find(parent, d);
            if (!groups.TryGetValue(root, out var list)) groups[root] = list = [];
            list.Add(d);
        }

        return groups.Values
            .Select(members => Story(members.Select(i => (documents[i].Id, documents[i].Site)).ToList()))
            .OrderBy(story => story.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A story of the documents given in the order clustering saw them: named after its least id, with its outlets.</summary>
    public static StoryCluster Story(IReadOnlyList<(string Id, string? Site)> members)
    {
        var ids = members.Select(m => m.Id).ToList();
        var sites = members.Select(m => m.Site).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        return new StoryCluster("story-" + ids.Min(StringComparer.Ordinal), ids, sites);
    }

    /// <summary>
    /// Places one more document, the latest in stored order, among the stories of those placed before it: exactly as
    /// <see cref="Cluster"/> would, given the same documents in the same order, so that a store can keep its stories
    /// up to date one document at a time. <paramref name="bucket"/> gives a band's members as placed so far.
    /// </summary>
    public async Task<StoryPlacement> PlaceAsync(
        StoryInput document, long sequence, Func<ulong, CancellationToken, Task<IReadOnlyList<PlacedDocument>>> bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(bucket);
        var signature = new uint[_seeds.Length];
        if (!Sign(document.Text, [], signature)) return new StoryPlacement(sequence, null, [], []);

        // Stories this document joins are relabelled to the earliest one's sequence, as Cluster's union keeps the smaller root.
        var story = sequence;
        var absorbed = new List<long>();
        var joinedBands = new List<ulong>();
        for (var band = 0; band < _options.Bands; band++)
        {
            var key = BandKey(band, signature);
            var members = await bucket(key, cancellationToken);
            foreach (var other in members)
            {
                var otherStory = absorbed.Contains(other.Story) ? story : other.Story;
                if (otherStory == story || Similarity(signature, other.Signature) < _options.Threshold) continue;
                absorbed.Add(Math.Max(story, otherStory));
                story = Math.Min(story, otherStory);
            }

            if (members.Count < _options.MaxBucketComparisons) joinedBands.Add(key);
        }

        absorbed.Remove(sequence);
        absorbed.Remove(story);
        return new StoryPlacement(story, signature, joinedBands, absorbed);
    }

    /// <summary>The fraction of signature positions two documents share: an estimate of their shingles' Jaccard similarity.</summary>
    public double EstimateSimilarity(string a, string b)
    {
        var signatureA = new uint[_seeds.Length];
        var signatureB = new uint[_seeds.Length];
        var shingles = new HashSet<ulong>();
        Shingle(a, _options.ShingleWords, _options.MaxWords, shingles);
        Sign(shingles, signatureA);
        shingles.Clear();
        Shingle(b, _options.ShingleWords, _options.MaxWords, shingles);
        Sign(shingles, signatureB);
        return Similarity(signatureA, signatureB);
    }

    /// <summary>The MinHash signature of a text's shingles; false when the text has no words (it then joins no story).</summary>
    private bool Sign(string text, HashSet<ulong> shingles, Span<uint> signature)
    {
        shingles.Clear();
        Shingle(text, _options.ShingleWords, _options.MaxWords, shingles);
        Sign(shingles, signature);
        return shingles.Count > 0;
    }

    private void Sign(HashSet<ulong> shingles, Span<uint> signature)
    {
        signature.Fill(uint.MaxValue);
        // Hashing every shingle once per seed was most of what placing an article cost; lanes of vectors do the same
        // integer arithmetic, so they give the same signature, several seeds at a time.
        var lanes = Vector256<uint>.Count;
        var vectorised = Vector256.IsHardwareAccelerated ? signature.Length - signature.Length % lanes : 0;
        foreach (var shingle in shingles)
        {
            var spread = Vector256.Create(shingle);
            for (var i = 0; i < vectorised; i += lanes)
            {
                var low = Mix(spread ^ Vector256.Create<ulong>(_seeds.AsSpan(i, lanes / 2))) >>> 32;
                var high = Mix(spread ^ Vector256.Create<ulong>(_seeds.AsSpan(i + lanes / 2, lanes / 2))) >>> 32;
                var slot = signature.Slice(i, lanes);
                Vector256.Min(Vector256.Narrow(low, high), Vector256.Create<uint>(slot)).CopyTo(slot);
            }

            for (var i = vectorised; i < signature.Length; i++)
            {
                var value = (uint)(Mix(shingle ^ _seeds[i]) >> 32);
                if (value < signature[i]) signature[i] = value;
            }
        }
    }

    private static double Similarity(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var same = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i]) same++;
        }

        return (double)same / a.Length;
    }

    /// <summary>Hashes of overlapping runs of words, lower-cased, punctuation ignored; bounded by <paramref name="maxWords"/>.</summary>
    internal static void Shingle(string text, int size, int maxWords, HashSet<ulong> shingles)
    {
        var window = new ulong[size];
        var words = 0;
        var i = 0;
        while (i < text.Length && words < maxWords)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            if (i >= text.Length) break;
            var hash = 14695981039346656037UL;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '’'))
            {
                var c = text[i] is '\'' or '’' ? '\'' : char.ToLowerInvariant(text[i]);
                hash = (hash ^ c) * 1099511628211UL;
                i++;
            }

            window[words % size] = hash;
            words++;
            if (words < size) continue;
            var shingle = 0xCBF29CE484222325UL;
            for (var k = 0; k < size; k++) shingle = Mix(shingle ^ window[(words - size + k) % size]);
            shingles.Add(shingle);
        }

        // A text shorter than one shingle still gets one, so that two identical short texts meet.
        if (words > 0 && words < size)
        {
            var shingle = 0xCBF29CE484222325UL;
            for (var k = 0; k < words; k++) shingle = Mix(shingle ^ window[k]);
            shingles.Add(shingle);
        }
    }

    private ulong BandKey(int band, ReadOnlySpan<uint> signature) => BandKeyOf(band, signature.Slice(band * _options.RowsPerBand, _options.RowsPerBand));

    private static ulong BandKeyOf(int band, ReadOnlySpan<uint> values)
    {
        var key = Mix((ulong)band + 0x632BE59BD9B4E019UL);
        foreach (var value in values) key = Mix(key ^ value);
        return key;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary><see cref="Mix(ulong)"/> lane by lane.</summary>
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >>> 31);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var rootA = Find(parent, a);
        var rootB = Find(parent, b);
        if (rootA == rootB) return;
        if (rootA < rootB) parent[rootB] = rootA;
        else parent[rootA] = rootB;
    }
}

/// <summary>Settings of story clustering; the defaults were chosen on the dev half of the rewrite benchmark.</summary>
public sealed record StoryClusteringOptions
{
    /// <summary>Words per shingle.</summary>
    public int ShingleWords { get; init; } = 4;

    /// <summary>LSH bands; with <see cref="RowsPerBand"/> they set the signature length and the similarity at which pairs become candidates.</summary>
    public int Bands { get; init; } = 40;

    public int RowsPerBand { get; init; } = 3;

    /// <summary>Estimated Jaccard similarity at or above which two articles are one story.</summary>
    public double Threshold { get; init; } = 0.35;

    /// <summary>Words read per article: bounds the cost of a hostile, huge input.</summary>
    public int MaxWords { get; init; } = 20_000;

    /// <summary>Members a bucket keeps to compare newcomers with.</summary>
    public int MaxBucketComparisons { get; init; } = 8;
}
