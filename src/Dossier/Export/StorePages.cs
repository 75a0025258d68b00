using Dossier.Analysis;

namespace Dossier.Export;

/// <summary>The store's documents in pages, for exports that look up something (entities) once per page rather than per document.</summary>
internal static class StorePages
{
    public const int PageSize = 256;

    public static async IAsyncEnumerable<List<StoredDocument>> ReadAsync(
        IDossierStore store, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = new List<StoredDocument>(PageSize);
        await foreach (var document in store.ReadDocumentsAsync(cancellationToken))
        {
            page.Add(document);
            if (page.Count < PageSize) continue;
            yield return page;
            page = new List<StoredDocument>(PageSize);
        }

        if (page.Count > 0) yield return page;
    }
}
