using System.Collections.Immutable;
using Dossier.Text;

namespace Dossier.Quotes.Learned;

/// <summary>
/// Which of the tagger's attributions join the rules' ones: those with a source whose content no rule attribution
/// overlaps and that pass the options' thresholds (chosen on PolNeAR dev). The rules keep what they found: they carry
/// the speakers and kinds the rest of the product relies on.
/// </summary>
internal sealed class TaggedAttributionMerge(AttributionTagger tagger, int minContentWords, bool requiresCue, bool requiresKnownCue, bool nested, bool correctsSources)
{
    /// <summary>The merge the options ask for; null when they turn the tagger off.</summary>
    public static TaggedAttributionMerge? For(QuoteOptions options)
    {
        if (!options.TaggedAttributions) return null;
        var tagger = options.TaggerModelPath is { } path ? AttributionTagger.Load(path) : AttributionTagger.Default;
        return new TaggedAttributionMerge(tagger, options.TaggedMinContentWords, options.TaggedRequiresCue, options.TaggedRequiresKnownCue, options.TaggedNested, options.TaggedCorrectsSources);
    }

    /// <summary>
    /// The tagged attributions to add (<c>Rival</c> -1) and, when sources may be corrected, those whose content a rule
    /// attribution already holds (<c>Rival</c>: the index of that rule attribution, as <paramref name="owner"/> gives it
    /// per token, -1 where no rule content lies). <paramref name="ruleCues"/> marks the rule attributions' cue tokens likewise.
    /// <paramref name="roles"/>, when given, receives the tagger's role of every token it tagged.
    /// </summary>
    public IEnumerable<(TaggedAttribution Attribution, int Rival)> Select(
        TokenWords words, CueScores cueScores, ImmutableArray<Sentence> sentences, bool[] insideQuote, int[] owner, int[] ruleCues, QuoteLexicon lexicon, CancellationToken cancellationToken,
        int[]? roles = null)
    {
        var features = new AttributionFeatures(words, insideQuote, lexicon, cueScores);
        // Pairing stays within a sentence, so where every kept attribution needs a known cue, a sentence without one
        // can give nothing: it is not tagged at all. Nor is a title-case headline: the tagger learned from sentence case,
        // and there it reads capitals as names ("Alibaba Denounces Report" as a source, "on Alleged" as a cue).
        Func<int, int, bool> worthTagging = requiresCue && requiresKnownCue
            ? (start, end) => !words.IsTitleCase(start, end) && features.HasCueCandidate(start, end, lexicon.NotCues)
            : (start, end) => !words.IsTitleCase(start, end);
        foreach (var tagged in tagger.Find(features, sentences, words.Count, cancellationToken, worthTagging, roles))
        {
            if (!tagged.HasSource || requiresCue && !tagged.HasCue) continue;
            if (requiresKnownCue && tagged.HasCue && !features.HasCueCandidate(tagged.CueStart, tagged.CueEnd, lexicon.NotCues)) continue;
            // One cue, one attribution: a cue the rules already used attributes what they found ("…, Brafman noted; the government …").
            if (tagged.HasCue && FirstOwner(ruleCues, tagged.CueStart, tagged.CueEnd) >= 0) continue;
            if (tagged.HasCue && IsPassive(words, tagged.CueStart, tagged.CueEnd)) continue;
            // As in the rules: a capital inside a sentence is a name or a headline ("New Report Revealed"), not a cue.
            if (tagged.HasCue && words.IsCapitalised(tagged.CueStart) && tagged.CueStart > 0 && !words.IsPunctuation(tagged.CueStart - 1) && !StartsSentence(sentences, tagged.CueStart)) continue;
            if (!CanSpeak(words, tagged.SourceStart)) continue;
            var (start, end) = Trim(words, tagged.ContentStart, tagged.ContentEnd);
            if (end <= start || CountWords(words, start, end) < minContentWords) continue;
            var rival = FirstOwner(owner, start, end);
            // "X said that Y told him Z": an attribution whose cue lies inside a rule content is nested in it, not a rival.
            if (rival >= 0 && nested && tagged.HasCue && owner[tagged.CueStart] >= 0) rival = -1;
            else if (rival >= 0 && !correctsSources) continue;
            yield return (tagged with { ContentStart = start, ContentEnd = end }, rival);
        }
    }

    /// <summary>Direct when every content word is quoted, mixed when some are, indirect otherwise.</summary>
    public QuoteKind KindOf(bool[] insideQuote, TaggedAttribution tagged)
    {
        var quoted = 0;
        for (var t = tagged.ContentStart; t < tagged.ContentEnd; t++) quoted += insideQuote[t] ? 1 : 0;
        return quoted == 0 ? QuoteKind.Indirect : quoted == tagged.ContentEnd - tagged.ContentStart ? QuoteKind.Direct : QuoteKind.Mixed;
    }

    /// <summary>The tagged cue's words, as the rules' cue patterns spell them; learned, as the tagger's cues are.</summary>
    public static CuePattern CuePatternOf(TokenWords words, TaggedAttribution tagged)
    {
        var cueWords = new string[tagged.CueEnd - tagged.CueStart];
        for (var t = tagged.CueStart; t < tagged.CueEnd; t++) cueWords[t - tagged.CueStart] = words.Lower(t);
        return new CuePattern(cueWords, false, Learned: true);
    }

    /// <summary>Punctuation at either end of a content is not said by anyone ("that" stays: annotators include it).</summary>
    private static (int Start, int End) Trim(TokenWords words, int start, int end)
    {
        while (start < end && words.IsPunctuation(start)) start++;
        while (end > start && words.IsPunctuation(end - 1)) end--;
        return (start, end);
    }

    private static readonly HashSet<string> BeForms = ["is", "was", "were", "are", "be", "been", "being"];

    /// <summary>
    /// "Clinton was supported by 42 percent", "was accused of": the tagger takes the subject of a passive for the source,
    /// where annotators take the agent; on dev such attributions were mostly wrong.
    /// </summary>
    private static bool IsPassive(TokenWords words, int start, int end)
    {
        for (var t = start; t < end; t++)
        {
            if (BeForms.Contains(words.Lower(t))) return true;
        }

        return false;
    }

    private static readonly HashSet<string> NotSpeakers = ["all", "this", "that", "these", "those", "which"];

    /// <summary>"All of this indicates that …", "This shows …": the writer's inference, not someone's speech.</summary>
    private static bool CanSpeak(TokenWords words, int sourceStart) => !NotSpeakers.Contains(words.Lower(sourceStart));

    private static bool StartsSentence(ImmutableArray<Sentence> sentences, int token)
    {
        int low = 0, high = sentences.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sentences[mid].FirstToken < token) low = mid + 1;
            else high = mid;
        }

        return low < sentences.Length && sentences[low].FirstToken == token;
    }

    private static int CountWords(TokenWords words, int start, int end)
    {
        var count = 0;
        for (var t = start; t < end; t++) count += words.Tokens[t].Kind is TokenKind.Word or TokenKind.Number ? 1 : 0;
        return count;
    }

    private static int FirstOwner(int[] owner, int start, int end)
    {
        for (var t = start; t < end; t++)
        {
            if (owner[t] >= 0) return owner[t];
        }

        return -1;
    }
}
