using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dossier.Web;

/// <summary>The problem documents (RFC 9457) the API answers bad requests with.</summary>
internal static class Problems
{
    public static ProblemHttpResult Of(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ProblemHttpResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static ProblemHttpResult Unauthorized(ApiKeyGuard guard) => guard.WritesEnabled
        ? Of(StatusCodes.Status401Unauthorized, "API key required", $"Present the API key in the {ApiKeyGuard.HeaderName} header.")
        : Of(StatusCodes.Status403Forbidden, "Writes are disabled", $"The server has no API key: set {DossierWebOptions.ApiKeyVariable} or give a key file.");

    /// <summary>Reads a JSON body of at most <paramref name="maxBytes"/> and deserialises it; a problem when it is missing, too large or malformed.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, long maxBytes, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }

        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0) return (null, BadRequest("The request has no body; send a JSON object."));
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
            return value is null ? (null, BadRequest("The body is JSON null; send a JSON object.")) : (value, null);
        }
        catch (JsonException error)
        {
            var where = error.Path is { Length: > 0 } path ? $" at {path}" : "";
            var line = error.LineNumber is { } number ? $" (line {number + 1}, byte {error.BytePositionInLine + 1})" : "";
            return (null, BadRequest($"The body is not valid JSON for this request{where}{line}: {FirstSentence(error.Message)}"));
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        Of(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body may be at most {maxBytes:N0} bytes.");

    // The serializer's message repeats path and position, which the detail already gives.
    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Trim();
}
