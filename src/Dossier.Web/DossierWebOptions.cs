namespace Dossier.Web;

/// <summary>How the web app runs. Writes are refused unless <see cref="ApiKey"/> is set.</summary>
public sealed record DossierWebOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5000";
    public const string ApiKeyVariable = "DOSSIER_API_KEY";

    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>The key that writes (ingest, hit decisions, entity merge and split) must present, and reads from other hosts than loopback.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Largest request body for ingestion; other writes take far less.</summary>
    public long MaxIngestBytes { get; init; } = 8 * 1024 * 1024;

    public const long MaxSmallBodyBytes = 64 * 1024;

    /// <summary>Let ingestion by URL fetch loopback and private addresses (off: a URL sent to the server is hostile input).</summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>The key from <c>DOSSIER_API_KEY</c>, else from the first line of a key file; null when neither gives one.</summary>
    public static async Task<string?> ReadApiKeyAsync(string? keyFile, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment.Trim();
        if (keyFile is null) return null;
        var lines = await File.ReadAllLinesAsync(keyFile, cancellationToken);
        return lines.Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0);
    }
}
