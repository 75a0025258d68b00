using System.Text.RegularExpressions;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Ingestion;
using Dossier.Linking;
using Dossier.Storage.Sqlite;

namespace Dossier.Tests.Linking;

/// <summary>Cross-article linking over the three seed articles, as the default pipeline analyses them.</summary>
public sealed class SamplesLinkingTests
{
    private static List<Document> AnalysedSamples()
    {
        var pipeline = DossierPipeline.CreateDefault();
        return Directory.GetFiles(RepoPaths.Samples, "*.txt").Order(StringComparer.Ordinal)
            .Select(path => pipeline.Analyze(RawInput.FromBytes(path, File.ReadAllBytes(path), InputFormat.PlainText), CancellationToken.None).Document!)
            .ToList();
    }

    [Fact]
    public void Every_name_the_samples_give_Alibaba_has_one_key()
    {
        // Whatever the entity model will call Alibaba in the samples, the surface forms there share one key.
        var forms = Directory.GetFiles(RepoPaths.Samples, "*.txt")
            .SelectMany(path => Regex.Matches(File.ReadAllText(path), @"Alibaba(?: Group)?(?: Holding)?(?: Ltd\.?)?").Select(m => m.Value))
            .Distinct()
            .ToList();
        Assert.Contains("Alibaba Group Holding", forms);
        Assert.Single(forms.Select(form => EntityKey.For(form, EntityLabel.ORG)).Distinct());
    }

    [Fact]
    public async Task Alibaba_is_one_canonical_entity_across_the_three_samples_once_entities_exist()
    {
        var documents = AnalysedSamples();
        Assert.Equal(3, documents.Count);
        var folder = Directory.CreateTempSubdirectory("dossier-samples-");
        try
        {
            await using var store = await SqliteDossierStore.OpenAsync(Path.Combine(folder.FullName, "s.db"), CancellationToken.None);
            var alibaba = new HashSet<long>();
            var withEntities = 0;
            foreach (var document in documents)
            {
                await store.AddDocumentAsync(document, CancellationToken.None);
                var layer = document.GetOrDefault(Layers.Entities) ?? EntityLayer.Empty;
                if (layer.Entities.IsDefaultOrEmpty) continue;
                withEntities++;
                var canonical = await store.GetCanonicalIdsAsync(document.Id, CancellationToken.None);
                foreach (var entity in layer.Entities.Where(e => e.Label == EntityLabel.ORG && e.Name.StartsWith("Alibaba", StringComparison.Ordinal)
                                                                  && !e.Name.Contains("Pictures", StringComparison.Ordinal)))
                {
                    alibaba.Add(canonical[entity.Id]);
                }
            }

            if (withEntities == 0)
            {
                Console.WriteLine("the pipeline has no entity stage yet: canonical-id assertion skipped");
                return;
            }

            Assert.Single(alibaba);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Trump_and_Donald_Trump_of_two_samples_are_one_person_in_the_store()
    {
        var folder = Directory.CreateTempSubdirectory("dossier-samples-");
        try
        {
            await using var store = await SqliteDossierStore.OpenAsync(Path.Combine(folder.FullName, "s.db"), CancellationToken.None);
            var documents = AnalysedSamples();
            foreach (var document in documents) await store.AddDocumentAsync(document, CancellationToken.None);
            var trump = new HashSet<long>();
            foreach (var document in documents)
            {
                var canonical = await store.GetCanonicalIdsAsync(document.Id, CancellationToken.None);
                trump.UnionWith(document.Get(Layers.Entities).Entities.Where(e => e.Label == EntityLabel.PER && e.Name.EndsWith("Trump", StringComparison.Ordinal))
                    .Select(e => canonical[e.Id]));
            }

            var person = await store.GetEntityAsync(Assert.Single(trump), CancellationToken.None);
            Assert.Equal(("Donald Trump", 2), (person!.Name, person.Documents.Count));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_samples_are_three_stories()
    {
        var documents = AnalysedSamples();
        var stories = new StoryClusterer().Cluster(documents.Select(d => new StoryInput(d.Id, d.Text)).ToList());
        Assert.Equal(3, stories.Count);
    }
}
