namespace Dossier.Analysis;

/// <summary>
/// An analyst's decision on a list hit: still open, confirmed as the listed party, or dismissed as a false positive.
/// The one vocabulary of the store, the JSON output, the CLI and the web; the web's accept/dismiss wording maps onto it.
/// </summary>
public static class HitDecisions
{
    public const string Open = "open";
    public const string Confirmed = "confirmed";
    public const string FalsePositive = "false_positive";

    public static IReadOnlyList<string> All { get; } = [Open, Confirmed, FalsePositive];

    /// <summary>The decision a word names (also accept/accepted, dismiss/dismissed, pending, reopen), or null.</summary>
    public static string? Parse(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        Open or "pending" or "reopen" => Open,
        Confirmed or "confirm" or "accept" or "accepted" => Confirmed,
        FalsePositive or "false-positive" or "dismiss" or "dismissed" => FalsePositive,
        _ => null,
    };
}
