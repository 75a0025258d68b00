using System.Buffers.Binary;

namespace Dossier.Linking;

/// <summary>A document already placed in a story, as a bucket of the story index holds it.</summary>
/// <param name="Story">The sequence number of the story's first document: the story's root.</param>
public sealed record PlacedDocument(long Story, uint[] Signature);

/// <summary>Where <see cref="StoryClusterer.PlaceAsync"/> put a document.</summary>
/// <param name="Story">The story it joined, or its own sequence number when it joined none.</param>
/// <param name="Signature">Its MinHash signature; null when the text has no words (it is then a story of its own, in no bucket).</param>
/// <param name="Buckets">The band buckets it becomes a member of (those that held fewer members than the bound).</param>
/// <param name="AbsorbedStories">Earlier stories it joined together: their documents now belong to <paramref name="Story"/>.</param>
public sealed record StoryPlacement(long Story, uint[]? Signature, IReadOnlyList<ulong> Buckets, IReadOnlyList<long> AbsorbedStories);

/// <summary>
/// The story index of a store as one transaction sees it: the documents not yet placed, the band buckets, and the
/// writes of one placement. A transaction places a page of documents at a time, so that a crash loses at most a page's
/// work and no document is placed twice.
/// </summary>
public interface IStoryIndexTransaction : IAsyncDisposable
{
    /// <summary>Stored documents that are in no story yet, in the order they were stored, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoryInput>> UnplacedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The sequence number the next placed document gets: one more than the last one placed.</summary>
    Task<long> NextSequenceAsync(CancellationToken cancellationToken);

    /// <summary>A band bucket's members in the order they joined it.</summary>
    Task<IReadOnlyList<PlacedDocument>> BucketAsync(ulong key, CancellationToken cancellationToken);

    Task SaveAsync(string documentId, long sequence, StoryPlacement placement, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Keeps a store's stories up to date as documents are stored: each new document is placed once, in stored order,
/// against the signatures kept for earlier ones, so that the stories are those <see cref="StoryClusterer.Cluster"/>
/// gives over every stored document in that order, while a run reads only its own documents and their stories.
/// </summary>
public static class StoryIndex
{
    private const int PageSize = 128;

    /// <summary>Places every stored document that is in no story yet; how many it placed.</summary>
    public static async Task<int> PlaceNewAsync(
        Func<CancellationToken, Task<IStoryIndexTransaction>> begin, StoryClusterer clusterer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(begin);
        ArgumentNullException.ThrowIfNull(clusterer);
        var placed = 0;
        while (true)
        {
            await using var transaction = await begin(cancellationToken);
            var documents = await transaction.UnplacedAsync(PageSize, cancellationToken);
            if (documents.Count == 0) return placed;
            var sequence = await transaction.NextSequenceAsync(cancellationToken);
            foreach (var document in documents)
            {
                var placement = await clusterer.PlaceAsync(document, sequence, transaction.BucketAsync, cancellationToken);
                await transaction.SaveAsync(document.Id, sequence, placement, cancellationToken);
                sequence++;
            }

            await transaction.CommitAsync(cancellationToken);
            placed += documents.Count;
        }
    }

    /// <summary>Stories from their members as a store lists them, grouped by story and in stored order within one; by id.</summary>
    public static IReadOnlyList<StoryCluster> Stories(IReadOnlyList<(long Story, string Id, string? Site)> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return members.GroupBy(m => m.Story)
            .Select(story => StoryClusterer.Story(story.Select(m => (m.Id, m.Site)).ToList()))
            .OrderBy(story => story.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The text story clustering reads of a stored document: its title, then its text.</summary>
    public static string StoryText(string? title, string text) => (title is null ? "" : title + "\n\n") + text;

    /// <summary>A signature as the stores keep it: four little-endian bytes a value.</summary>
    public static byte[] ToBytes(uint[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var bytes = new byte[signature.Length * sizeof(uint)];
        for (var i = 0; i < signature.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), signature[i]);
        return bytes;
    }

    public static uint[] FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var signature = new uint[bytes.Length / sizeof(uint)];
        for (var i = 0; i < signature.Length; i++) signature[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)));
        return signature;
    }
}
