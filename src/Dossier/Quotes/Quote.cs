using Dossier.Documents;

namespace Dossier.Quotes;

public enum QuoteKind
{
    Direct,
    Indirect,
    Mixed,
    Partial,
}

public enum SpeakerKind
{
    NamedPerson,
    Role,
    Unnamed,
    Organisation,
    Outlet,
    Pronoun,
    Unknown,
}

/// <summary>Something a source says, with the source resolved where the text allows.</summary>
/// <param name="Content">The span of what is said.</param>
/// <param name="Cue">The verb or phrase that attributes it ("said", "according to").</param>
/// <param name="SpeakerEntityId">The in-document entity the speaker resolves to.</param>
/// <param name="SpeakerOrganisationId">For a spokesperson or officer, the organisation they speak for.</param>
/// <param name="ResolvedSpeaker">For a pronoun speaker, the earlier speaker or person it stands for.</param>
public sealed record Quote(
    TextSpan Content,
    string Cue,
    TextSpan? CueSpan,
    QuoteKind Kind,
    string? Speaker,
    TextSpan? SpeakerSpan,
    SpeakerKind SpeakerKind,
    int? SpeakerEntityId,
    int? SpeakerOrganisationId = null,
    string? ResolvedSpeaker = null);
