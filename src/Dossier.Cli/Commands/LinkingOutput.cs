using Dossier.Linking;
using Dossier.Serialization;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

/// <summary>Stories and claim links over the whole store, recomputed after a run and kept there; the JSON shows those touching this run.</summary>
internal static class LinkingOutput
{
    public static async Task<(List<StoryJson> Stories, List<ClaimLinkJson> ClaimLinks)> ComputeAsync(
        string databasePath, IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        await using var store = await DossierStores.OpenLinkStoreAsync(databasePath, cancellationToken);
        var (stories, links) = await StoreLinking.RecomputeAsync(store, cancellationToken);

        var wanted = documentIds.ToHashSet(StringComparer.Ordinal);
        return (
            stories.Where(s => s.DocumentIds.Any(wanted.Contains)).Select(DossierJsonMapper.ToJson).ToList(),
            links.Where(l => wanted.Contains(l.From.DocumentId) || wanted.Contains(l.To.DocumentId)).Select(DossierJsonMapper.ToJson).ToList());
    }
}
