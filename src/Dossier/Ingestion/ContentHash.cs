using System.Security.Cryptography;

namespace Dossier.Ingestion;

public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
