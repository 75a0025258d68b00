using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Pipeline;
using Dossier.Quotes;
using Dossier.Text;

namespace Dossier.Bench;

/// <summary>
/// Quote attribution on PolNeAR (brat Source/Cue/Content spans): content spans, source spans and source–content
/// relations, exact and partial, and speaker accuracy on direct quotes.
/// Usage: attribution [train|dev|test] [--ungrouped] [--errors N] [--speaker-misses K] [--relations] [--breakdown N [--examples K]] [--min-cue-ratio R] [--min-cue-count N] [--cue-threshold T|off] [--tagger MODEL|off] [--tagger-min-words N] [--tagger-cue-optional] [--tagger-any-cue] [--tagger-not-nested] [--tagger-keeps-sources] [--speech-only] [--clause-free-cues COUNT RATIO] [--filter T|off] [--filter-model WEIGHTS]
/// (--ungrouped scores each quote as a relation of its own, not each attribution with its continued quotes; --breakdown prints the relation loss by attribution type, by what the prediction at the gold cue got wrong (K examples each) and by the N cue words losing most; --errors lists up to N missed or misattributed direct quotes; with --relations also unmatched gold relations, NOREL,
/// and unmatched predictions, FALSE, marked C when some content overlaps; --speaker-misses groups the direct quotes with a wrong
/// speaker by class, with K examples each).
/// </summary>
/// <remarks>
/// Spans are compared as sets of word tokens (the pipeline's tokenizer; punctuation and a content's leading "that"
/// are left out, so quotation marks and "that" do not decide a match). Exact: equal sets; partial: at least one shared
/// token. Predictions and gold items are paired one to one, best overlap first. A relation matches when its content
/// and its source both match; a predicted relation is one attribution (<see cref="QuoteAttributions"/>: a quote with
/// its continued or split parts, whose words make one content, as PolNeAR's discontinuous contents do). Direct-quote speaker accuracy: over gold attributions with a source whose content is
/// between quotation marks, the share whose best-overlapping predicted quote has a speaker that shares a token with
/// the gold source (a missed quote counts as wrong); reported also with "same name" (same last word, pronouns excepted)
/// counted right, since a continued quote names its speaker where it was first named.
/// </remarks>
public sealed class AttributionBenchmark : IBenchmark
{
    public string Name => "attribution";
    public string Description => "PolNeAR quote attribution: content, source and relation P/R/F1 (exact, partial), direct-quote speaker accuracy";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var showIndex = Array.IndexOf(args, "--show");
        if (showIndex >= 0 && showIndex + 1 < args.Length) return Task.FromResult(Show(context.Out, args[showIndex + 1], OptionsFrom(args), cancellationToken));
        var split = args.FirstOrDefault(a => a is "train" or "dev" or "test") ?? "dev";
        var errorsIndex = Array.IndexOf(args, "--errors");
        var showErrors = errorsIndex >= 0 && errorsIndex + 1 < args.Length ? int.Parse(args[errorsIndex + 1], CultureInfo.InvariantCulture) : 0;
        if (AttributionCorpus.SplitFolder(context, split) is not { } folder) return Task.FromResult(1);

        var options = OptionsFrom(args);
        var grouped = !args.Contains("--ungrouped");
        var pipeline = new PipelineBuilder().UseTokens().UseSentences().UseQuotes(options).Build();
        var content = new Tally();
        var source = new Tally();
        var relation = new Tally();
        var relationPerQuote = new Tally();
        int directGold = 0, directFound = 0, directSpeakerRight = 0, directSpeakerSpanRight = 0, articles = 0, predicted = 0;
        var errors = new List<string>();
        var breakdownIndex = Array.IndexOf(args, "--breakdown");
        var examplesIndex = Array.IndexOf(args, "--examples");
        var examples = examplesIndex >= 0 && examplesIndex + 1 < args.Length ? int.Parse(args[examplesIndex + 1], CultureInfo.InvariantCulture) : 0;
        var breakdown = breakdownIndex >= 0 ? new AttributionBreakdown { ExamplesPerReason = examples } : null;
        var missesIndex = Array.IndexOf(args, "--speaker-misses");
        var speakerMisses = missesIndex >= 0 && missesIndex + 1 < args.Length
            ? new AttributionSpeakerMisses(int.Parse(args[missesIndex + 1], CultureInfo.InvariantCulture))
            : null;
        var topCues = breakdownIndex >= 0 && breakdownIndex + 1 < args.Length && int.TryParse(args[breakdownIndex + 1], CultureInfo.InvariantCulture, out var n) ? n : 30;
        var watch = Stopwatch.StartNew();
        foreach (var article in AttributionCorpus.Read(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            articles++;
            var document = Document.Create(article.Name, article.Text, new DocumentMetadata { Source = article.Name })
                .With(Layers.Paragraphs, Paragraphs(article.Text));
            document = pipeline.Process(document, cancellationToken);
            var tokens = document.Get(Layers.Tokens);
            var words = new SpanWords(article.Text, tokens);
            var quotes = document.Get(Layers.Quotes);
            predicted += quotes.Length;

            var goldContents = article.Attributions.Where(a => a.Contents.Count > 0)
                .Select(a => words.Of(a.Contents.SelectMany(c => c.Fragments), dropLeadingThat: true)).Where(s => s.Count > 0).ToList();
            var predictedContents = quotes.Select(q => words.Of([(q.Content.Start, q.Content.End)], dropLeadingThat: true)).Where(s => s.Count > 0).ToList();
            content.Add(goldContents, predictedContents);

            var goldSources = article.Attributions.Where(a => a.Source is not null).Select(a => a.Source!).DistinctBy(s => s.Id)
                .Select(s => words.Of(s.Fragments, false)).Where(s => s.Count > 0).ToList();
            var predictedSources = quotes.Where(q => q.SpeakerSpan is not null).Select(q => q.SpeakerSpan!.Value).Distinct()
                .Select(s => words.Of([(s.Start, s.End)], false)).Where(s => s.Count > 0).ToList();
            source.Add(goldSources, predictedSources);

            var goldRelations = article.Attributions.Where(a => a.Source is not null && a.Contents.Count > 0)
                .Select(a => new Pair(words.Of(a.Source!.Fragments, false), words.Of(a.Contents.SelectMany(c => c.Fragments), true)))
                .Where(p => p.Source.Count > 0 && p.Content.Count > 0).ToList();
            var attributions = PredictedRelations(quotes, words, grouped);
            var predictedRelations = attributions.Select(a => a.Pair).ToList();
            relation.Add(goldRelations, predictedRelations);
            if (grouped) relationPerQuote.Add(goldRelations, PredictedRelations(quotes, words, grouped: false).Select(a => a.Pair).ToList());
            if (breakdown is not null)
            {
                var (fragments, merged) = Tally.PairingLosses(goldRelations, predictedRelations);
                breakdown.AddPairingLosses(fragments.Count, merged);
                foreach (var (fragment, pairedWith) in fragments)
                {
                    if (errors.Count < showErrors) errors.Add($"FRAGMENT {Show(attributions[fragment].Quotes[0])} || PAIRED {Show(attributions[pairedWith].Quotes[0])}");
                }

                string Show(Quote q) => $"[{q.Speaker}] <{q.Cue}> {q.Kind} {(q.CueSpan is null ? "nocue " : "")}{article.Text[q.Content.Start..Math.Min(q.Content.End, q.Content.Start + 70)].ReplaceLineEndings(" ")}";
            }

            if (breakdown is not null) AddBreakdown(breakdown, article, words, predictedRelations, goldRelations, quotes);
            if (args.Contains("--relations"))
            {
                foreach (var gold in article.Attributions.Where(a => a.Source is not null && a.Contents.Count > 0))
                {
                    var pair = new Pair(words.Of(gold.Source!.Fragments, false), words.Of(gold.Contents.SelectMany(c => c.Fragments), true));
                    if (predictedRelations.Any(p => p.Source.Overlaps(pair.Source) && p.Content.Overlaps(pair.Content))) continue;
                    var contentFound = predictedRelations.Any(p => p.Content.Overlaps(pair.Content)) ? "C" : "-";
                    if (errors.Count < showErrors) errors.Add($"NOREL{contentFound}  {Excerpt(article.Text, gold.Source)} | {Excerpt(article.Text, gold.Cue)} | {Excerpt(article.Text, gold.Contents[0])}");
                }

                foreach (var quote in quotes.Where(q => q.SpeakerSpan is not null))
                {
                    var pair = new Pair(words.Of([(quote.SpeakerSpan!.Value.Start, quote.SpeakerSpan.Value.End)], false), words.Of([(quote.Content.Start, quote.Content.End)], true));
                    if (goldRelations.Any(g => g.Source.Overlaps(pair.Source) && g.Content.Overlaps(pair.Content))) continue;
                    var goldOver = article.Attributions.FirstOrDefault(g => g.Source is not null && g.Contents.Count > 0 && words.Of(g.Contents.SelectMany(c => c.Fragments), true).Overlaps(pair.Content));
                    var goldContent = goldOver is null ? "-" : "C [gold " + Excerpt(article.Text, goldOver.Source) + " <" + Excerpt(article.Text, goldOver.Cue) + ">]";
                    if (errors.Count < showErrors) errors.Add($"FALSE{goldContent}  {quote.Speaker} | {quote.Cue} | {quote.Kind} | {article.Text[quote.Content.Start..Math.Min(quote.Content.End, quote.Content.Start + 80)]}");
                }
            }

            foreach (var gold in article.Attributions.Where(a => a.Source is not null && a.Contents.Count > 0 && IsDirect(article.Text, a)))
            {
                directGold++;
                var goldContent = words.Of(gold.Contents.SelectMany(c => c.Fragments), true);
                var goldSource = words.Of(gold.Source!.Fragments, false);
                var best = quotes.Select(q => (Quote: q, Overlap: words.Of([(q.Content.Start, q.Content.End)], true).Intersect(goldContent).Count()))
                    .Where(x => x.Overlap > 0).OrderByDescending(x => x.Overlap).Select(x => x.Quote).FirstOrDefault();
                if (best is null)
                {
                    speakerMisses?.Add(article, document, gold, null);
                    if (errors.Count < showErrors) errors.Add($"MISSED  {article.Name}: {Excerpt(article.Text, gold.Contents[0])}");
                    continue;
                }

                directFound++;
                var right = best.SpeakerSpan is { } span && words.Of([(span.Start, span.End)], false).Overlaps(goldSource);
                if (right) directSpeakerSpanRight++;
                var goldName = LastWord(string.Join(" ", gold.Source!.Fragments.Select(f => article.Text[f.Start..f.End])));
                right = right || goldName.Length > 0 && (goldName == LastWord(best.Speaker) || goldName == LastWord(best.ResolvedSpeaker));
                if (right) directSpeakerRight++;
                else speakerMisses?.Add(article, document, gold, best);
                if (!right && errors.Count < showErrors)
                {
                    errors.Add($"SPEAKER {article.Name}: gold '{Excerpt(article.Text, gold.Source)}' got '{best.Speaker}' ({best.SpeakerKind}) for {Excerpt(article.Text, gold.Contents[0])}");
                }
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var output = context.Out;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PolNeAR {split}: {articles} articles, {relation.Gold:N0} gold relations with a source, {predicted:N0} predicted quotes, {articles / seconds:N1} articles/s"));
        output.WriteLine("                      exact P   exact R  exact F1 | partial P partial R partial F1");
        content.Print(output, "content spans");
        source.Print(output, "source spans");
        relation.Print(output, "relations");
        if (grouped) relationPerQuote.Print(output, "per quote (--ungrouped)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"direct quotes with a source: {directGold}; found {directFound} ({Ratio(directFound, directGold):P1})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"direct-quote speaker accuracy, same speaker span: {Ratio(directSpeakerSpanRight, directGold):F3} (of found {Ratio(directSpeakerSpanRight, directFound):F3})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"direct-quote speaker accuracy, same span or same name: {Ratio(directSpeakerRight, directGold):F3} (of found {Ratio(directSpeakerRight, directFound):F3})"));
        breakdown?.Print(output, topCues);
        speakerMisses?.Print(output);
        foreach (var error in errors) output.WriteLine(error);
        return Task.FromResult(0);
    }

    /// <summary>
    /// The quote stage's settings from the command line, starting from <paramref name="start"/> or, by default, from
    /// PolNeAR's reading of attribution: intentions, stances and acts count (--speech-only scores the product's reading).
    /// </summary>
    internal static QuoteOptions OptionsFrom(string[] args, QuoteOptions? start = null)
    {
        var options = start ?? new QuoteOptions { AttributesIntentions = true };
        var ratioIndex = Array.IndexOf(args, "--min-cue-ratio");
        if (ratioIndex >= 0 && ratioIndex + 1 < args.Length) options = options with { MinLearnedCueRatio = double.Parse(args[ratioIndex + 1], CultureInfo.InvariantCulture) };
        var countIndex = Array.IndexOf(args, "--min-cue-count");
        if (countIndex >= 0 && countIndex + 1 < args.Length) options = options with { MinLearnedCueCount = int.Parse(args[countIndex + 1], CultureInfo.InvariantCulture) };
        var thresholdIndex = Array.IndexOf(args, "--cue-threshold");
        if (thresholdIndex >= 0 && thresholdIndex + 1 < args.Length)
        {
            options = options with { CueModelThreshold = args[thresholdIndex + 1] == "off" ? null : double.Parse(args[thresholdIndex + 1], CultureInfo.InvariantCulture) };
        }

        var taggerIndex = Array.IndexOf(args, "--tagger");
        if (taggerIndex >= 0 && taggerIndex + 1 < args.Length)
        {
            options = args[taggerIndex + 1] == "off" ? options with { TaggedAttributions = false } : options with { TaggerModelPath = args[taggerIndex + 1] };
        }

        var minWordsIndex = Array.IndexOf(args, "--tagger-min-words");
        if (minWordsIndex >= 0 && minWordsIndex + 1 < args.Length) options = options with { TaggedMinContentWords = int.Parse(args[minWordsIndex + 1], CultureInfo.InvariantCulture) };
        if (args.Contains("--tagger-cue-optional")) options = options with { TaggedRequiresCue = false };
        if (args.Contains("--tagger-any-cue")) options = options with { TaggedRequiresKnownCue = false };
        if (args.Contains("--tagger-not-nested")) options = options with { TaggedNested = false };
        if (args.Contains("--speech-only")) options = options with { AttributesIntentions = false };
        var clauseFreeIndex = Array.IndexOf(args, "--clause-free-cues");
        if (clauseFreeIndex >= 0 && clauseFreeIndex + 2 < args.Length)
        {
            options = options with
            {
                MinClauseFreeCueCount = int.Parse(args[clauseFreeIndex + 1], CultureInfo.InvariantCulture),
                MinClauseFreeCueRatio = double.Parse(args[clauseFreeIndex + 2], CultureInfo.InvariantCulture),
            };
        }

        if (args.Contains("--tagger-keeps-sources")) options = options with { TaggedCorrectsSources = false };

        var filterIndex = Array.IndexOf(args, "--filter");
        if (filterIndex >= 0 && filterIndex + 1 < args.Length)
        {
            options = options with { RelationFilterThreshold = args[filterIndex + 1] == "off" ? null : double.Parse(args[filterIndex + 1], CultureInfo.InvariantCulture) };
        }

        var filterModelIndex = Array.IndexOf(args, "--filter-model");
        if (filterModelIndex >= 0 && filterModelIndex + 1 < args.Length) options = options with { RelationFilterPath = args[filterModelIndex + 1] };
        return options;
    }

    /// <summary>
    /// The predicted relations: one per attribution, its content the words of all its quotes (a quote and its
    /// continuations, as <see cref="QuoteAttributions"/> groups them; PolNeAR marks them as one content), or with
    /// <paramref name="grouped"/> false one per quote, as the bench scored before; each with its quotes.
    /// </summary>
    internal static List<(Pair Pair, IReadOnlyList<Quote> Quotes)> PredictedRelations(ImmutableArray<Quote> quotes, SpanWords words, bool grouped)
    {
        var groups = grouped ? QuoteAttributions.Group(quotes) : quotes.Where(q => q.SpeakerSpan is not null).Select(q => (IReadOnlyList<Quote>)[q]).ToList();
        var relations = new List<(Pair, IReadOnlyList<Quote>)>(groups.Count);
        foreach (var group in groups)
        {
            var speaker = group[0].SpeakerSpan!.Value;
            var content = words.Of(group.Select(q => (q.Content.Start, q.Content.End)), true);
            var pair = new Pair(words.Of([(speaker.Start, speaker.End)], false), content);
            if (pair.Source.Count > 0 && pair.Content.Count > 0) relations.Add((pair, group));
        }

        return relations;
    }

    /// <summary>Prints the quotes the bench's pipeline finds in one text file, laid out as PolNeAR's: one paragraph a line.</summary>
    private static int Show(TextWriter output, string path, QuoteOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            output.WriteLine($"no file {path}");
            return 1;
        }

        var text = File.ReadAllText(path);
        var pipeline = new PipelineBuilder().UseTokens().UseSentences().UseQuotes(options).Build();
        var document = Document.Create(path, text, new DocumentMetadata { Source = path }).With(Layers.Paragraphs, Paragraphs(text));
        foreach (var quote in pipeline.Process(document, cancellationToken).Get(Layers.Quotes))
        {
            var content = text[quote.Content.Start..quote.Content.End].ReplaceLineEndings(" ");
            output.WriteLine($"{quote.Kind,-8} [{quote.Speaker}] ({quote.SpeakerKind}) <{quote.Cue}> {(content.Length > 100 ? content[..100] + "…" : content)}");
        }

        return 0;
    }

    private static void AddBreakdown(AttributionBreakdown breakdown, AttributionArticle article, SpanWords words, List<Pair> predicted, List<Pair> gold, ImmutableArray<Quote> quotes)
    {
        foreach (var attribution in article.Attributions.Where(a => a.Source is not null && a.Contents.Count > 0))
        {
            var pair = new Pair(words.Of(attribution.Source!.Fragments, false), words.Of(attribution.Contents.SelectMany(c => c.Fragments), true));
            if (pair.Source.Count == 0 || pair.Content.Count == 0) continue;
            var both = predicted.Any(p => p.Source.Overlaps(pair.Source) && p.Content.Overlaps(pair.Content));
            var contentOnly = !both && predicted.Any(p => p.Content.Overlaps(pair.Content));
            breakdown.AddGold(TypeOf(article.Text, attribution), CueWord(article.Text, attribution.Cue), both, contentOnly);
            if (!both)
            {
                var from = Math.Min(attribution.Source!.Fragments[0].Start, attribution.Contents[0].Fragments[0].Start);
                var to = Math.Max(attribution.Source.Fragments[^1].End, attribution.Contents[^1].Fragments[^1].End);
                var example = $"[{Excerpt(article.Text, attribution.Source)}] <{Excerpt(article.Text, attribution.Cue)}> {article.Text[from..Math.Min(to, from + 160)].ReplaceLineEndings(" ")}";
                breakdown.AddMiss(MissReason(article, words, attribution, pair, quotes), Layout(attribution), example);
            }
        }

        foreach (var p in predicted)
        {
            if (gold.Any(g => g.Source.Overlaps(p.Source) && g.Content.Overlaps(p.Content))) continue;
            breakdown.AddFalse(gold.Any(g => g.Content.Overlaps(p.Content)));
        }
    }

    /// <summary>
    /// Why a gold relation was lost, read from the prediction at its cue: no predicted cue there ("cue missed"), or a
    /// prediction with that cue whose source, content or both miss the gold ones.
    /// </summary>
    private static string MissReason(AttributionArticle article, SpanWords words, GoldAttribution gold, Pair pair, ImmutableArray<Quote> quotes)
    {
        if (gold.Cue is null) return "no gold cue";
        var cue = words.Of(gold.Cue.Fragments, false);
        var atCue = quotes.Where(q => q.CueSpan is { } span && words.Of([(span.Start, span.End)], false).Overlaps(cue)).ToList();
        if (atCue.Count == 0) return "cue missed: " + CueMissKind(article.Text, words, cue, quotes);
        var sourceRight = atCue.Any(q => q.SpeakerSpan is { } s && words.Of([(s.Start, s.End)], false).Overlaps(pair.Source));
        var contentRight = atCue.Any(q => words.Of([(q.Content.Start, q.Content.End)], true).Overlaps(pair.Content));
        return (sourceRight, contentRight) switch
        {
            (true, true) => "cue found, paired elsewhere",
            (true, false) => "cue found, content wrong",
            (false, true) => "cue found, source wrong",
            _ => "cue found, both wrong",
        };
    }

    /// <summary>Where a missed cue sits: inside a predicted content, between quotation marks, not a cue to the lexicon or model, or a cue left without an attribution.</summary>
    private static string CueMissKind(string text, SpanWords words, HashSet<int> cue, ImmutableArray<Quote> quotes)
    {
        if (cue.Count == 0) return "empty";
        if (quotes.Any(q => words.Of([(q.Content.Start, q.Content.End)], false).Overlaps(cue))) return "inside a content";
        var head = cue.FirstOrDefault(i => !Auxiliaries.Contains(words.Lower(i)) && !words.Lower(i).EndsWith("ly", StringComparison.Ordinal), cue.Min());
        var lower = words.Lower(head);
        if (QuoteLexicon.Default.CuesByFirstWord.ContainsKey(lower)) return "listed, no attribution";
        return CueModel.Default.Score(words.Words, head) > 0 ? "model cue, no attribution" : "not a cue";
    }

    /// <summary>The order of the gold source (S), cue (C) and content (T) in the text: "SCT" is "X said that …".</summary>
    private static string Layout(GoldAttribution gold)
    {
        var parts = new List<(int Start, char Role)>();
        if (gold.Source is not null) parts.Add((gold.Source.Fragments[0].Start, 'S'));
        if (gold.Cue is not null) parts.Add((gold.Cue.Fragments[0].Start, 'C'));
        if (gold.Contents.Count > 0) parts.Add((gold.Contents[0].Fragments[0].Start, 'T'));
        return new string(parts.OrderBy(p => p.Start).Select(p => p.Role).ToArray());
    }

    /// <summary>Direct (all between quotation marks), mixed (some quoted words) or indirect.</summary>
    private static string TypeOf(string text, GoldAttribution attribution)
    {
        if (IsDirect(text, attribution)) return "direct";
        var quoted = attribution.Contents.SelectMany(c => c.Fragments).Any(f => text.AsSpan(f.Start, f.End - f.Start).IndexOfAny("“”\"") >= 0);
        return quoted ? "mixed" : "indirect";
    }

    private static readonly HashSet<string> Auxiliaries =
        ["also", "has", "have", "had", "was", "were", "is", "are", "be", "been", "would", "will", "could", "can", "did", "does", "do", "not", "never", "later", "then"];

    /// <summary>The cue's first word after auxiliaries and a few adverbs, lower case: "also said" and "said" are one cue.</summary>
    private static string CueWord(string text, BratSpan? cue)
    {
        if (cue is null) return "(no cue)";
        var words = cue.Fragments.SelectMany(f => text[f.Start..f.End].Split([' ', '\n', ','], StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.ToLowerInvariant()).ToList();
        var first = words.FirstOrDefault(w => !Auxiliaries.Contains(w)) ?? words.FirstOrDefault();
        return first ?? "(no cue)";
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    /// <summary>
    /// The last word of a speaker, lower case: "Billionaire Donald Trump" and "Trump" name the same speaker, so do two
    /// mentions of "Bozell" in different places. Pronouns name nobody by themselves and never match this way.
    /// </summary>
    private static string LastWord(string? speaker)
    {
        if (string.IsNullOrWhiteSpace(speaker)) return "";
        var words = speaker.Split([' ', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        var last = words.Length == 0 ? "" : words[^1].Trim('.', '’', '\'', '"', '“', '”').ToLowerInvariant();
        return last is "he" or "she" or "they" or "it" or "i" or "we" or "you" or "who" ? "" : last;
    }

    /// <summary>Content between quotation marks: what readers call a direct quote.</summary>
    private static bool IsDirect(string text, GoldAttribution attribution)
    {
        var first = attribution.Contents.SelectMany(c => c.Fragments).Min(f => f.Start);
        var last = attribution.Contents.SelectMany(c => c.Fragments).Max(f => f.End);
        var inner = text[first..last].Trim();
        return inner.Length > 2 && inner[0] is '“' or '"' && inner.TrimEnd('.', ',', '?', '!', ' ')[^1] is '”' or '"' || inner.Length > 2 && inner[0] is '“' or '"' && inner[^1] is '”' or '"';
    }

    private static string Excerpt(string text, BratSpan? span)
    {
        if (span is null) return "(none)";
        var (start, end) = span.Fragments[0];
        var excerpt = text[start..Math.Min(end, start + 90)].ReplaceLineEndings(" ");
        return end - start > 90 ? excerpt + "…" : excerpt;
    }

    /// <summary>Paragraphs are the text's non-empty lines, as PolNeAR's files lay them out.</summary>
    internal static ImmutableArray<Paragraph> Paragraphs(string text)
    {
        var paragraphs = ImmutableArray.CreateBuilder<Paragraph>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            if (!string.IsNullOrWhiteSpace(text[start..end])) paragraphs.Add(new Paragraph(new TextSpan(start, end)));
            start = end + 1;
        }

        return paragraphs.ToImmutable();
    }

    internal sealed record Pair(HashSet<int> Source, HashSet<int> Content);

    /// <summary>Word tokens (by index) covered by character fragments.</summary>
    internal sealed class SpanWords(string text, ImmutableArray<Token> tokens)
    {
        public TokenWords Words { get; } = new(text, tokens);

        public string Lower(int token) => Words.Lower(token);

        public HashSet<int> Of(IEnumerable<(int Start, int End)> fragments, bool dropLeadingThat)
        {
            var set = new HashSet<int>();
            foreach (var (start, end) in fragments)
            {
                var i = FirstAtOrAfter(start);
                for (; i < tokens.Length && tokens[i].Span.Start < end; i++)
                {
                    if (tokens[i].Kind is TokenKind.Word or TokenKind.Number) set.Add(i);
                }
            }

            if (dropLeadingThat && set.Count > 0)
            {
                var first = set.Min();
                if (string.Equals(text.Substring(tokens[first].Span.Start, tokens[first].Span.Length), "that", StringComparison.OrdinalIgnoreCase)) set.Remove(first);
            }

            return set;
        }

        private int FirstAtOrAfter(int offset)
        {
            int low = 0, high = tokens.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (tokens[mid].Span.End <= offset) low = mid + 1;
                else high = mid;
            }

            return low;
        }
    }

    /// <summary>Counts for one kind of item, exact and partial, with one-to-one pairing by best overlap.</summary>
    internal sealed class Tally
    {
        private int _exact;
        private int _partial;
        private int _predicted;

        public int Gold { get; private set; }

        public void Add(List<HashSet<int>> gold, List<HashSet<int>> predicted)
        {
            Gold += gold.Count;
            _predicted += predicted.Count;
            _partial += Pairs(gold.Count, predicted.Count, (g, p) => Overlap(gold[g], predicted[p])).Count;
            _exact += Pairs(gold.Count, predicted.Count, (g, p) => gold[g].SetEquals(predicted[p]) ? 1 : 0).Count;
        }

        public void Add(List<Pair> gold, List<Pair> predicted)
        {
            Gold += gold.Count;
            _predicted += predicted.Count;
            _partial += Pairs(gold.Count, predicted.Count, (g, p) => PartialRelationScore(gold[g], predicted[p])).Count;
            _exact += Pairs(gold.Count, predicted.Count, (g, p) =>
                gold[g].Source.SetEquals(predicted[p].Source) && gold[g].Content.SetEquals(predicted[p].Content) ? 1 : 0).Count;
        }

        public void Print(TextWriter output, string label)
        {
            static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
            var exactP = Ratio(_exact, _predicted);
            var exactR = Ratio(_exact, Gold);
            var partialP = Ratio(_partial, _predicted);
            var partialR = Ratio(_partial, Gold);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-20} {exactP,9:F3} {exactR,9:F3} {F1(exactP, exactR),9:F3} | {partialP,9:F3} {partialR,9:F3} {F1(partialP, partialR),10:F3}   (gold {Gold}, predicted {_predicted})"));
        }

        /// <summary>Jaccard overlap, 0 when disjoint.</summary>
        private static double Overlap(HashSet<int> a, HashSet<int> b)
        {
            var shared = a.Count(b.Contains);
            return shared == 0 ? 0 : (double)shared / (a.Count + b.Count - shared);
        }

        /// <summary>The predicted relations the partial measure pairs with a gold one (indices into <paramref name="predicted"/>).</summary>
        public static HashSet<int> PartialMatches(List<Pair> gold, List<Pair> predicted) =>
            [.. Pairs(gold.Count, predicted.Count, (g, p) => PartialRelationScore(gold[g], predicted[p])).Select(pair => pair.Predicted)];

        /// <summary>
        /// What one-to-one pairing costs: unpaired predictions that partially match a gold relation paired with another
        /// prediction (fragments), and unpaired gold relations that partially match a prediction paired with another gold one (merged).
        /// </summary>
        public static (List<(int Fragment, int PairedWith)> Fragments, int Merged) PairingLosses(List<Pair> gold, List<Pair> predicted)
        {
            var pairs = Pairs(gold.Count, predicted.Count, (g, p) => PartialRelationScore(gold[g], predicted[p]));
            var pairedGold = pairs.Select(pair => pair.Gold).ToHashSet();
            var pairedPredicted = pairs.Select(pair => pair.Predicted).ToHashSet();
            var fragments = new List<(int, int)>();
            for (var p = 0; p < predicted.Count; p++)
            {
                if (pairedPredicted.Contains(p)) continue;
                var g = pairs.FindIndex(pair => PartialRelationScore(gold[pair.Gold], predicted[p]) > 0);
                if (g >= 0) fragments.Add((p, pairs[g].Predicted));
            }

            var merged = Enumerable.Range(0, gold.Count).Count(g => !pairedGold.Contains(g) && pairedPredicted.Any(p => PartialRelationScore(gold[g], predicted[p]) > 0));
            return (fragments, merged);
        }

        /// <summary>Partial relation match: source and content each share a word; better overlaps pair first.</summary>
        private static double PartialRelationScore(Pair gold, Pair predicted) =>
            gold.Source.Overlaps(predicted.Source) && gold.Content.Overlaps(predicted.Content)
                ? Overlap(gold.Content, predicted.Content) + Overlap(gold.Source, predicted.Source)
                : 0;

        /// <summary>Greedy one-to-one pairing, highest score first; the pairs with a positive score.</summary>
        private static List<(int Gold, int Predicted)> Pairs(int goldCount, int predictedCount, Func<int, int, double> score)
        {
            var candidates = new List<(double Score, int Gold, int Predicted)>();
            for (var g = 0; g < goldCount; g++)
            {
                for (var p = 0; p < predictedCount; p++)
                {
                    var s = score(g, p);
                    if (s > 0) candidates.Add((s, g, p));
                }
            }

            candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
            var usedGold = new HashSet<int>();
            var usedPredicted = new HashSet<int>();
            var pairs = new List<(int, int)>();
            foreach (var (_, g, p) in candidates)
            {
                if (usedGold.Contains(g) || usedPredicted.Contains(p)) continue;
                usedGold.Add(g);
                usedPredicted.Add(p);
                pairs.Add((g, p));
            }

            return pairs;
        }
    }
}
