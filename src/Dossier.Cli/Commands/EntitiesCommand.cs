using System.CommandLine;
using Dossier.Entities;
using Dossier.Entities.Ner;

namespace Dossier.Cli.Commands;

internal static class EntitiesCommand
{
    public static Command Create(CliContext context)
    {
        var conll = new Option<string>("--conll")
        {
            Description = "CoNLL-style input (token first on each line, blank lines between sentences, -DOCSTART- between documents); '-' reads standard input. Each line is written back with the predicted IOB2 tag as one more column.",
            HelpName = "FILE",
        };
        var output = CommonOptions.OutputFile();
        var command = new Command("entities", "Tag named entities in CoNLL-style text (--conll), or correct and explain canonical entities (merge, split, explain).")
        {
            conll, output,
        };
        EntityCorrectionCommands.AddTo(command, context);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(conll) is not { } path)
            {
                await context.Error.WriteLineAsync("dossier: give --conll FILE, or one of: merge, split, explain (see 'dossier entities --help').");
                return ExitCodes.Usage;
            }

            if (path != "-" && !File.Exists(path))
            {
                await context.Error.WriteLineAsync($"dossier: no file at '{path}'.");
                return ExitCodes.NotFound;
            }

            NerTagger tagger;
            try
            {
                tagger = NerModelFiles.LoadDefault();
            }
            catch (FileNotFoundException e)
            {
                await context.Error.WriteLineAsync("dossier: " + e.Message);
                return ExitCodes.Error;
            }

            using var reader = path == "-" ? new StreamReader(context.OpenStandardInput()) : new StreamReader(path);
            if (parsed.GetValue(output) is { } outputPath)
            {
                await using var writer = new StreamWriter(outputPath);
                ConllTagging.Tag(reader, writer, tagger, cancellationToken);
            }
            else
            {
                ConllTagging.Tag(reader, context.Out, tagger, cancellationToken);
                await context.Out.FlushAsync(cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
