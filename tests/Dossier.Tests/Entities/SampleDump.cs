using Dossier.Documents;
using Dossier.Entities;
using Xunit.Abstractions;

namespace Dossier.Tests.Entities;

[Collection(EntityPipelineCollection.Name)]
public sealed class SampleDump(EntityPipelineFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("000_2eccd1d69f1900d9.txt")]
    [InlineData("001_7fd185946db02069.txt")]
    [InlineData("002_61e0b9ad9df61b53.txt")]
    public void Dump(string file)
    {
        var document = fixture.AnalyzeSample(file);
        var layer = document.Get(Layers.Entities);
        foreach (var m in layer.Mentions) output.WriteLine($"{m.Kind} {m.Label} #{m.EntityId} '{document.TextOf(m.Span)}' title='{m.Title}'");
        foreach (var e in layer.Entities) output.WriteLine($"ENTITY #{e.Id} {e.Label} {e.Name} [{string.Join(" | ", e.Aliases)}]");
        foreach (var f in document.Get(Layers.Figures)) output.WriteLine($"FIG {f.Kind} '{document.TextOf(f.Span)}' {f.Value} {f.Unit} {f.Normalized} about={f.About}");
    }
}
