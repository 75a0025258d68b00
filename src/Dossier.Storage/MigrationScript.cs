using System.Globalization;

namespace Dossier.Storage;

/// <summary>One numbered schema script embedded in this assembly (<c>Migrations/NNNN_what.sql</c>); each backend keeps its own folder.</summary>
internal sealed record MigrationScript(int Version, string ResourceName, string FileName)
{
    /// <summary>The scripts under one folder's resource prefix (such as <c>Dossier.Storage.Sqlite.Migrations.</c>), oldest first.</summary>
    public static IReadOnlyList<MigrationScript> Under(string prefix) =>
        typeof(MigrationScript).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => new MigrationScript(int.Parse(name[prefix.Length..].Split('_')[0], CultureInfo.InvariantCulture), name, name[prefix.Length..]))
            .OrderBy(script => script.Version)
            .ToList();

    /// <summary>What the script does, as its file names it: "person_name_words" for <c>0012_person_name_words.sql</c>.</summary>
    public string Name => Path.GetFileNameWithoutExtension(FileName)[(FileName.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(MigrationScript).Assembly.GetManifestResourceStream(ResourceName)!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
