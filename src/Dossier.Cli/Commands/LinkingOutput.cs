using Dossier.Linking;
using Dossier.Serialization;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

/// <summary>
/// The stories and claim links of a run's documents, after the documents stored since the last linking are placed in
/// stories and their claims linked; only the run's stories and links are read back.
/// </summary>
internal static class LinkingOutput
{
    public static async Task<(List<StoryJson> Stories, List<ClaimLinkJson> ClaimLinks)> ComputeAsync(
        string databasePath, IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        await using var store = await DossierStores.OpenLinkStoreAsync(databasePath, cancellationToken);
        await StoreLinking.LinkNewAsync(store, cancellationToken);
        var stories = await store.GetStoriesAsync(documentIds, cancellationToken);
        var links = await store.GetClaimLinksAsync(documentIds, cancellationToken);
        return (stories.Select(DossierJsonMapper.ToJson).ToList(), links.ToList());
    }
}
