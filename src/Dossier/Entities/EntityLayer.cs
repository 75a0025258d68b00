using System.Collections.Immutable;
using Dossier.Documents;

namespace Dossier.Entities;

public enum EntityLabel
{
    PER,
    ORG,
    LOC,
    MISC,
}

/// <summary>How a mention refers to its entity: by name, by a description ("the e-commerce giant") or by a pronoun.</summary>
public enum MentionKind
{
    Name,
    Nominal,
    Pronoun,
}

/// <summary>One place in the text that refers to an entity of this document.</summary>
/// <param name="EntityId">The in-document entity (index into <see cref="EntityLayer.Entities"/>).</param>
/// <param name="Title">A title or role attached to the mention ("Secretary", "Chief Executive Officer of Alibaba"), if any.</param>
public sealed record EntityMention(TextSpan Span, EntityLabel Label, int EntityId, MentionKind Kind = MentionKind.Name, string? Title = null);

/// <summary>An entity as resolved within one document: all its mentions share its id.</summary>
public sealed record DocumentEntity(int Id, string Name, EntityLabel Label, ImmutableArray<string> Aliases);

public sealed record EntityLayer(ImmutableArray<EntityMention> Mentions, ImmutableArray<DocumentEntity> Entities)
{
    public static EntityLayer Empty { get; } = new([], []);
}
