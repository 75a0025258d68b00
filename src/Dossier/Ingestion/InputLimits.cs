namespace Dossier.Ingestion;

/// <summary>Bounds that keep one hostile input from taking the run's memory or time.</summary>
public sealed record InputLimits
{
    public static InputLimits Default { get; } = new();

    /// <summary>Largest input read, after decompression; larger ones are refused with a reason.</summary>
    public long MaxBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Most articles read from one feed or sitemap.</summary>
    public int MaxFeedEntries { get; init; } = 500;
}
