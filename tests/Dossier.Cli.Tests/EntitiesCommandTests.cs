namespace Dossier.Cli.Tests;

public sealed class EntitiesCommandTests
{
    private const string Input = """
        -DOCSTART- -X- O O

        Alibaba NNP I-NP I-ORG
        hired VBD I-VP O
        Jim NNP I-NP I-PER
        Carafano NNP I-NP I-PER
        in IN I-PP O
        China NNP I-NP I-LOC
        . . O O

        """;

    [Fact]
    public async Task WritesEachLineBackWithItsPredictedTag()
    {
        var result = await CliRun.RunWithInputAsync(Input, "entities", "--conll", "-");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("-DOCSTART- -X- O O O", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal("Jim NNP I-NP I-PER B-PER", lines[4]);
        Assert.Equal("Carafano NNP I-NP I-PER I-PER", lines[5]);
        Assert.Equal("China NNP I-NP I-LOC B-LOC", lines[7]);
    }

    [Fact]
    public async Task AMissingFileIsReported()
    {
        var result = await CliRun.RunAsync("entities", "--conll", "no-such-file.conll");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("no-such-file.conll", result.Error);
    }
}
