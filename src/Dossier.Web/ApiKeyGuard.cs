using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Dossier.Web;

/// <summary>Checks the API key a request presents, in constant time, and whether a request may read without one.</summary>
public sealed class ApiKeyGuard
{
    public const string HeaderName = "X-Api-Key";
    public const string FormField = "api_key";

    private readonly byte[]? _expectedHash;

    public ApiKeyGuard(string? apiKey) => _expectedHash = string.IsNullOrEmpty(apiKey) ? null : Hash(apiKey);

    public bool WritesEnabled => _expectedHash is not null;

    /// <summary>
    /// True when <paramref name="presented"/> is the key. Both sides are hashed first so that the comparison takes the same
    /// time whatever the presented key's length and content.
    /// </summary>
    public bool Matches(string? presented) =>
        _expectedHash is not null && presented is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), _expectedHash);

    /// <summary>The key from the X-Api-Key header or an "Authorization: Bearer" header.</summary>
    public static string? FromHeaders(HttpRequest request)
    {
        if (request.Headers[HeaderName] is [{ } key]) return key;
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Reads are open to the machine itself; other hosts must present the key.</summary>
    public bool MayRead(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address) || Matches(FromHeaders(context.Request));

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
