namespace Dossier.Ingestion;

public enum InputFormat
{
    PlainText,
    Html,
}

/// <summary>What a JSON Lines record or a fetch says about an article before its body is read.</summary>
public sealed record ArticleHints(string? Url = null, string? Title = null, DateTimeOffset? Published = null, string? DeclaredCharset = null)
{
    public static ArticleHints None { get; } = new();
}

/// <summary>One article's bytes as read, not yet decoded.</summary>
/// <param name="Id">SHA-256 of the input bytes, lower-case hex: the document's identity.</param>
/// <param name="Source">The input as the user named it (path, "path:line", URL or "-").</param>
public sealed record RawInput(string Id, string Source, ReadOnlyMemory<byte> Bytes, InputFormat Format, ArticleHints Hints)
{
    public static RawInput FromBytes(string source, ReadOnlyMemory<byte> bytes, InputFormat format, ArticleHints? hints = null) =>
        new(ContentHash.Of(bytes.Span), source, bytes, format, hints ?? ArticleHints.None);
}

/// <summary>An input that could not be read as an article, and why.</summary>
public sealed record InputFailure(string Source, string Reason);

/// <summary>Either an article's raw input or the reason an input gave none.</summary>
public sealed record InputItem(RawInput? Input, InputFailure? Failure)
{
    public static InputItem Of(RawInput input) => new(input, null);
    public static InputItem Failed(string source, string reason) => new(null, new InputFailure(source, reason));
}
