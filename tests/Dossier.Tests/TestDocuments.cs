using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Entities;

namespace Dossier.Tests;

/// <summary>Documents built by hand for store and linking tests, without running the pipeline.</summary>
internal static class TestDocuments
{
    /// <summary>A document whose entity layer names these organisations (one mention each), as the NER stage would.</summary>
    public static Document WithOrganisations(string id, params string[] names) => WithNames(id, EntityLabel.ORG, names);

    /// <summary>A document naming each entity once, all with the same label.</summary>
    public static Document WithNames(string id, EntityLabel label, params string[] names)
    {
        var text = string.Join(". ", names) + ".";
        var mentions = new List<EntityMention>();
        var entities = new List<DocumentEntity>();
        var position = 0;
        foreach (var name in names)
        {
            var start = text.IndexOf(name, position, StringComparison.Ordinal);
            mentions.Add(new EntityMention(new TextSpan(start, start + name.Length), label, entities.Count));
            entities.Add(new DocumentEntity(entities.Count, name, label, [name]));
            position = start + name.Length;
        }

        return Document.Create(id, text, new DocumentMetadata { Source = id })
            .With(Layers.Entities, new EntityLayer(mentions.ToImmutableArray(), entities.ToImmutableArray()));
    }
}
