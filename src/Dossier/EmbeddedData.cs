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
