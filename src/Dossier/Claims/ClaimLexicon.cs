using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace Dossier.Claims;

/// <summary>A category cue's contribution to the category it signals.</summary>
/// <param name="PlainSense">A cue that everyday news uses mostly in its plain sense ("economic data"), too weak alone in a plain assertion.</param>
internal readonly record struct CategoryCue(string Category, double Weight, bool PlainSense = false);

/// <summary>The data the claim stage reads: taxonomy cues, status cues, outlets and the word lists for sources and subjects.</summary>
internal sealed class ClaimLexicon
{
    public const string OtherCategory = "other";

    private ClaimLexicon()
    {
        var categoryLines = EmbeddedData.ReadLines("Claims.Data.categories.tsv").Select(l => l.Split('\t')).Where(f => f.Length >= 3).ToList();
        Categories = [.. categoryLines.Select(f => f[0]).Distinct(StringComparer.Ordinal), OtherCategory];
        var plainSense = EmbeddedData.ReadLowerCaseSet("Claims.Data.plain-sense-cues.txt");
        CategoryCues = new PhraseMatcher<CategoryCue>(categoryLines.Select(f =>
            new CuePhrase<CategoryCue>(PhraseMatcher<CategoryCue>.ParseWords(f[1]), new CategoryCue(f[0], double.Parse(f[2], CultureInfo.InvariantCulture), plainSense.Contains(f[1])))));
        StatusCues = new PhraseMatcher<ClaimStatus>(EmbeddedData.ReadLines("Claims.Data.status-cues.tsv").Select(l => l.Split('\t')).Where(f => f.Length >= 2)
            .Select(f => new CuePhrase<ClaimStatus>(PhraseMatcher<ClaimStatus>.ParseWords(f[1]), Enum.Parse<ClaimStatus>(f[0], ignoreCase: true))));
        Outlets = PhraseSet("Claims.Data.outlets.txt");
        AnonymousSources = PhraseSet("Claims.Data.anonymous-sources.txt");
        FavourableCues = PhraseSet("Claims.Data.favourable-cues.txt");
        WideningNegations = PhraseSet("Claims.Data.widening-negations.txt");
        NonSubjects = WordSet("Claims.Data.non-subjects.txt");
        Peoples = WordSet("Claims.Data.peoples.txt");
        MemorySenseCues = WordSet("Claims.Data.memory-sense-cues.txt");
        TopicNouns = WordSet("Claims.Data.topic-nouns.txt");
        LeadingWords = WordSet("Claims.Data.leading-words.txt");
        SourceNouns = WordSet("Claims.Data.source-nouns.txt");
        BackReferenceNouns = WordSet("Claims.Data.back-reference-nouns.txt");
        GovernmentNouns = WordSet("Claims.Data.government-nouns.txt");
        PaymentNouns = WordSet("Claims.Data.payment-nouns.txt");
        PastAffiliationMarkers = WordSet("Claims.Data.past-affiliation-markers.txt");
        BeliefVerbs = WordSet("Claims.Data.belief-verbs.txt");
        WithheldParticiples = WordSet("Claims.Data.withheld-participles.txt");
        EnglishFunctionWords = WordSet("Claims.Data.english-function-words.txt");
        YardstickVerbs = WordSet("Claims.Data.yardstick-verbs.txt");
        AdjectiveCues = WordSet("Claims.Data.adjective-cues.txt");
        EnforcementVerbs = WordSet("Claims.Data.enforcement-verbs.txt");
        UrgingVerbs = PhraseSet("Claims.Data.urging-verbs.txt");
    }

    public static ClaimLexicon Default { get; } = new();

    /// <summary>The taxonomy's categories in the order of the data file, "other" last.</summary>
    public ImmutableArray<string> Categories { get; }
    public PhraseMatcher<CategoryCue> CategoryCues { get; }
    public PhraseMatcher<ClaimStatus> StatusCues { get; }
    public PhraseMatcher<bool> Outlets { get; }
    public PhraseMatcher<bool> AnonymousSources { get; }
    public PhraseMatcher<bool> FavourableCues { get; }

    /// <summary>A negation cue with the words after it that widen a statement or call it old news rather than deny it.</summary>
    public PhraseMatcher<bool> WideningNegations { get; }
    public FrozenSet<string> NonSubjects { get; }

    /// <summary>Nationalities and other peoples ("indian"), which on their own or in the plural name no subject.</summary>
    public FrozenSet<string> Peoples { get; }

    /// <summary>Category cues that are also verbs of memory or speech ("she recalled"), which count only where something is recalled.</summary>
    public FrozenSet<string> MemorySenseCues { get; }

    /// <summary>Nouns naming a story's topic ("impeachment"), which make a risk cue right after them the proceeding's name.</summary>
    public FrozenSet<string> TopicNouns { get; }
    public FrozenSet<string> LeadingWords { get; }
    public FrozenSet<string> SourceNouns { get; }

    /// <summary>Nouns naming an allegation or a denial, which can refer back to one made earlier.</summary>
    public FrozenSet<string> BackReferenceNouns { get; }

    /// <summary>Nouns for a government ("administration") that turn a name right before them into its modifier.</summary>
    public FrozenSet<string> GovernmentNouns { get; }

    /// <summary>Nouns for money that changes hands ("donations from X"), whose payer a claim is also about.</summary>
    public FrozenSet<string> PaymentNouns { get; }

    /// <summary>Words that make a role a past one ("a former adviser for X"): X is an affiliation, not a subject.</summary>
    public FrozenSet<string> PastAffiliationMarkers { get; }

    /// <summary>Verbs of belief or suspicion ("officials believe X …"), which make a risk claim an accusation.</summary>
    public FrozenSet<string> BeliefVerbs { get; }

    /// <summary>Participles of things owed to people ("were not paid"), whose negation states a harm rather than denying one.</summary>
    public FrozenSet<string> WithheldParticiples { get; }

    /// <summary>Participles naming a standard ("deemed safe by X"), whose agent X is a yardstick, not a subject.</summary>
    public FrozenSet<string> YardstickVerbs { get; }

    /// <summary>Verbs of an action taken against someone ("charged", "fined", "imposed"), whose agent is not whom the claim is about.</summary>
    public FrozenSet<string> EnforcementVerbs { get; }

    /// <summary>Verbs of urging or calling for a measure against others ("urged X to", "called for sanctions on X"), whose agent asks for it rather than suffers it.</summary>
    public PhraseMatcher<bool> UrgingVerbs { get; }

    /// <summary>Category cues that are adjectives as well ("perfectly fine"), which count only where they stand as the noun.</summary>
    public FrozenSet<string> AdjectiveCues { get; }

    /// <summary>Frequent English function words, whose share of a text's words tells English prose (<see cref="EnglishProse"/>).</summary>
    public FrozenSet<string> EnglishFunctionWords { get; }

    /// <summary>Whether lower-case words on their own are no subject: a <see cref="NonSubjects"/> word, or a people in the singular or plural ("indians").</summary>
    public bool IsNoSubjectAlone(string words) =>
        NonSubjects.Contains(words) || Peoples.Contains(words) || words.EndsWith('s') && Peoples.Contains(words[..^1]);

    private static FrozenSet<string> WordSet(string resource) => EmbeddedData.ReadLowerCaseSet(resource);

    private static PhraseMatcher<bool> PhraseSet(string resource) =>
        new(EmbeddedData.ReadLines(resource).Select(line => new CuePhrase<bool>(PhraseMatcher<bool>.ParseWords(line), true)));
}
