using System.CommandLine;
using System.Globalization;
using System.Text;
using Dossier.Claims;
using Dossier.Ingestion;

namespace Dossier.Cli.Commands;

/// <summary>
/// `dossier checkworthy FILE...`: scores sentences for check-worthiness. Reads CLEF CheckThat! task-1 TSV
/// (line_number TAB speaker TAB text, a fourth label column ignored) or plain text (one sentence per line) and writes
/// "line_number TAB score" per line, the format the official scorer reads.
/// </summary>
internal static class CheckworthyCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "CLEF task-1 TSV or plain-text files (one sentence per line); '-' reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var outputDirectory = new Option<string?>("--output-dir")
        {
            Description = "Write one score file per input, named as the input, into this folder (otherwise all go to standard output).",
            HelpName = "DIR",
        };
        var command = new Command("checkworthy", "Score each sentence 0-1 for how much it is a factual claim worth checking.") { files, outputDirectory };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var model = CheckworthyModel.Default;
            var directory = parsed.GetValue(outputDirectory);
            if (directory is not null) Directory.CreateDirectory(directory);
            var failures = 0;
            foreach (var file in parsed.GetValue(files)!)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (file != "-" && !File.Exists(file))
                {
                    await context.Error.WriteLineAsync($"dossier: no file '{file}'.");
                    failures++;
                    continue;
                }

                if (file != "-" && new FileInfo(file).Length > InputLimits.Default.MaxBytes)
                {
                    await context.Error.WriteLineAsync($"dossier: '{file}' is larger than {InputLimits.Default.MaxBytes:N0} bytes; skipped.");
                    failures++;
                    continue;
                }

                using var reader = file == "-" ? new StreamReader(context.OpenStandardInput(), Encoding.UTF8) : new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                await using var fileWriter = directory is null ? null : new StreamWriter(Path.Combine(directory, file == "-" ? "stdin.tsv" : Path.GetFileName(file)));
                var writer = fileWriter ?? context.Out;
                // Scores depend on neighbouring sentences, so a file is read whole (bounded per line by the feature cut).
                var sentences = new List<(string LineNumber, string? Speaker, string Text)>();
                var position = 0;
                long charactersRead = 0;
                while (await reader.ReadLineAsync(cancellationToken) is { } line && (charactersRead += line.Length) <= InputLimits.Default.MaxBytes)
                {
                    position++;
                    if (ParseLine(line.TrimEnd('\r'), position) is { } sentence)
                    {
                        sentences.Add((sentence.LineNumber, sentence.Speaker, sentence.Text.Length > CheckworthyFeatures.MaximumCharacters ? sentence.Text[..CheckworthyFeatures.MaximumCharacters] : sentence.Text));
                    }
                }

                // Speakers count only when every line names one (a transcript); plain text has none.
                var speakers = sentences.Count > 0 && sentences.All(s => s.Speaker is not null) ? sentences.Select(s => s.Speaker).ToList() : null;
                var scores = model.ScoreSequence([.. sentences.Select(s => s.Text)], speakers);
                for (var i = 0; i < sentences.Count; i++)
                {
                    await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{sentences[i].LineNumber}\t{scores[i]:F6}"));
                }
            }

            return failures > 0 ? ExitCodes.FinishedWithFailures : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A CLEF row (with its speaker) when the line has at least three TAB fields and a numeric first one; otherwise a plain sentence numbered by its line.</summary>
    internal static (string LineNumber, string? Speaker, string Text)? ParseLine(string line, int position)
    {
        var fields = line.Split('\t');
        if (fields.Length >= 3 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)) return (fields[0], fields[1], fields[2]);
        return string.IsNullOrWhiteSpace(line) ? null : (position.ToString(CultureInfo.InvariantCulture), null, line);
    }
}
