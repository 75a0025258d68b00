using System.Globalization;

namespace Dossier.Cli.Tests;

public sealed class CheckworthyCommandTests
{
    [Fact]
    public async Task ClefTsvAndPlainTextGiveOneScorePerLineKeyedByLineNumber()
    {
        using var temp = new TempFolder();
        var tsv = temp.Path("debate.tsv");
        await File.WriteAllTextAsync(tsv, "7\tTRUMP\tWe lost $800 billion on trade last year.\t1\r\n8\tHOLT\tThank you.\t0\r\n");
        var text = temp.Path("article.txt");
        await File.WriteAllTextAsync(text, "Alibaba spent $2.5 million on lobbying in 2020.\n\nGood evening.\n");

        var result = await CliRun.RunAsync("checkworthy", tsv, text);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var rows = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split('\t')).ToList();
        Assert.Equal(["7", "8", "1", "3"], rows.Select(r => r[0]));
        var scores = rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.True(scores[0] > scores[1]);
        Assert.True(scores[2] > scores[3]);
    }

    [Fact]
    public async Task StandardInputAndAMissingFileAreHandled()
    {
        var result = await CliRun.RunWithInputAsync("Exports fell 12 percent.\n", "checkworthy", "-", "no-such-file.tsv");
        Assert.Equal(ExitCodes.FinishedWithFailures, result.ExitCode);
        Assert.StartsWith("1\t", result.Out, StringComparison.Ordinal);
        Assert.Contains("no-such-file.tsv", result.Error, StringComparison.Ordinal);
    }
}
