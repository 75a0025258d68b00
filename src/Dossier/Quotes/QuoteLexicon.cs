using System.Collections.Frozen;

namespace Dossier.Quotes;

/// <summary>The cue and speaker word lists of the quote stage, read once from the stage's data files.</summary>
internal sealed class QuoteLexicon
{
    private QuoteLexicon(QuoteOptions options)
    {
        var cues = new List<CuePattern>();
        foreach (var line in EmbeddedData.ReadLines("Quotes.Data.cues.txt"))
        {
            var words = line.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var requiresThat = words.Length > 1 && words[^1] == "that";
            cues.Add(new CuePattern(requiresThat ? words[..^1] : words, requiresThat));
        }

        // Annotators put adverbs and auxiliaries at the start of cues ("also said", "has said"); they are not cues themselves.
        var notCues = EmbeddedData.ReadLines("Quotes.Data.skip-before-cue.txt").Concat(EmbeddedData.ReadLines("Quotes.Data.clause-boundaries.txt"))
            .Select(line => line.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var listed = new HashSet<string>(cues.Where(c => c.Words.Length == 1).Select(c => c.Words[0]), StringComparer.Ordinal);
        var clauseFree = EmbeddedData.ReadLines("Quotes.Data.speech-acts.txt").Select(line => line.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.ReadLines("Quotes.Data.cue-counts.tsv"))
        {
            var fields = line.Split('\t');
            if (fields.Length < 3 || listed.Contains(fields[0]) ||
                !int.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var asCue) ||
                !int.TryParse(fields[2], System.Globalization.CultureInfo.InvariantCulture, out var seen) || seen == 0)
            {
                continue;
            }

            if (asCue >= options.MinClauseFreeCueCount && (double)asCue / seen >= options.MinClauseFreeCueRatio) clauseFree.Add(fields[0]);
            if (asCue >= options.MinLearnedCueCount && (double)asCue / seen >= options.MinLearnedCueRatio && !notCues.Contains(fields[0]))
            {
                cues.Add(new CuePattern([fields[0]], false, Learned: true));
            }
        }

        // Longest first, so that "pointed out" wins over a shorter pattern sharing its first word.
        CuesByFirstWord = cues
            .GroupBy(cue => cue.Words[0], StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.OrderByDescending(cue => cue.Words.Length).ToArray(), StringComparer.Ordinal);
        SkipBeforeCue = Set("skip-before-cue.txt");
        ClauseBoundaries = Set("clause-boundaries.txt");
        RoleNouns = Set("role-nouns.txt");
        UnnamedNouns = Set("unnamed-nouns.txt");
        OrganisationNouns = Set("organisation-nouns.txt");
        OutletWords = Set("outlet-words.txt");
        TimeWords = Set("time-words.txt");
        NotHeadlineSources = Set("not-headline-sources.txt");
        GenericSpeakers = Set("generic-speakers.txt");
        MentalStateCues = Set("mental-state-cues.txt");
        Refusals = Set("refusals.txt");
        SpokespersonNouns = Set("spokesperson-nouns.txt");
        CueModel = options.CueModelThreshold is null ? null : Quotes.CueModel.Default;
        NotCues = Set("not-cues.txt");
        CueModelThreshold = options.CueModelThreshold ?? double.PositiveInfinity;
        LearnedCuesNeedClause = !options.AttributesIntentions;
        ClauseFreeCues = clauseFree.ToFrozenSet(StringComparer.Ordinal);
        Pronouns = EmbeddedData.ReadLines("Quotes.Data.pronouns.txt")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToFrozenDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "person", StringComparer.Ordinal);
    }

    public static QuoteLexicon Default { get; } = new(new QuoteOptions());

    public static QuoteLexicon For(QuoteOptions options) => options == new QuoteOptions() ? Default : new QuoteLexicon(options);

    public FrozenDictionary<string, CuePattern[]> CuesByFirstWord { get; }
    public FrozenSet<string> SkipBeforeCue { get; }
    public FrozenSet<string> ClauseBoundaries { get; }
    public FrozenSet<string> RoleNouns { get; }
    public FrozenSet<string> UnnamedNouns { get; }
    public FrozenSet<string> OrganisationNouns { get; }
    public FrozenSet<string> OutletWords { get; }
    public FrozenSet<string> TimeWords { get; }
    public FrozenSet<string> NotHeadlineSources { get; }

    /// <summary>Speakers that name no one ("you", "no one"); see generic-speakers.txt.</summary>
    public FrozenSet<string> GenericSpeakers { get; }

    /// <summary>Verbs of belief and feeling that report speech only before "that"; see mental-state-cues.txt.</summary>
    public FrozenSet<string> MentalStateCues { get; }

    /// <summary>Words that refuse the speech after them ("declined to say"); see refusals.txt.</summary>
    public FrozenSet<string> Refusals { get; }

    /// <summary>Nouns naming someone who speaks for many people ("spokesperson"); see spokesperson-nouns.txt.</summary>
    public FrozenSet<string> SpokespersonNouns { get; }

    /// <summary>The learned cue model, consulted for words no listed cue matches; null when the options turn it off.</summary>
    public CueModel? CueModel { get; }
    public double CueModelThreshold { get; }

    /// <summary>Whether an indirect attribution through an unlisted cue needs a reported clause as its content (see <see cref="QuoteOptions.AttributesIntentions"/>).</summary>
    public bool LearnedCuesNeedClause { get; }

    /// <summary>
    /// Unlisted words that attribute what follows them though it is no clause: the verbs of speech in speech-acts.txt,
    /// and those that began PolNeAR train cues often enough where the options ask for them.
    /// </summary>
    public FrozenSet<string> ClauseFreeCues { get; }

    /// <summary>Words the cue model never makes a cue, whatever it scores.</summary>
    public FrozenSet<string> NotCues { get; }

    /// <summary>Pronoun → what it can stand for: person, group or organisation.</summary>
    public FrozenDictionary<string, string> Pronouns { get; }

    private static FrozenSet<string> Set(string file) => EmbeddedData.ReadLowerCaseSet("Quotes.Data." + file);
}

/// <summary>
/// A cue as a sequence of lower-case words; some count only when "that" follows ("claims that"). A learned cue comes
/// from the corpus counts rather than the curated list; it is trusted only with its subject before it.
/// </summary>
internal sealed record CuePattern(string[] Words, bool RequiresThat, bool Learned = false);

/// <summary>
/// Settings of the quote stage. The learned cue lexicon (counts from PolNeAR train, models/quotes) adds a word as a cue
/// when it began an annotated cue at least <see cref="MinLearnedCueCount"/> times and in at least
/// <see cref="MinLearnedCueRatio"/> of its occurrences; the defaults were chosen on PolNeAR dev.
/// </summary>
public sealed record QuoteOptions
{
    public double MinLearnedCueRatio { get; init; } = 0.15;
    public int MinLearnedCueCount { get; init; } = 2;

    /// <summary>The score above which the cue model (models/quotes/cue-model.tsv) takes an unlisted word as a cue; null turns it off.</summary>
    public double? CueModelThreshold { get; init; } = 0.0;

    /// <summary>
    /// Whether a cue outside the curated list (learned from PolNeAR counts, the cue model or the tagger) attributes an
    /// infinitive or an object as well as a reported clause. PolNeAR annotates intentions, stances and acts as
    /// attributions ("wants to double …", "endorsed Romney", "blocked the merger"), and its benchmark turns this on;
    /// readers of "who said what" count none of them as anything said, so the product leaves it off.
    /// </summary>
    public bool AttributesIntentions { get; init; }

    /// <summary>
    /// Without <see cref="AttributesIntentions"/>, an unlisted cue word that began an annotated PolNeAR train cue at
    /// least this many times, and in at least <see cref="MinClauseFreeCueRatio"/> of its occurrences, still attributes
    /// what follows it though it is no clause (off by default: on dev, every setting that kept PolNeAR's figures kept
    /// the fixture's false attributions too).
    /// </summary>
    internal int MinClauseFreeCueCount { get; init; } = int.MaxValue;

    internal double MinClauseFreeCueRatio { get; init; } = 1.0;

    /// <summary>
    /// Adds the learned attribution tagger's attributions (models/quotes/attribution-tagger.bin.gz) where the rules
    /// built none whose content overlaps; false keeps the rules alone.
    /// </summary>
    public bool TaggedAttributions { get; init; } = true;

    /// <summary>A tagger model file to use instead of the shipped one (for choosing a model on dev before it ships).</summary>
    internal string? TaggerModelPath { get; init; }

    /// <summary>A tagged content shorter than this many words is left out: fragments cost precision under one-to-one pairing.</summary>
    internal int TaggedMinContentWords { get; init; } = 2;

    /// <summary>Whether a tagged content needs a tagged cue in its sentence.</summary>
    internal bool TaggedRequiresCue { get; init; } = true;

    /// <summary>Whether a tagged cue must hold a word the cue lexicon lists or the cue model scores as a cue.</summary>
    internal bool TaggedRequiresKnownCue { get; init; } = true;

    /// <summary>Whether a tagged attribution whose cue lies inside a rule content is added (nested speech) though the contents overlap.</summary>
    internal bool TaggedNested { get; init; } = true;

    /// <summary>Whether the tagger's source replaces a rule indirect attribution's speaker where it tags the same content.</summary>
    internal bool TaggedCorrectsSources { get; init; } = true;

    /// <summary>
    /// Attributions the relation filter (models/quotes/relation-filter.tsv) scores below this are dropped; null keeps
    /// them all (as when collecting the filter's training data). The perceptron's scores are not probabilities: -8
    /// was chosen on PolNeAR dev, where it drops only attributions that are more often wrong than right.
    /// </summary>
    internal double? RelationFilterThreshold { get; init; } = -8;

    /// <summary>A relation filter weights file to use instead of the shipped one (for choosing one on dev before it ships).</summary>
    internal string? RelationFilterPath { get; init; }

    /// <summary>Sees every attribution the relation filter judges, with its features (the filter's trainer collects them so).</summary>
    internal Action<Quote, IReadOnlyList<string>>? RelationCandidates { get; init; }
}
