using System.CommandLine;
using System.Data.Common;
using System.Text.Json;
using System.Text;
using Dossier.Analysis;
using Dossier.Export;
using Dossier.Linking;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var database = CommonOptions.Database();
        var format = CommonOptions.Format("jsonl", "jsonl", "csv", "parquet", "ftm", "claimreview");
        format.Description = "jsonl: one document JSON a line; csv, parquet: the claim table; ftm: FollowTheMoney entities; claimreview: schema.org Claim/ClaimReview JSON-LD lines.";
        var output = CommonOptions.OutputFile();
        var relink = new Option<bool>("--relink")
        {
            Description = "claimreview: bring story clusters and claim links up to date first (documents stored since the last linking are placed and linked); otherwise the links last computed are used.",
        };
        var command = new Command("export", "Export the whole store, streamed a page of documents at a time.") { database, format, output, relink };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var databasePath = parsed.GetValue(database)!;
            var chosen = parsed.GetValue(format)!;
            var outputPath = parsed.GetValue(output);
            if (!File.Exists(databasePath))
            {
                await context.Error.WriteLineAsync($"dossier: no store at '{databasePath}': run 'dossier analyze' first.");
                return ExitCodes.NotFound;
            }

            if (chosen == "parquet" && outputPath is null)
            {
                await context.Error.WriteLineAsync("dossier: parquet needs a file to write to (its footer comes last): give -o FILE.");
                return ExitCodes.Usage;
            }

            var partial = outputPath is null ? null : outputPath + ".partial";
            try
            {
                await using var store = await DossierStores.OpenAsync(databasePath, cancellationToken);
                if (partial is null)
                {
                    await WriteAsync(chosen, store, databasePath, parsed.GetValue(relink), context.Out, null, cancellationToken);
                    return ExitCodes.Success;
                }

                // Written beside the target and moved into place, so that a failed export never leaves half a file under its name.
                await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
                await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    await WriteAsync(chosen, store, databasePath, parsed.GetValue(relink), writer, stream, cancellationToken);
                }

                File.Move(partial, outputPath!, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException or DbException)
            {
                if (partial is not null) File.Delete(partial);
                await context.Error.WriteLineAsync($"dossier: export of '{databasePath}' to {outputPath ?? "standard output"} failed: {e.Message}");
                return ExitCodes.Error;
            }
            catch
            {
                if (partial is not null) File.Delete(partial);
                throw;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(
        string format, IDossierStore store, string databasePath, bool relink, TextWriter text, Stream? file, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case "jsonl":
                await DocumentJsonLines.WriteAsync(store.ReadDocumentsAsync(cancellationToken), text, cancellationToken);
                break;
            case "csv":
                await ClaimCsvWriter.WriteAsync(store.ReadDocumentsAsync(cancellationToken), text, cancellationToken);
                break;
            case "parquet":
                await ClaimParquetWriter.WriteAsync(store.ReadDocumentsAsync(cancellationToken), file!, cancellationToken);
                break;
            case "ftm":
                await FtmWriter.WriteAsync(store, text, cancellationToken);
                break;
            case "claimreview":
                await using (var links = await DossierStores.OpenLinkStoreAsync(databasePath, cancellationToken))
                {
                    if (relink) await StoreLinking.LinkNewAsync(links, cancellationToken);
                    await ClaimReviewWriter.WriteAsync(store, await links.GetClaimLinksAsync(cancellationToken), text, cancellationToken);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Not an export format.");
        }
    }
}
