namespace Dossier.Linking;

/// <summary>Recomputes story clusters and claim links over every stored document and keeps them in the store.</summary>
public static class StoreLinking
{
    public static async Task<(IReadOnlyList<StoryCluster> Stories, IReadOnlyList<ClaimLink> Links)> RecomputeAsync(ILinkStore store, CancellationToken cancellationToken)
    {
        var documents = await store.GetLinkableDocumentsAsync(cancellationToken);
        var (stories, links) = Compute(documents, cancellationToken);
        await store.SaveAsync(stories, links, cancellationToken);
        return (stories, links);
    }

    /// <summary>Story clusters and claim links over the documents given, without keeping them.</summary>
    public static (IReadOnlyList<StoryCluster> Stories, IReadOnlyList<ClaimLink> Links) Compute(IReadOnlyList<LinkableDocument> documents, CancellationToken cancellationToken)
    {
        var stories = new StoryClusterer().Cluster(
            documents.Select(d => new StoryInput(d.Id, (d.Title is null ? "" : d.Title + "\n\n") + d.Text, d.Site)).ToList(), cancellationToken);
        return (stories, new ClaimLinker().Link(documents, stories, cancellationToken).Links);
    }
}
