using Dossier.Analysis;

namespace Dossier.Storage.Tests;

/// <summary>
/// The samples searched on both backends: FTS5's BM25 and PostgreSQL's length-normalised ts_rank_cd agree on the best
/// hit for queries whose words are rare enough to tell entries apart. (For "Alibaba", in nearly every entry, they pick
/// different Alibaba claims: BM25's term saturation has no counterpart in ts_rank_cd. "American brands", in the
/// reassurance article's headline and in one quote of nearly the same weight, is such a near tie as well.)
/// </summary>
public sealed class SearchParityTests
{
    [SkippableTheory]
    [InlineData("lobbying democrats")]
    [InlineData("military")]
    [InlineData("small businesses and farmers")]
    [InlineData("Clean Network")]
    [InlineData("Trump")]
    public async Task Both_backends_find_the_same_top_hit(string query)
    {
        await using var database = await ScratchDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("dossier-parity-");
        try
        {
            var tops = new List<(string, string, int?)>();
            foreach (var location in new[] { Path.Combine(folder.FullName, "dossier.db"), database.ConnectionString })
            {
                await using var store = await DossierStores.OpenAsync(location, CancellationToken.None);
                await SampleDocuments.AddAllAsync(store);
                var hit = (await store.SearchAsync(new SearchQuery(query), CancellationToken.None)).Hits[0];
                tops.Add((hit.Kind, hit.DocumentId, hit.Item));
            }

            Assert.Equal(tops[0], tops[1]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
