using Dossier.Linking;
using Dossier.Serialization;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

/// <summary>
/// The stories and claim links of a run's documents. Stories come from the store's story index, which places each new
/// document once, so only the run's stories are read; claim links are still recomputed over every stored claim (and
/// kept in the store), then those touching the run are shown.
/// </summary>
internal static class LinkingOutput
{
    public static async Task<(List<StoryJson> Stories, List<ClaimLinkJson> ClaimLinks)> ComputeAsync(
        string databasePath, IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        await using var store = await DossierStores.OpenLinkStoreAsync(databasePath, cancellationToken);
        var (_, links) = await StoreLinking.RecomputeAsync(store, cancellationToken);
        var stories = await store.GetStoriesAsync(documentIds, cancellationToken);

        var wanted = documentIds.ToHashSet(StringComparer.Ordinal);
        return (
            stories.Select(DossierJsonMapper.ToJson).ToList(),
            links.Where(l => wanted.Contains(l.From.DocumentId) || wanted.Contains(l.To.DocumentId)).Select(DossierJsonMapper.ToJson).ToList());
    }
}
