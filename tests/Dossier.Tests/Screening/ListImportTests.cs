using Dossier.Screening;
using Dossier.Screening.Importing;

namespace Dossier.Tests.Screening;

public sealed class ListImportTests
{
    private static async Task<ListFileResult> ReadAsync(params string[] fixture) =>
        await new WatchlistImporter().ReadFileAsync(RepoPaths.Fixture(["screening", .. fixture]), CancellationToken.None);

    [Fact]
    public async Task OfacLegacyPrimaryIsReadWithItsAliasAndAddressFiles()
    {
        // The primary file is kept under another name so that no tracked file looks like a copy of the real list; the
        // importer finds the alias and address files beside a file named sdn.csv, so the test lays them out that way.
        var folder = Directory.CreateTempSubdirectory("dossier-ofac-");
        try
        {
            File.Copy(RepoPaths.Fixture("screening", "ofac", "primary.csv"), Path.Combine(folder.FullName, "sdn.csv"));
            foreach (var part in new[] { "alt.csv", "add.csv" }) File.Copy(RepoPaths.Fixture("screening", "ofac", part), Path.Combine(folder.FullName, part));
            AssertOfacPrimary(await new WatchlistImporter().ReadFileAsync(Path.Combine(folder.FullName, "sdn.csv"), CancellationToken.None));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void AssertOfacPrimary(ListFileResult result)
    {
        Assert.Equal(ListFormat.OfacLegacyPrimary, result.Format);
        var entries = Assert.Single(result.Versions).Entries;
        Assert.Equal(2, entries.Count);
        var airline = entries.Single(e => e.Id == "ofac-sdn-36");
        Assert.Equal("OFAC SDN", airline.List);
        Assert.Equal(EntryKind.Organization, airline.Kind);
        Assert.Contains("EXAMPLE-TRANSIT", airline.Aliases);
        Assert.Contains("cu", airline.Countries);
        var person = entries.Single(e => e.Id == "ofac-sdn-9639");
        Assert.Equal(EntryKind.Person, person.Kind);
        Assert.Contains("1962", person.BirthDates);
    }

    [Fact]
    public async Task OfacAliasFileAloneIsRecognisedAndNotImported()
    {
        var result = await ReadAsync("ofac", "alt.csv");
        Assert.Equal(ListFormat.OfacLegacyPart, result.Format);
        Assert.Empty(result.Versions);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public async Task SimpleCsvSplitsAcronymsAndKeepsEndDates()
    {
        var result = await ReadAsync("simple.csv");
        Assert.Equal(ListFormat.SimpleCsv, result.Format);
        var version = Assert.Single(result.Versions);
        Assert.Equal("Test List", version.List);
        var academy = version.Entries.Single(e => e.Name.StartsWith("Academy", StringComparison.Ordinal));
        Assert.Equal("Academy of Aerospace Solid Propulsion Technology", academy.Name);
        Assert.Contains("AASPT", academy.Aliases);
        Assert.False(version.Entries.Single(e => e.Name.StartsWith("Removed", StringComparison.Ordinal)).IsActive);
        Assert.Equal("2024-01-31", version.VersionDate);
    }

    [Fact]
    public async Task UnXmlReadsPeopleEntitiesAndSkipsLowQualityAliases()
    {
        var result = await ReadAsync("un.xml");
        Assert.Equal(ListFormat.UnSecurityCouncilXml, result.Format);
        var version = Assert.Single(result.Versions);
        Assert.Equal("2026-02-27", version.VersionDate);
        var person = version.Entries.Single(e => e.Id == "un-CDi.001");
        Assert.Equal("ERIC BADEGE", person.Name);
        Assert.Equal(EntryKind.Person, person.Kind);
        Assert.Equal(new[] { "Eric Badege Mutware" }, person.Aliases.ToArray());
        Assert.Contains("cd", person.Countries);
        Assert.Equal("2012-12-31", person.ListedOn);
        Assert.Equal(EntryKind.Organization, version.Entries.Single(e => e.Id == "un-QDe.070").Kind);
    }

    [Fact]
    public async Task FollowTheMoneyKeepsMatchableEntitiesAndSurvivesBadLines()
    {
        var result = await ReadAsync("entities.ftm.jsonl");
        Assert.Equal(ListFormat.FollowTheMoneyEntities, result.Format);
        var entry = Assert.Single(Assert.Single(result.Versions).Entries);
        Assert.Equal("NK-test1", entry.Id);
        Assert.Contains("Александр Захаров", entry.Aliases);
        Assert.Equal("2025-01-02", result.Versions[0].VersionDate);

        var delta = await ReadAsync("delta.ftm.jsonl");
        Assert.Equal(ListFormat.FollowTheMoneyDelta, delta.Format);
        Assert.False(Assert.Single(Assert.Single(delta.Versions).Entries).IsActive);
    }

    [Fact]
    public async Task HostileBytesAreRefusedWithAReason()
    {
        var path = Path.Combine(Path.GetTempPath(), "dossier-hostile-" + Guid.NewGuid().ToString("N"));
        var bytes = new byte[4096];
        new Random(8).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var result = await new WatchlistImporter().ReadFileAsync(path, CancellationToken.None);
            Assert.Empty(result.Versions.SelectMany(v => v.Entries));
            Assert.NotNull(result.Problem);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
