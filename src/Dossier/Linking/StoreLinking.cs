namespace Dossier.Linking;

/// <summary>Keeps a store's story clusters and claim links up to date.</summary>
public static class StoreLinking
{
    /// <summary>
    /// Places the documents stored since the last call in stories, then links the claims of every stored document and
    /// keeps the links in the store.
    /// </summary>
    public static async Task<(IReadOnlyList<StoryCluster> Stories, IReadOnlyList<ClaimLink> Links)> RecomputeAsync(ILinkStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stories = await StoriesAsync(store, null, cancellationToken);
        var documents = await store.GetLinkableDocumentsAsync(cancellationToken);
        var links = new ClaimLinker().LinkClaims(documents, stories, cancellationToken);
        await store.SaveAsync(links, cancellationToken);
        return (stories, links);
    }

    /// <summary>
    /// The stories holding any of the documents given (all stories when none are given), after placing the documents
    /// stored since the last call: what clustering every stored document in stored order gives, read for these only.
    /// </summary>
    public static async Task<IReadOnlyList<StoryCluster>> StoriesAsync(ILinkStore store, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await StoryIndex.PlaceNewAsync(store.BeginStoryIndexAsync, new StoryClusterer(), cancellationToken);
        return await store.GetStoriesAsync(documentIds, cancellationToken);
    }

    /// <summary>Story clusters and claim links over the documents given, in their order, without keeping them.</summary>
    public static (IReadOnlyList<StoryCluster> Stories, IReadOnlyList<ClaimLink> Links) Compute(IReadOnlyList<LinkableDocument> documents, CancellationToken cancellationToken)
    {
        var stories = new StoryClusterer().Cluster(
            documents.Select(d => new StoryInput(d.Id, StoryIndex.StoryText(d.Title, d.Text), d.Site)).ToList(), cancellationToken);
        return (stories, new ClaimLinker().LinkClaims(documents, stories, cancellationToken));
    }
}
