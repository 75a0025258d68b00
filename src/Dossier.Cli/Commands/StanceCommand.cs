using System.CommandLine;
using Dossier.Linking.Stance;

namespace Dossier.Cli.Commands;

/// <summary>`dossier stance`: FNC-1 headline–body stance, in the FNC-1 file formats, so that the official scorer can read the output.</summary>
internal static class StanceCommand
{
    public static Command Create(CliContext context)
    {
        var stances = new Option<string>("--stances") { Description = "CSV with columns Headline,Body ID (a Stance column is ignored).", Required = true, HelpName = "FILE" };
        var bodies = new Option<string>("--bodies") { Description = "CSV with columns Body ID,articleBody.", Required = true, HelpName = "FILE" };
        var output = CommonOptions.OutputFile();
        var model = new Option<string?>("--model") { Description = "Folder of the stance model (default: models/stance above the program or the current folder).", HelpName = "DIR" };
        var command = new Command("stance", "Classify headline–body pairs as agree, disagree, discuss or unrelated; writes Headline,Body ID,Stance in input order.")
        {
            stances, bodies, output, model,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            context, parsed.GetValue(stances)!, parsed.GetValue(bodies)!, parsed.GetValue(output), parsed.GetValue(model), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string stancesPath, string bodiesPath, string? outputPath, string? modelPath, CancellationToken cancellationToken)
    {
        var modelDirectory = modelPath
                             ?? StanceClassifier.FindModelDirectory(AppContext.BaseDirectory)
                             ?? StanceClassifier.FindModelDirectory(Directory.GetCurrentDirectory());
        if (modelDirectory is null || !File.Exists(Path.Combine(modelDirectory, StanceClassifier.NetworkFile)))
        {
            await context.Error.WriteLineAsync("dossier: no stance model found (expected models/stance/network.bin); give one with --model.");
            return ExitCodes.NotFound;
        }

        foreach (var path in new[] { stancesPath, bodiesPath })
        {
            if (File.Exists(path)) continue;
            await context.Error.WriteLineAsync($"dossier: {path}: no such file");
            return ExitCodes.NotFound;
        }

        StanceClassifier classifier;
        List<FncPair> pairs;
        Dictionary<string, string> bodyTexts;
        try
        {
            classifier = await StanceClassifier.LoadAsync(modelDirectory, cancellationToken);
            using (var reader = new StreamReader(bodiesPath)) bodyTexts = FncData.ReadBodies(reader);
            using (var reader = new StreamReader(stancesPath)) pairs = FncData.ReadStances(reader);
        }
        catch (InvalidDataException error)
        {
            await context.Error.WriteLineAsync("dossier: " + error.Message);
            return ExitCodes.Usage;
        }

        var writer = outputPath is null ? context.Out : new StreamWriter(outputPath);
        try
        {
            await writer.WriteLineAsync("Headline,Body ID,Stance");
            var bodies = new Dictionary<string, StanceBody>(StringComparer.Ordinal);
            var missing = 0;
            foreach (var pair in pairs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!bodies.TryGetValue(pair.BodyId, out var body))
                {
                    if (!bodyTexts.TryGetValue(pair.BodyId, out var text))
                    {
                        missing++;
                        text = string.Empty;
                    }

                    bodies[pair.BodyId] = body = classifier.Featurizer.ReadBody(text);
                }

                var stance = classifier.Classify(pair.Headline, body);
                await writer.WriteLineAsync($"{Csv.Quote(pair.Headline)},{Csv.Quote(pair.BodyId)},{stance.ToFnc()}");
            }

            if (missing > 0) await context.Error.WriteLineAsync($"dossier: warning: {missing} pairs name a body id missing from {bodiesPath}; classified against an empty body.");
        }
        finally
        {
            if (outputPath is not null) await writer.DisposeAsync();
        }

        return ExitCodes.Success;
    }
}
