namespace Dossier.Documents;

/// <summary>What is known about an article apart from its text: where it came from and what the page says of itself.</summary>
public sealed record DocumentMetadata
{
    /// <summary>The input as the user named it: a path, a path with a line number, a URL, or "-" for standard input.</summary>
    public required string Source { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? Site { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
}
