using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Storage.Sqlite;
using Dossier.Tests;

namespace Dossier.Cli.Tests;

public sealed class LinkingCommandsTests
{
    private static async Task<IReadOnlyDictionary<int, long>> StoreAsync(string db, string id, params string[] names)
    {
        var text = string.Join(". ", names) + ".";
        var mentions = new List<EntityMention>();
        var entities = new List<DocumentEntity>();
        foreach (var name in names)
        {
            var start = text.IndexOf(name, StringComparison.Ordinal);
            mentions.Add(new EntityMention(new TextSpan(start, start + name.Length), EntityLabel.ORG, entities.Count));
            entities.Add(new DocumentEntity(entities.Count, name, EntityLabel.ORG, [name]));
        }

        var document = Document.Create(id, text, new DocumentMetadata { Source = id })
            .With(Layers.Entities, new EntityLayer(mentions.ToImmutableArray(), entities.ToImmutableArray()));
        await using var store = await SqliteDossierStore.OpenAsync(db, CancellationToken.None);
        await store.AddDocumentAsync(document, CancellationToken.None);
        return await store.GetCanonicalIdsAsync(id, CancellationToken.None);
    }

    [Fact]
    public async Task Entities_merge_split_and_explain_persist_in_the_store()
    {
        using var temp = new TempFolder();
        var db = temp.Path("d.db");
        var ids = await StoreAsync(db, "d1", "Ant Group", "Alibaba", "Alibaba Group");
        var (ant, alibaba) = (ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture));

        var merge = await CliRun.RunAsync("entities", "merge", ant, alibaba, "--reason", "same group here", "--db", db);
        Assert.Equal(0, merge.ExitCode);
        Assert.Contains($"Merged entity {ant} into {alibaba}", merge.Out, StringComparison.Ordinal);

        var split = await CliRun.RunAsync("entities", "split", alibaba, "Alibaba Group", "--db", db);
        Assert.Equal(0, split.ExitCode);
        Assert.Contains("Split \"Alibaba Group\"", split.Out, StringComparison.Ordinal);

        var explain = await CliRun.RunAsync("entities", "explain", alibaba, "--db", db);
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("same group here", explain.Out, StringComparison.Ordinal);
        Assert.Contains("split \"Alibaba Group\"", explain.Out, StringComparison.Ordinal);

        var later = await StoreAsync(db, "d2", "Ant Group", "Alibaba Group");
        Assert.Equal(ids[1], later[0]);
        Assert.NotEqual(ids[1], later[1]);

        var missing = await CliRun.RunAsync("entities", "merge", "999", alibaba, "--db", db);
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.Contains("No entity 999", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stance_writes_fnc_rows_in_input_order()
    {
        var model = Path.Combine(RepoPaths.Root, "models", "stance");
        if (!File.Exists(Path.Combine(model, "network.bin")))
        {
            Console.WriteLine("models/stance is absent: skipped");
            return;
        }

        using var temp = new TempFolder();
        var sample = File.ReadAllText(Directory.GetFiles(RepoPaths.Samples, "002_*.txt").Single());
        await File.WriteAllTextAsync(temp.Path("bodies.csv"), "Body ID,articleBody\n5,\"" + sample.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\n");
        await File.WriteAllTextAsync(temp.Path("stances.csv"),
            "Headline,Body ID\n\"Zombie cat, buried and believed dead, meows back to life\",5\nAlibaba linked to China's military in White House memo,5\nA headline with a missing body,77\n");

        var result = await CliRun.RunAsync("stance", "--stances", temp.Path("stances.csv"), "--bodies", temp.Path("bodies.csv"), "-o", temp.Path("out.csv"), "--model", model);
        Assert.Equal(0, result.ExitCode);
        var lines = await File.ReadAllLinesAsync(temp.Path("out.csv"));
        Assert.Equal("Headline,Body ID,Stance", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal("\"Zombie cat, buried and believed dead, meows back to life\",5,unrelated", lines[1]);
        Assert.StartsWith("Alibaba linked to China's military in White House memo,5,", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("unrelated", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("A headline with a missing body,77,", lines[3], StringComparison.Ordinal);
        Assert.Contains("missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stance_without_input_files_fails_with_a_reason()
    {
        using var temp = new TempFolder();
        var result = await CliRun.RunAsync("stance", "--stances", temp.Path("none.csv"), "--bodies", temp.Path("none2.csv"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }
}
