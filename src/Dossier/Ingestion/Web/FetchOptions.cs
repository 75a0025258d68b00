namespace Dossier.Ingestion.Web;

/// <summary>How politely and how far the fetcher may go.</summary>
public sealed record FetchOptions
{
    public string UserAgent { get; init; } = "Dossier/0.1 (+news analysis; respects robots.txt)";

    /// <summary>Allow loopback, private, link-local and cloud-metadata addresses (off by default: a URL list is hostile input).</summary>
    public bool AllowPrivateAddresses { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);
    public long MaxBytes { get; init; } = 16L * 1024 * 1024;
    public int MaxRedirects { get; init; } = 5;

    /// <summary>The least time between two requests to one host.</summary>
    public TimeSpan PerHostInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool RespectRobotsTxt { get; init; } = true;
}
