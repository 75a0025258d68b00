using Dossier.Entities;

namespace Dossier.Linking;

/// <summary>One organisation, person or place across the whole store, with every name it goes by.</summary>
public sealed record CanonicalEntity(long Id, string Name, EntityLabel Label, IReadOnlyList<string> Aliases, IReadOnlyList<string> Documents);
