namespace Dossier.Tests;

/// <summary>Finds the repository's folders from wherever the test runner starts.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>Shared benchmark data beside the checkout; tests that need it skip when it is absent.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Fixture(params string[] parts) => Path.Combine([Root, "tests", "fixtures", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dossier.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("Could not find the repository root (Dossier.sln) above " + AppContext.BaseDirectory);
    }
}
