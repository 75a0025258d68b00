using System.CommandLine;
using Dossier.Ingestion;
using Dossier.Ingestion.Web;

namespace Dossier.Cli.Commands;

/// <summary>The inputs a command reads articles from, the same for analyze and ingest: paths, URLs, a URL list, and their limits.</summary>
internal sealed class InputOptions
{
    private readonly Argument<string[]> _paths = new("PATH")
    {
        Description = "Files or folders (read recursively) of articles: plain text, HTML, .html.gz, JSON Lines, WARC (.warc, .warc.gz), RSS/Atom feeds; http(s) URLs of pages, feeds or sitemaps; '-' reads standard input.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<long> _maxBytes = new("--max-bytes")
    {
        Description = "Largest input read (after decompression); larger ones fail with a reason.",
        DefaultValueFactory = _ => InputLimits.Default.MaxBytes,
    };

    private readonly Option<string?> _urls = new("--urls")
    {
        Description = "A file of URLs (pages, RSS/Atom feeds or sitemaps), one per line; they are fetched politely.",
        HelpName = "FILE",
    };

    private readonly Option<bool> _allowPrivate = new("--allow-private")
    {
        Description = "Allow fetching from loopback, private, link-local and metadata addresses (refused by default).",
    };

    /// <summary>Adds the PATH argument and the input options, and requires at least one input.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(_paths);
        command.Options.Add(_maxBytes);
        command.Options.Add(_urls);
        command.Options.Add(_allowPrivate);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(_paths) ?? []).Length == 0 && result.GetValue(_urls) is null)
            {
                result.AddError("Name at least one PATH, URL or '-', or give --urls FILE.");
            }
        });
    }

    /// <summary>The paths and the URLs of the --urls file; null (after saying why) when that file is missing.</summary>
    public async Task<string[]?> ReadInputsAsync(ParseResult parsed, CliContext context, CancellationToken cancellationToken)
    {
        var inputs = (parsed.GetValue(_paths) ?? []).ToList();
        if (parsed.GetValue(_urls) is { } urlFile)
        {
            if (!File.Exists(urlFile))
            {
                await context.Error.WriteLineAsync($"dossier: {urlFile}: no such file");
                return null;
            }

            inputs.AddRange((await File.ReadAllLinesAsync(urlFile, cancellationToken)).Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')));
        }

        return [.. inputs];
    }

    public PoliteFetcher CreateFetcher(ParseResult parsed) => new(new FetchOptions { AllowPrivateAddresses = parsed.GetValue(_allowPrivate) });

    public InputReader CreateReader(ParseResult parsed, PoliteFetcher fetcher, IEnumerable<string>? skippedFiles = null) =>
        new(new InputLimits { MaxBytes = parsed.GetValue(_maxBytes) }, fetcher, skippedFiles);
}
