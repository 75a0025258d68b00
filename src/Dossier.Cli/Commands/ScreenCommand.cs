using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dossier.Screening;
using Dossier.Screening.Importing;
using Dossier.Screening.Matching;
using Dossier.Storage;

namespace Dossier.Cli.Commands;

/// <summary>`dossier screen`: names against the imported lists, one at a time, in a batch, or as labelled pairs.</summary>
internal static class ScreenCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    public static Command Create(CliContext context)
    {
        var names = new Argument<string[]>("NAME") { Description = "Names to screen.", Arity = ArgumentArity.ZeroOrMore };
        var type = new Option<string?>("--type") { Description = "What the names are: org or person." };
        type.AcceptOnlyFromAmong("org", "person");
        var country = new Option<string?>("--country") { Description = "Country (ISO code or name) of the screened party." };
        var birthDate = new Option<string?>("--birth-date") { Description = "Birth (or incorporation) date, YYYY or YYYY-MM-DD." };
        var format = CommonOptions.Format("text", "text", "json");
        var batch = new Option<string?>("--batch") { Description = "CSV of queries (header name,type,country,birth_date; the last three optional): JSON lines out.", HelpName = "QUERIES.csv" };
        var pairs = new Option<string?>("--pairs") { Description = "CSV of pairs (header name1,name2,type; optional country1,country2,birth_date1,birth_date2): 'score<TAB>match' per pair.", HelpName = "PAIRS.csv" };
        var limit = new Option<int>("--limit") { Description = "Most candidates per name.", DefaultValueFactory = _ => 10 };
        var minimum = new Option<double?>("--min-score") { Description = "Show candidates from this score on (default: the decision threshold)." };
        var database = CommonOptions.Database();
        var command = new Command("screen", "Screen names against the imported sanctions and export-control lists, with an explanation per feature.")
        {
            names, type, country, birthDate, format, batch, pairs, limit, minimum, database,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var databasePath = parsed.GetValue(database)!;
            if (parsed.GetValue(pairs) is { } pairsPath) return await PairsAsync(context, databasePath, pairsPath, cancellationToken);
            var queries = new List<ScreeningQuery>();
            var kind = Kind(parsed.GetValue(type));
            var countryValue = parsed.GetValue(country);
            foreach (var name in parsed.GetValue(names) ?? [])
            {
                queries.Add(new ScreeningQuery(name, kind, countryValue is null ? null : [countryValue], parsed.GetValue(birthDate)));
            }

            var batchPath = parsed.GetValue(batch);
            if (batchPath is not null)
            {
                if (!File.Exists(batchPath))
                {
                    await context.Error.WriteLineAsync($"dossier: {batchPath}: no such file");
                    return ExitCodes.Usage;
                }

                using var reader = new StreamReader(batchPath);
                foreach (var row in CsvTable.ReadWithHeader(reader))
                {
                    if (row.Get("name").Length == 0) continue;
                    queries.Add(new ScreeningQuery(row.Get("name"), Kind(row.Get("type")), row.Get("country") is { Length: > 0 } c ? [c] : null,
                        row.Get("birth_date") is { Length: > 0 } b ? b : null));
                }
            }

            if (queries.Count == 0)
            {
                await context.Error.WriteLineAsync("Nothing to screen: give names, --batch or --pairs.");
                return ExitCodes.Usage;
            }

            await using var store = await DossierStores.OpenWatchlistStoreAsync(databasePath, cancellationToken);
            var entries = await store.ActiveEntriesAsync(cancellationToken);
            if (entries.Count == 0) await context.Error.WriteLineAsync("dossier: no lists imported: run 'dossier lists import PATH' first.");
            var screener = new WatchlistScreener(entries);
            var json = batchPath is not null || parsed.GetValue(format) == "json";
            var anyHit = false;
            foreach (var query in queries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var candidates = screener.Screen(query, Math.Max(1, parsed.GetValue(limit)), parsed.GetValue(minimum));
                anyHit |= candidates.Any(c => c.IsMatch);
                if (json) await context.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(query, candidates), JsonOptions));
                else await WriteTextAsync(context.Out, query, candidates);
            }

            return anyHit || json ? ExitCodes.Success : ExitCodes.NotFound;
        });
        return command;
    }

    private static async Task<int> PairsAsync(CliContext context, string databasePath, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await context.Error.WriteLineAsync($"dossier: {path}: no such file");
            return ExitCodes.Usage;
        }

        // Rarity weights come from the imported lists when there are any, as when screening; otherwise every name part weighs the same.
        await using var store = await DossierStores.OpenWatchlistStoreAsync(databasePath, cancellationToken);
        var entries = await store.ActiveEntriesAsync(cancellationToken);
        var screener = new WatchlistScreener(entries);
        var scorer = new PairScorer(screener.Comparer, screener.Normalizer);
        using var reader = new StreamReader(path);
        foreach (var row in CsvTable.ReadWithHeader(reader))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kind = Kind(row.Get("type"));
            var score = scorer.Score(Side(row, "1", kind), Side(row, "2", kind));
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{score:0.0000}\t{(score >= screener.Comparer.Parameters.Threshold ? 1 : 0)}"));
        }

        return ExitCodes.Success;
    }

    private static PairSide Side(IReadOnlyDictionary<string, string> row, string suffix, EntryKind kind)
    {
        var country = CountryCodes.Normalize(row.Get("country" + suffix));
        var birth = row.Get("birth_date" + suffix);
        return new PairSide([row.Get("name" + suffix)], new PartyAttributes(kind, country is null ? [] : [country], birth.Length > 0 ? [birth] : [], []));
    }

    private static EntryKind Kind(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "org" or "organization" or "organisation" or "company" => EntryKind.Organization,
        "person" or "per" or "individual" => EntryKind.Person,
        _ => EntryKind.Unknown,
    };

    private static async Task WriteTextAsync(TextWriter output, ScreeningQuery query, IReadOnlyList<ScreeningCandidate> candidates)
    {
        await output.WriteLineAsync($"{query.Name}: {(candidates.Count == 0 ? "no candidates" : $"{candidates.Count} candidate(s)")}");
        foreach (var candidate in candidates)
        {
            var entry = candidate.Entry;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {candidate.Score:0.00} {(candidate.IsMatch ? "HIT " : "    ")}{entry.Name} [{entry.List}{(entry.Program is null ? "" : "; " + entry.Program)}{(entry.ListedOn is null ? "" : "; listed " + entry.ListedOn)}] id {entry.Id}"));
            await output.WriteLineAsync("       " + candidate.Explain());
        }
    }

    private static object ToJson(ScreeningQuery query, IReadOnlyList<ScreeningCandidate> candidates) => new
    {
        Query = query.Name,
        Type = query.Kind == EntryKind.Unknown ? null : query.Kind.ToString().ToLowerInvariant(),
        Candidates = candidates.Select(c => new
        {
            ListEntryId = c.Entry.Id,
            c.Entry.List,
            c.Entry.Name,
            Score = Math.Round(c.Score, 4),
            Match = c.IsMatch,
            c.Entry.Program,
            ListedOn = c.Entry.ListedOn,
            MatchedName = c.MatchedName,
            Explanation = c.Explain(),
            Features = c.Features.Select(f => new { f.Feature, Effect = Math.Round(f.Effect, 4), f.Detail }),
        }),
    };
}
