namespace Dossier.Linking;

/// <summary>Keeps a store's story clusters and claim links up to date.</summary>
public static class StoreLinking
{
    private const int PageSize = 128;

    /// <summary>
    /// Places the documents stored since the last call in stories, then links their claims with each other and with the
    /// claims already linked that share a subject, and keeps the new links in the store: the links <see cref="Compute"/>
    /// gives over every stored document in stored order, while a call reads only the new documents and their candidates.
    /// How many documents it linked.
    /// </summary>
    public static async Task<int> LinkNewAsync(ILinkStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await StoryIndex.PlaceNewAsync(store.BeginStoryIndexAsync, new StoryClusterer(), cancellationToken);
        var linker = new ClaimLinker();
        var linked = 0;
        while (true)
        {
            // A page a transaction, so that a crash loses at most a page's work and no claim is linked twice.
            await using var transaction = await store.BeginClaimIndexAsync(cancellationToken);
            var documents = await transaction.UnlinkedAsync(PageSize, cancellationToken);
            if (documents.Count == 0) return linked;
            var claims = documents.SelectMany(d => d.Document.Claims.Select(claim => ClaimLinker.Index(d.Document, claim, d.Sequence))).ToList();
            var links = await linker.LinkNewAsync(claims, transaction, cancellationToken);
            await transaction.SaveAsync(claims, links, documents[^1].Sequence, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            linked += documents.Count;
        }
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
