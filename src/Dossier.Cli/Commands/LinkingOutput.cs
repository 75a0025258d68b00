using Dossier.Linking;
using Dossier.Serialization;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

/// <summary>
/// The stories and claim links of a run's documents, after the documents stored since the last linking are placed in
/// stories and their claims linked; only the run's stories and links are read back, and the links are written as they
/// are read.
/// </summary>
internal static class LinkingOutput
{
    public static async Task WriteAsync(JsonObjectStream output, string databasePath, IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        await using var store = await DossierStores.OpenLinkStoreAsync(databasePath, cancellationToken);
        await StoreLinking.LinkNewAsync(store, cancellationToken);
        var stories = await store.GetStoriesAsync(documentIds, cancellationToken);
        output.WriteProperty(nameof(DossierJson.Stories), stories.Select(DossierJsonMapper.ToJson).ToList());
        output.StartArray(nameof(DossierJson.ClaimLinks));
        var written = 0;
        await foreach (var link in store.ReadClaimLinksAsync(documentIds, cancellationToken))
        {
            output.WriteItem(link);
            if (++written % 1024 == 0) await output.FlushAsync(cancellationToken);
        }

        output.EndArray();
    }
}
