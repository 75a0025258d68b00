using System.Reflection;

namespace Dossier;

/// <summary>Reads the lexicons and lists that ship inside the assembly, apart from the code that uses them.</summary>
internal static class EmbeddedData
{
    public static Stream Open(string relativeName)
    {
        var assembly = typeof(EmbeddedData).Assembly;
        var name = "Dossier." + relativeName;
        return assembly.GetManifestResourceStream(name)
               ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {assembly.GetName().Name}.");
    }

    /// <summary>A word list as a set of lower-case entries, for case-insensitive lookups of lower-cased text.</summary>
    public static System.Collections.Frozen.FrozenSet<string> ReadLowerCaseSet(string relativeName) =>
        System.Collections.Frozen.FrozenSet.ToFrozenSet(ReadLines(relativeName).Select(line => line.ToLowerInvariant()), StringComparer.Ordinal);

    /// <summary>Non-empty lines that are not comments (#).</summary>
    public static IReadOnlyList<string> ReadLines(string relativeName)
    {
        using var reader = new StreamReader(Open(relativeName));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#')) lines.Add(trimmed);
        }

        return lines;
    }
}
