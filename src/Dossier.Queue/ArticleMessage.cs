using System.Globalization;
using System.Text;
using Dossier.Ingestion;
using RabbitMQ.Client;

namespace Dossier.Queue;

/// <summary>
/// One article as a message: the input's bytes as the body, its content-hash id as the message id, and what the
/// reader knew about it (source, format, hints) in headers, so that a worker rebuilds exactly the input analyze would see.
/// </summary>
internal static class ArticleMessage
{
    private const string SourceHeader = "dossier-source";
    private const string FormatHeader = "dossier-format";
    private const string UrlHeader = "dossier-url";
    private const string TitleHeader = "dossier-title";
    private const string PublishedHeader = "dossier-published";
    private const string CharsetHeader = "dossier-charset";
    public const string ReasonHeader = "dossier-reason";
    public const string FailedAtHeader = "dossier-failed-at";

    public static BasicProperties Properties(RawInput input)
    {
        var headers = new Dictionary<string, object?>
        {
            [SourceHeader] = input.Source,
            [FormatHeader] = input.Format == InputFormat.Html ? "html" : "text",
        };
        if (input.Hints.Url is { } url) headers[UrlHeader] = url;
        if (input.Hints.Title is { } title) headers[TitleHeader] = title;
        if (input.Hints.Published is { } published) headers[PublishedHeader] = published.ToString("O", CultureInfo.InvariantCulture);
        if (input.Hints.DeclaredCharset is { } charset) headers[CharsetHeader] = charset;
        return new BasicProperties
        {
            MessageId = input.Id,
            Persistent = true,
            Type = "dossier.article",
            Headers = headers,
        };
    }

    /// <summary>The input a message carries; the body is copied because the client reuses its buffer after the handler.</summary>
    public static RawInput ToInput(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var bytes = body.ToArray();
        var hints = new ArticleHints(
            Url: Header(properties, UrlHeader),
            Title: Header(properties, TitleHeader),
            Published: DateTimeOffset.TryParse(Header(properties, PublishedHeader), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var published) ? published : null,
            DeclaredCharset: Header(properties, CharsetHeader));
        var format = Header(properties, FormatHeader) == "text" ? InputFormat.PlainText : InputFormat.Html;
        // The id becomes the document's key: a message from elsewhere without a content hash is keyed by its own bytes.
        var id = IsContentHash(properties.MessageId) ? properties.MessageId! : ContentHash.Of(bytes);
        return new RawInput(id, Source(properties), bytes, format, hints);
    }

    private static bool IsContentHash(string? id) => id is { Length: 64 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static string Source(IReadOnlyBasicProperties properties) => Header(properties, SourceHeader) ?? properties.MessageId ?? "(unnamed message)";

    /// <summary>Why a message was dead-lettered: a worker's reason, else what the broker recorded.</summary>
    public static string Reason(IReadOnlyBasicProperties properties)
    {
        if (Header(properties, ReasonHeader) is { } reason) return reason;
        if (properties.Headers?.TryGetValue("x-death", out var death) == true && death is IList<object?> { Count: > 0 } deaths
            && deaths[0] is IDictionary<string, object?> first && first.TryGetValue("reason", out var brokerReason))
        {
            return $"dead-lettered by the broker: {Text(brokerReason)}";
        }

        return "unknown";
    }

    /// <summary>How many times the broker delivered this message before without it being acknowledged.</summary>
    public static long PreviousDeliveries(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue("x-delivery-count", out var count) == true && count is not null
            ? Convert.ToInt64(count, CultureInfo.InvariantCulture)
            : 0;

    /// <summary>The same message with a failure reason, for the dead-letter queue.</summary>
    public static BasicProperties DeadLetter(IReadOnlyBasicProperties properties, string reason) =>
        Copy(properties, headers =>
        {
            headers[ReasonHeader] = reason;
            headers[FailedAtHeader] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        });

    /// <summary>A dead letter as fresh work: without its reason and the broker's bookkeeping, so its redelivery count starts again.</summary>
    public static BasicProperties Replay(IReadOnlyBasicProperties properties) =>
        Copy(properties, headers =>
        {
            foreach (var name in new[] { ReasonHeader, FailedAtHeader, "x-death", "x-delivery-count", "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason" })
            {
                headers.Remove(name);
            }
        });

    public static string? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true ? Text(value) : null;

    private static string? Text(object? value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        null => null,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static BasicProperties Copy(IReadOnlyBasicProperties properties, Action<Dictionary<string, object?>> edit)
    {
        var headers = new Dictionary<string, object?>(properties.Headers ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        edit(headers);
        return new BasicProperties
        {
            MessageId = properties.MessageId,
            Persistent = true,
            Type = properties.Type,
            Headers = headers,
        };
    }
}
