namespace Dossier.Monitoring;

/// <summary>A new claim about a watched entity, as one JSON line on stdout and one webhook post.</summary>
public sealed record ClaimAlert(
    DateTimeOffset Detected,
    string Entity,
    long EntityId,
    string Document,
    string Source,
    string? Url,
    string? Title,
    string? Published,
    string Claim,
    int Start,
    int End,
    string Category,
    string Status,
    string Polarity);
