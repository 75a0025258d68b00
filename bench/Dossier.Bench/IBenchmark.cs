namespace Dossier.Bench;

/// <summary>One benchmark: reads its data from the shared bench folder beside the checkout and prints its figures.</summary>
public interface IBenchmark
{
    /// <summary>The name given on the command line, e.g. "extraction".</summary>
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken);
}

public sealed record BenchContext(string RepoRoot, string SharedRoot, TextWriter Out)
{
    public string SharedPath(params string[] parts) => Path.Combine([SharedRoot, .. parts]);
}
