using System.Collections.Frozen;
using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Figures;
using Dossier.Quotes;
using Dossier.Text;

namespace Dossier.Claims;

/// <summary>The claim analysis of one document; holds the little discourse state that crosses sentences (last outlet, last subjects).</summary>
internal sealed class ClaimExtraction
{
    /// <summary>Bounds the work and the output on hostile input (a "sentence" of a million tokens, a page of lists).</summary>
    private const int MaximumClaims = 5_000;
    private const int MaximumClauseTokens = 400;
    private const int FrameWindow = 10;
    private const int MaximumSourceTokens = 8;

    /// <summary>The particle that turns a reporting verb into another verb ("ruled out", "found out").</summary>
    private const string PhrasalParticle = "out";

    /// <summary>How many words the addressee of a closing "told" may take ("..., its chief executive told analysts on Monday").</summary>
    private const int MaximumAddresseeTokens = 3;

    /// <summary>How many words before "from" a payment noun may stand ("heavy fundings and donations from").</summary>
    private const int PaymentNounWindow = 3;

    /// <summary>How many words before "to" or "with" a noun for a tie may stand ("good connections to", "close business ties with").</summary>
    private const int TieNounWindow = 3;

    /// <summary>How long a phrase of time or place may stand between ", and" and the name opening a clause ("in 2022", "later that year").</summary>
    private const int IntroductoryPhraseTokens = 3;

    /// <summary>How many auxiliaries and adverbs may stand between an agent and its verb ("has already formally charged").</summary>
    private const int AgentGapTokens = 3;

    /// <summary>How many words a past role may take between its marker and "of" ("a previous communications adviser for").</summary>
    private const int PastRoleWindow = 4;

    /// <summary>The longest phrase of urging-verbs.txt ("called upon").</summary>
    private const int MaximumUrgingPhraseTokens = 2;

    /// <summary>How many words the addressee or the measure may take between a verb of urging and its "to" or "against"
    /// ("encourage U.S. companies to", "called for new sanctions on").</summary>
    private const int UrgedTargetWindow = 6;
    private const double CategoryThreshold = 1.0;

    private const double CheckworthyThreshold = 0.5;

    /// <summary>How many claims either side a denial looks for the claim it answers; keeps pairing linear on long inputs.</summary>
    private const int PairingWindow = 200;

    private static readonly FrozenSet<string> FrameVerbs = Set(
        "said", "says", "say", "reported", "reports", "stated", "states", "told", "cited", "revealed", "found", "concluded", "confirmed",
        "confirms", "wrote", "added", "announced", "affirmed", "alleged", "alleges", "allege", "claimed", "claims", "claim", "accused",
        "accuses", "accuse", "estimate", "estimates", "estimated", "believe", "believes", "suggest", "suggests", "warned", "noted", "argued",
        "show", "shows", "showed", "note", "notes", "reiterated", "reiterates", "insisted", "insists", "ruled");

    private static readonly FrozenSet<string> QuestionAuxiliaries = Set(
        "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "could", "can", "will", "would", "should", "might", "may", "must");

    private static readonly FrozenSet<string> Copulas = Set("is", "was", "are", "were", "be", "been", "being");
    private static readonly FrozenSet<string> NotInSourcePhrase = Set("is", "was", "are", "were", "has", "have", "had", "will", "would", "did", "does", "do", "that", "which", "who", "and", ",", ";", ":", "(", ")");
    private static readonly FrozenSet<string> Complementizers = Set("that", "which", "who", "whom", "whose", "whether");
    private static readonly FrozenSet<string> Boundaries = Set(",", ";", ":", "\"", "”", "“", "'", "‘", "’", "(", ")", "—", "–", "-");
    private static readonly FrozenSet<string> AfterAttribution = Set(",", ".", ";", "\"", "”", "“", "on", "in", "at", "last", "this", "yesterday", "today", "earlier", "during", "after", "before", "late");
    private static readonly FrozenSet<string> Pronouns = Set("it", "its", "they", "their", "he", "she", "his", "her");

    /// <summary>A speaker talking of itself or its side ("We are assessing …", "our mission").</summary>
    private static readonly FrozenSet<string> FirstPerson = Set("we", "our", "us", "i", "my");
    private static readonly FrozenSet<string> AnaphoricHeads = Set("company", "firm", "group", "giant", "bank", "business", "conglomerate", "retailer", "maker", "lender");

    /// <summary>
    /// Nouns for a part or the people of an organisation: "The management includes …" or "Its board approved …" with no
    /// name of their own speak of the organisation the text was just about.
    /// </summary>
    private static readonly FrozenSet<string> RelationalHeads = Set(
        "management", "board", "leadership", "executives", "directors", "owner", "owners", "founder", "founders", "chairman", "chairwoman",
        "shareholders", "subsidiary", "parent", "staff", "employees", "workforce");

    /// <summary>Pronouns that stand for one entity: "it" after "Huawei and Hikvision" cannot be both.</summary>
    private static readonly FrozenSet<string> SingularPronouns = Set("it", "its", "he", "she", "his", "her");

    /// <summary>Nouns for a tie whose other side, after "to" or "with", a claim is about as well.</summary>
    private static readonly FrozenSet<string> TieNouns = Set("ties", "links", "connections", "connection", "relationship", "relationships");

    /// <summary>Words that open a phrase of time or place before a clause's subject ("…, and in 2022 X raised …").</summary>
    private static readonly FrozenSet<string> ClauseIntroductions = Set("in", "on", "at", "during", "last", "this", "since", "by", "after", "before", "later", "earlier");

    /// <summary>"These include …", "They included …": a list of examples of what the sentence before named.</summary>
    private static readonly FrozenSet<string> ExampleListOpeners = Set("these", "those", "they");
    private static readonly FrozenSet<string> ExampleListVerbs = Set("include", "includes", "included");
    private static readonly FrozenSet<string> SourceAnaphors = Set("it", "report", "article", "newspaper", "paper", "story");
    private static readonly FrozenSet<string> SourceTrailingNouns = Set("article", "report", "story", "newspaper", "piece");
    private static readonly FrozenSet<string> ContrastiveConjunctions = Set("but", "while", "whereas", "although", "though", "yet");
    private static readonly FrozenSet<string> CategoryAnaphors = Set("such", "similar", "these", "those", "same");

    /// <summary>Words after a demonstrative that show it stands alone as a pronoun ("These include ...") rather than picking up an earlier risk.</summary>
    private static readonly FrozenSet<string> AfterPronounDemonstrative = Set("include", "includes", "included", "are", "were", "is", "was", "have", "had", "who", "which", "that", "of");

    /// <summary>Determiners and possessives that make a noun refer to something already named ("the", "its", "the firm's").</summary>
    private static readonly FrozenSet<string> DefiniteDeterminers = Set("the", "its", "their", "his", "her", "our", "this", "that", "these", "those", "such", "'s", "'");

    /// <summary>Words after an allegation or denial noun that go on to say what it holds ("allegations of bribery", "the claims that ...").</summary>
    private static readonly FrozenSet<string> ContentComplements = Set("of", "that", "against", "about", "involving", "concerning", "regarding", "linking", "over", ":");
    /// <summary>Auxiliaries and adverbs between a name and its verb ("has charged", "will fine", "began imposing", "was charged").</summary>
    private static readonly FrozenSet<string> AgentGapWords = Set(
        "has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must", "to", "also", "already", "now", "formally",
        "then", "later", "recently", "previously", "began", "started", "is", "are", "was", "were", "be", "been");

    /// <summary>Prepositions that put a place where something happens ("in Delhi", "near Senkata"); not "at" or "from",
    /// which name firms as often ("fraud at Orbis Mining").</summary>
    private static readonly FrozenSet<string> PlacePrepositions = Set("in", "near", "over", "across", "around", "outside", "inside", "throughout");

    /// <summary>What follows the addressee or the measure of a verb of urging: "urged X to …", "called for sanctions on/against X".</summary>
    private static readonly FrozenSet<string> UrgedTargetMarkers = Set("to", "against", "on", "into");

    private static readonly FrozenSet<string> ModalsAndTo = Set("will", "would", "could", "can", "may", "might", "should", "must", "to");

    /// <summary>Words of degree that make the next word an adjective ("perfectly fine", "quite fine").</summary>
    private static readonly FrozenSet<string> DegreeWords = Set("very", "quite", "pretty", "just", "so", "too", "all", "feel", "feels", "felt", "seem", "seems", "seemed", "look", "looks", "sounds");

    /// <summary>Words whose "'s" is "is" ("it's fine", "that's fine"), not a possessive ("the club's fine").</summary>
    private static readonly FrozenSet<string> ContractedSubjects = Set("it", "that", "this", "what", "there", "everything", "he", "she");

    /// <summary>Words that follow a noun rather than being described by an adjective before them ("a fine in 2019", "a fine or a ban").</summary>
    private static readonly FrozenSet<string> NounFollowers = Set(
        "in", "on", "at", "or", "as", "against", "after", "before", "until", "when", "while", "within", "without", "over", "under", "if", "but",
        "because", "since", "last", "this", "next");
    // "you recall", "I now do recall", "could not recall": what stands before a verb of memory rather than a recall of goods.
    private static readonly FrozenSet<string> MemoryVerbLeaders = Set("you", "do", "did", "does", "not", "cannot", "can", "could");

    // "recalled how …", "recalled in an email", "recalled being …": what follows a verb of memory or speech, not recalled goods.
    private static readonly FrozenSet<string> MemoryVerbFollowers = Set("how", "when", "what", "in", "on", "to", "being", "seeing", "hearing");

    private static readonly FrozenSet<string> PassiveDenialMarkers = Set("was", "were", "be", "been", "being", "is", "are", "get", "got");

    private readonly string _text;
    private readonly ImmutableArray<Token> _tokens;
    private readonly string[] _words;
    private readonly ImmutableArray<Sentence> _sentences;
    private readonly ClaimLexicon _lexicon;
    private readonly CheckworthyModel _checkworthy;
    private readonly HedgeLexicon _hedges;
    private readonly EntityLayer _entities;

    /// <summary>Whether the entity model read this document, so that a capitalised word it left untagged is its judgement.</summary>
    private readonly bool _entitiesRead;
    private readonly ImmutableArray<Figure> _figures;
    private readonly ImmutableArray<Quote> _quotes;
    private readonly HashSet<string> _knownNames = new(StringComparer.Ordinal);
    private readonly List<Claim> _claims = [];

    private readonly Lazy<HashSet<string>> _lowercaseWords;
    private readonly Lazy<HashSet<int>> _sentenceStarts;
    private ClaimSource? _lastOutlet;
    private ImmutableArray<Subject> _lastSubjects = [];
    private string? _lastCategory;
    private int _lastCategorySentence = -10;
    private ClaimSource? _quoteSpeaker;
    private bool _insideQuote;

    public ClaimExtraction(Document document, ClaimLexicon lexicon, CheckworthyModel checkworthy, HedgeLexicon hedges)
    {
        _text = document.Text;
        _tokens = document.Get(Layers.Tokens);
        _sentences = document.Get(Layers.Sentences);
        _words = TokenWords.Lowered(_text, _tokens);
        _lexicon = lexicon;
        _checkworthy = checkworthy;
        _hedges = hedges;
        var entities = document.GetOrDefault(Layers.Entities);
        _entities = entities ?? EntityLayer.Empty;
        _entitiesRead = entities is not null;
        _figures = document.GetOrDefault(Layers.Figures);
        _quotes = document.GetOrDefault(Layers.Quotes);
        _lowercaseWords = new(() => Enumerable.Range(0, _tokens.Length).Where(t => _tokens[t].Kind == TokenKind.Word && char.IsLower(_text[_tokens[t].Span.Start]))
            .Select(t => _words[t]).ToHashSet(StringComparer.Ordinal));
        _sentenceStarts = new(() => _sentences.Select(s => s.FirstToken).ToHashSet());
    }

    private readonly record struct Subject(TextSpan Span, int? EntityId);

    private sealed record SourceFinding(ClaimSource Source, int First, int End, bool Anonymous, bool IsOutlet);

    public ImmutableArray<Claim> Run(CancellationToken cancellationToken)
    {
        if (_tokens.IsDefaultOrEmpty || _sentences.IsDefaultOrEmpty) return [];

        // The cues and models are English: on another language they would only make noise (a Russian recipe's capitalised
        // first words as subjects), so such a text has no claims rather than wrong ones.
        if (!EnglishProse.Holds(_text, _tokens, _words, _lexicon.EnglishFunctionWords)) return [];
        foreach (var sentence in _sentences)
        {
            if (!IsTitleCase(sentence.FirstToken, sentence.EndToken)) CollectNames(sentence.FirstToken, sentence.EndToken);
        }

        var checkworthiness = _checkworthy.ScoreSequence([.. _sentences.Select(sentence =>
            _text.Substring(sentence.Span.Start, Math.Min(sentence.Span.Length, CheckworthyFeatures.MaximumCharacters)))]);
        for (var s = 0; s < _sentences.Length && _claims.Count < MaximumClaims; s++)
        {
            if ((s & 31) == 0) cancellationToken.ThrowIfCancellationRequested();
            var sentence = _sentences[s];
            var startsInQuote = _insideQuote || (sentence.TokenCount > 0 && _words[sentence.FirstToken] is "“" or "\"");
            var checkworthy = checkworthiness[s];
            foreach (var (first, end) in Clauses(sentence))
            {
                AnalyzeClause(s, sentence, first, end, startsInQuote, checkworthy);
            }

            TrackQuotes(sentence);
        }

        PairDenials();
        return [.. _claims];
    }

    private void AnalyzeClause(int sentenceIndex, Sentence sentence, int first, int end, bool inQuote, double checkworthy)
    {
        var clauseSpan = new TextSpan(_tokens[first].Span.Start, _tokens[end - 1].Span.End);
        var source = FindSource(first, end, clauseSpan, inQuote, out var contentFirst, out var contentEnd);
        var category = DecideCategory(first, end, source, sentence, sentenceIndex, plainSenseCueSuffices: true);
        var status = DecideStatus(first, end, contentFirst, contentEnd, source, category != ClaimLexicon.OtherCategory);

        // A lone cue used mostly in its plain sense gives a category only to a clause that alleges, denies, negates,
        // estimates or reports (plain-sense-cues.txt).
        if (status == ClaimStatus.Asserted && category != ClaimLexicon.OtherCategory)
        {
            category = DecideCategory(first, end, source, sentence, sentenceIndex, plainSenseCueSuffices: false);
        }

        var subjects = FindSubjects(contentFirst, contentEnd, source, status, first, end, riskClaim: category != ClaimLexicon.OtherCategory);
        if (_claims.Count >= MaximumClaims) return;

        // A speaker's own words about itself ("“We believe that global trade will continue …,” Zhang added") are its
        // statement, listed with its quotes; when they name no risk and deny or allege nothing, they are no claim about it.
        if (category == ClaimLexicon.OtherCategory && status is ClaimStatus.Reported or ClaimStatus.Asserted && IsOwnWords(source, subjects, contentFirst, contentEnd)) return;

        // "“I don't blame him.”", "I don't see the downside.": someone's first-person opinion or experience that negates
        // no risk says nothing is not so about anyone else; a negated claim needs an adverse thing to negate.
        if (category == ClaimLexicon.OtherCategory && status == ClaimStatus.Negated && OpensInFirstPerson(contentFirst, contentEnd)) return;

        // A claim is about someone: without a subject it is kept only when it is both about a risk and check-worthy.
        var worthIt = subjects.Length > 0
            ? category != ClaimLexicon.OtherCategory || status != ClaimStatus.Asserted || checkworthy >= CheckworthyThreshold
            : category != ClaimLexicon.OtherCategory && checkworthy >= CheckworthyThreshold;
        if (!worthIt) return;

        var favourable = _lexicon.FavourableCues.Find(_words, first, end).Count > 0;
        var polarity = status is ClaimStatus.Negated or ClaimStatus.Denied && category != ClaimLexicon.OtherCategory ? Polarity.Favourable
            : favourable ? Polarity.Favourable
            : category == ClaimLexicon.OtherCategory ? Polarity.Neutral
            : Polarity.Adverse;
        var hedges = _hedges.Find(_text, _tokens, first, end).Select(found => found.Span).ToImmutableArray();
        var claimSpan = WithoutMarksOfALongerQuote(first, end);
        var figures = _figures.IsDefaultOrEmpty ? [] : Enumerable.Range(0, _figures.Length).Where(i => claimSpan.Contains(_figures[i].Span)).ToImmutableArray();
        _claims.Add(new Claim(
            claimSpan,
            [.. subjects.Where(s => s.EntityId is not null).Select(s => s.EntityId!.Value).Distinct()],
            category,
            status,
            polarity,
            hedges,
            source?.Source,
            figures,
            Math.Round(checkworthy, 4),
            SubjectSpans: [.. subjects.Select(s => s.Span)]));
        if (subjects.Length > 0) _lastSubjects = subjects;
        if (category != ClaimLexicon.OtherCategory)
        {
            _lastCategory = category;
            _lastCategorySentence = sentenceIndex;
        }
    }

    /// <summary>
    /// "“Let’s be clear: every company in China works for the Chinese Communist Party." opens a quotation that goes on in
    /// the next sentences, and "… your president and the Democratic party.”" closes one opened before: a claim taken from
    /// inside such a quote starts at its first word and ends at its last. The quotes layer says where a quote's words
    /// begin and end, whatever marks the page typed (“…" or ‘‘…’’); a quote that opens and closes in the claim ("“…,”
    /// Alibaba stated.") keeps its marks.
    /// </summary>
    private TextSpan WithoutMarksOfALongerQuote(int first, int end)
    {
        var span = new TextSpan(_tokens[first].Span.Start, _tokens[end - 1].Span.End);
        if (_quotes.IsDefaultOrEmpty) return span;
        foreach (var quote in _quotes)
        {
            // Indirect speech has no marks: the token next to its words is the clause's own punctuation.
            if (quote.Kind != QuoteKind.Direct) continue;
            var content = quote.Content;
            if (end - first > 1 && _tokens[first].Kind != TokenKind.Word && _tokens[first].Span.End <= content.Start && content.Start <= _tokens[first + 1].Span.Start
                && content.End > span.End)
            {
                first++;
            }

            if (end - first > 1 && _tokens[end - 1].Kind != TokenKind.Word && _tokens[end - 2].Span.End <= content.End && content.End <= _tokens[end - 1].Span.Start
                && content.Start < span.Start)
            {
                end--;
            }
        }

        return new TextSpan(_tokens[first].Span.Start, _tokens[end - 1].Span.End);
    }

    private IEnumerable<(int First, int End)> Clauses(Sentence sentence)
    {
        var first = sentence.FirstToken;
        var end = Math.Min(sentence.EndToken, _tokens.Length);
        var start = first;
        for (var t = first + 1; t < end - 1; t++)
        {
            var cut = _words[t] == ";" || (_words[t] == "," && ContrastiveConjunctions.Contains(_words[t + 1]) && t + 2 < end);
            if (!cut || t - start < 3) continue;
            yield return (start, Math.Min(t, start + MaximumClauseTokens));
            start = t + 1;
        }

        if (end - start > 0) yield return (start, Math.Min(end, start + MaximumClauseTokens));
    }

    private ClaimStatus DecideStatus(int first, int end, int contentFirst, int contentEnd, SourceFinding? source, bool riskClaim)
    {
        var cues = _lexicon.StatusCues.Find(_words, first, end);
        var scopeEnd = ScopeEnd(contentFirst, contentEnd);

        // "No one disputes that …", "has not denied …": a negated denial affirms, so neither cue counts.
        var cancelled = new HashSet<int>();
        foreach (var denial in cues.Where(cue => cue.Value == ClaimStatus.Denied))
        {
            var negation = cues.FirstOrDefault(cue => cue.Value == ClaimStatus.Negated && cue.EndToken <= denial.FirstToken && cue.EndToken >= denial.FirstToken - 1);
            if (negation.EndToken <= negation.FirstToken) continue;
            cancelled.Add(negation.FirstToken);
            cancelled.Add(denial.FirstToken);
        }

        bool denied = false, negated = false, estimated = false, alleged = false;
        foreach (var cue in cues)
        {
            if (source is not null && cue.FirstToken >= source.First && cue.EndToken <= source.End && cue.Value != ClaimStatus.Reported) continue;
            if (cue.EndToken - cue.FirstToken == 1 && RefersBack(cue.FirstToken, first)) continue;
            switch (cue.Value)
            {
                case ClaimStatus.Denied when !(cue.EndToken - cue.FirstToken == 1 && cue.FirstToken > first && PassiveDenialMarkers.Contains(_words[cue.FirstToken - 1]))
                                             && !cancelled.Contains(cue.FirstToken):
                    denied = true;
                    break;
                case ClaimStatus.Negated when cue.FirstToken >= contentFirst && cue.FirstToken < scopeEnd && !IsWideningNegation(cue.FirstToken)
                                              && !cancelled.Contains(cue.FirstToken) && !IsWithheldFromVictims(cue.FirstToken, first, end):
                    negated = true;
                    break;
                case ClaimStatus.Estimated:
                    estimated = true;
                    break;
                case ClaimStatus.Alleged:
                    alleged = true;
                    break;
            }
        }

        if (denied) return ClaimStatus.Denied;
        if (negated) return ClaimStatus.Negated;
        if (estimated) return ClaimStatus.Estimated;
        if (alleged) return ClaimStatus.Alleged;

        // A risk put as a question ("Could X have hidden its losses …?") or as someone's belief ("Officials believe X …")
        // is an accusation, not a finding; so is a claim resting only on unnamed sources, as "reportedly" is.
        if (riskClaim && (IsYesNoQuestion(first, end) || HasBelief(first, end, source))) return ClaimStatus.Alleged;
        return source is null ? ClaimStatus.Asserted : source.Anonymous ? ClaimStatus.Alleged : ClaimStatus.Reported;
    }

    /// <summary>"Did X …?", "Could X have …?" ask whether it is so; "Why did regulators fine X …?" takes it as given.</summary>
    private bool IsYesNoQuestion(int first, int end)
    {
        var start = FirstWordPastBoundaries(first, end);
        return _words[end - 1] == "?" && start < end && QuestionAuxiliaries.Contains(_words[start]);
    }

    /// <summary>
    /// A belief held by others about the claim ("officials believe", "investigators suspect", "is believed to"); not one
    /// of the subject's own ("Norvik believes it complied", "we believe"), which is its statement.
    /// </summary>
    private bool HasBelief(int first, int end, SourceFinding? source) =>
        Enumerable.Range(first + 1, Math.Max(0, end - first - 1)).Any(t => _lexicon.BeliefVerbs.Contains(_words[t])
                                                                          && (source is null || t < source.First || t >= source.End)
                                                                          && (_lexicon.SourceNouns.Contains(_words[t - 1]) || Copulas.Contains(_words[t - 1])));

    /// <summary>"Crew members … were not paid": a negated passive of something owed to people states the harm done to them.</summary>
    private bool IsWithheldFromVictims(int negation, int first, int end) =>
        negation > first && negation + 1 < end && PassiveDenialMarkers.Contains(_words[negation - 1]) && _lexicon.WithheldParticiples.Contains(_words[negation + 1]);

    /// <summary>Negation counts in the claim's own clause: up to the first complementizer or relative pronoun after its start.</summary>
    private int ScopeEnd(int contentFirst, int contentEnd)
    {
        for (var t = contentFirst + 1; t < contentEnd; t++)
        {
            if (Complementizers.Contains(_words[t])) return t;
        }

        return contentEnd;
    }

    /// <summary>
    /// "the firm's strong public rebuttal indicates ...": a definite allegation or denial noun with nothing after it saying
    /// what it holds names one made earlier, so the clause comments on it rather than making it again.
    /// </summary>
    private bool RefersBack(int noun, int first)
    {
        if (!_lexicon.BackReferenceNouns.Contains(_words[noun])) return false;
        if (noun + 1 < _words.Length && ContentComplements.Contains(_words[noun + 1])) return false;

        // "The lawsuit claims Orbis Bank hid ...": followed by a name, the word is the verb, not the noun.
        if (IsCapitalised(noun + 1)) return false;
        for (var t = noun - 1; t >= Math.Max(first, noun - 4); t--)
        {
            if (DefiniteDeterminers.Contains(_words[t]) || _words[t].EndsWith("'s", StringComparison.Ordinal)) return true;
            if (_tokens[t].Kind != TokenKind.Word) return false;
        }

        return false;
    }

    /// <summary>"not only …, but", "allegations … are not new": the negation widens the statement or dates it instead of denying it.</summary>
    private bool IsWideningNegation(int t) => _lexicon.WideningNegations.StartsAt(_words, t);

    private string DecideCategory(int first, int end, SourceFinding? source, Sentence sentence, int sentenceIndex, bool plainSenseCueSuffices)
    {
        var category = BestCategory(first, end, source, plainSenseCueSuffices);
        if (category is not null) return category;
        if (first != sentence.FirstToken || end != sentence.EndToken)
        {
            category = BestCategory(sentence.FirstToken, Math.Min(sentence.EndToken, _tokens.Length), source, plainSenseCueSuffices);
            if (category is not null) return category;
        }

        // "…urged companies to stop their transactions with Chinese firms. These include Tencent, Baidu and Alibaba": the
        // examples share the risk of what they exemplify.
        if (sentenceIndex > 0 && ListsExamplesOfPrevious(first, end))
        {
            var previous = _sentences[sentenceIndex - 1];
            category = BestCategory(previous.FirstToken, Math.Min(previous.EndToken, _tokens.Length), null, plainSenseCueSuffices: true);
            if (category is not null) return category;
        }

        var anaphoric = Enumerable.Range(first, end - first).Any(IsCategoryAnaphor);
        return anaphoric && _lastCategory is not null && sentenceIndex - _lastCategorySentence <= 2 ? _lastCategory : ClaimLexicon.OtherCategory;
    }

    private bool ListsExamplesOfPrevious(int first, int end)
    {
        var start = FirstWordPastBoundaries(first, end);
        return start + 1 < end && ExampleListOpeners.Contains(_words[start]) && ExampleListVerbs.Contains(_words[start + 1]);
    }

    /// <summary>The clause's first token after opening punctuation and conjunctions; <paramref name="end"/> when there is none.</summary>
    private int FirstWordPastBoundaries(int first, int end)
    {
        var start = first;
        while (start < end && Boundaries.Contains(_words[start])) start++;
        return start;
    }

    /// <summary>"such punitive measures", "for similar reasons"; not "such as" (examples follow) nor a demonstrative standing alone ("These include ...").</summary>
    private bool IsCategoryAnaphor(int t)
    {
        if (!CategoryAnaphors.Contains(_words[t])) return false;
        var next = t + 1 < _words.Length ? _words[t + 1] : "";
        return _words[t] switch
        {
            "such" => next != "as",
            "these" or "those" => _tokens.Length > t + 1 && _tokens[t + 1].Kind == TokenKind.Word && !AfterPronounDemonstrative.Contains(next),
            _ => true,
        };
    }

    private string? BestCategory(int first, int end, SourceFinding? source, bool plainSenseCueSuffices)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var distinctCues = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var plainSenseOnly = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var match in _lexicon.CategoryCues.Find(_words, first, end))
        {
            if (source is not null && match.FirstToken >= source.First && match.EndToken <= source.End) continue;
            if (IsInsideLongerName(match.FirstToken, match.EndToken)) continue;
            if (match.EndToken - match.FirstToken == 1 && (IsAdjectiveUse(match.FirstToken) || IsMemoryUse(match.FirstToken))) continue;
            if (NamesATopic(match.FirstToken)) continue;
            scores[match.Value.Category] = scores.GetValueOrDefault(match.Value.Category) + match.Value.Weight;
            var cue = string.Join(' ', _words[match.FirstToken..match.EndToken]);
            if (!distinctCues.TryGetValue(match.Value.Category, out var cues)) distinctCues[match.Value.Category] = cues = new(StringComparer.Ordinal);
            cues.Add(cue);
            plainSenseOnly[match.Value.Category] = plainSenseOnly.GetValueOrDefault(match.Value.Category, true) && match.Value.PlainSense;
        }

        string? best = null;
        var bestScore = CategoryThreshold - 1e-9;
        foreach (var category in _lexicon.Categories)
        {
            if (!scores.TryGetValue(category, out var score) || score <= bestScore) continue;
            // A cue used mostly in its plain sense ("economic data", "the Browns' defense") needs company in a plain assertion;
            // the same word again ("we used data published by …, and data from …") is no second piece of evidence.
            if (distinctCues[category].Count > 1 || plainSenseCueSuffices || !plainSenseOnly[category])
            {
                best = category;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>
    /// "that's perfectly fine", "the fine details": a cue that is also an adjective stands as one after a copula or a word
    /// of degree, or before a lower-case noun it describes; "a $250,000 fine", "a fine of", "the fine imposed" are the noun.
    /// </summary>
    private bool IsAdjectiveUse(int t)
    {
        if (!_lexicon.AdjectiveCues.Contains(_words[t])) return false;
        var before = t > 0 ? _words[t - 1] : "";
        if (Copulas.Contains(before) || DegreeWords.Contains(before) || before == "'s" && t > 1 && ContractedSubjects.Contains(_words[t - 2]) || before.EndsWith("ly", StringComparison.Ordinal)) return true;
        if (t + 1 >= _tokens.Length || _tokens[t + 1].Kind != TokenKind.Word || !char.IsLower(_text[_tokens[t + 1].Span.Start])) return false;
        var next = _words[t + 1];
        return !_lexicon.EnglishFunctionWords.Contains(next) && !NounFollowers.Contains(next) && !next.EndsWith("ed", StringComparison.Ordinal);
    }

    /// <summary>
    /// "she recalled", "I now do recall", "X recalled that …", "X recalled in an email": a cue that is also a verb of memory
    /// or speech has that sense after a personal pronoun or an auxiliary, or before a clause, a preposition or punctuation;
    /// "Orbis Motors recalled 20,000 cars" and "the recall of" keep the product recall.
    /// </summary>
    private bool IsMemoryUse(int t)
    {
        if (!_lexicon.MemorySenseCues.Contains(_words[t])) return false;
        var before = t > 0 ? _words[t - 1] : "";
        if (Pronouns.Contains(before) || FirstPerson.Contains(before) || MemoryVerbLeaders.Contains(before)) return true;
        if (t + 1 >= _tokens.Length || _tokens[t + 1].Kind == TokenKind.Punctuation) return true;
        var next = _words[t + 1];
        return Complementizers.Contains(next) || Pronouns.Contains(next) || MemoryVerbFollowers.Contains(next);
    }

    /// <summary>"the impeachment probe", "Impeachment sham": a risk cue right after a topic noun names the proceeding, not a risk of the subject.</summary>
    private bool NamesATopic(int t) => t > 0 && _lexicon.TopicNouns.Contains(_words[t - 1]);

    /// <summary>A cue that is only part of an organisation's name ("Zhenhua *Data*") says nothing about the claim; one
    /// that is the whole name ("People's Liberation Army") does.</summary>
    private bool IsInsideLongerName(int firstToken, int endToken)
    {
        if (_entities.Mentions.IsDefaultOrEmpty) return false;
        var cue = new TextSpan(_tokens[firstToken].Span.Start, _tokens[endToken - 1].Span.End);
        return _entities.Mentions.Any(m => m.Label == EntityLabel.ORG && m.Span.Contains(cue) && m.Span.Length > cue.Length);
    }

    // ---- sources -------------------------------------------------------------------------------------------------

    private SourceFinding? FindSource(int first, int end, TextSpan clauseSpan, bool inQuote, out int contentFirst, out int contentEnd)
    {
        contentFirst = first;
        contentEnd = end;
        if (!_quotes.IsDefaultOrEmpty)
        {
            for (var q = 0; q < _quotes.Length; q++)
            {
                var quote = _quotes[q];
                if (!quote.Content.Overlaps(clauseSpan) || quote.Content.Length * 2 < clauseSpan.Length && !quote.Content.Contains(clauseSpan.Start)) continue;

                // An indirect quote is trusted as a source only when its cue is a reporting verb this stage knows.
                if (quote.Kind != QuoteKind.Direct && !IsReportingCue(quote.Cue)) continue;
                var (qf, qe) = TokenRange(quote.Content);
                if (qf >= 0 && qe > qf)
                {
                    contentFirst = Math.Clamp(qf, first, end);
                    contentEnd = Math.Clamp(qe, contentFirst, end);
                }

                var (sf, se) = TokenRange(quote.SpeakerSpan);
                if (sf >= 0 && se > sf)
                {
                    // The speaker phrase goes through the same reading as any source: "It" resolves to the outlet last named.
                    var speaker = Finding(sf, se, isOutlet: quote.SpeakerKind == SpeakerKind.Outlet);
                    return speaker with { Source = speaker.Source with { QuoteIndex = q } };
                }

                return new SourceFinding(new ClaimSource(quote.Speaker ?? quote.Cue, quote.SpeakerSpan, q), sf, se, quote.SpeakerKind == SpeakerKind.Unnamed, false);
            }
        }

        if (FrameAtStart(first, end, out var frame, out var afterFrame))
        {
            contentFirst = afterFrame;
            return frame;
        }

        if (AccordingTo(first, end, out var according, out var accordingContentFirst, out var accordingContentEnd))
        {
            contentFirst = accordingContentFirst;
            contentEnd = accordingContentEnd;
            return according;
        }

        if (Parenthetical(first, end, out var parenthetical, out var parentheticalContentEnd))
        {
            contentEnd = parentheticalContentEnd;
            return parenthetical;
        }

        var outlet = _lexicon.Outlets.Find(_words, first, end).FirstOrDefault();
        if (outlet.EndToken > outlet.FirstToken)
        {
            var found = Finding(outlet.FirstToken, outlet.EndToken, isOutlet: true);
            _lastOutlet = found.Source;

            // "X refuted allegations made in a Financial Times report": the outlet is where the denied allegation came
            // from, not the authority of the denial, which the text reports in its own voice.
            if (!IsDeniedBefore(first, outlet.FirstToken)) return found;
        }

        return inQuote && _quoteSpeaker is not null ? new SourceFinding(_quoteSpeaker, -1, -1, false, false) : null;
    }

    private bool IsDeniedBefore(int first, int end) =>
        _lexicon.StatusCues.Find(_words, first, end).Any(cue => cue.Value == ClaimStatus.Denied);

    private static bool IsReportingCue(string cue)
    {
        var words = cue.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words[^1] != PhrasalParticle && (FrameVerbs.Contains(words[^1]) || FrameVerbs.Contains(words[0]) || cue.StartsWith("according", StringComparison.OrdinalIgnoreCase));
    }

    private bool FrameAtStart(int first, int end, out SourceFinding? finding, out int contentFirst)
    {
        finding = null;
        contentFirst = first;
        var start = FirstWordPastBoundaries(first, end);
        for (var v = start + 1; v < Math.Min(end, start + FrameWindow); v++)
        {
            if (!IsFrameVerb(v, end)) continue;
            if (Copulas.Contains(_words[v - 1]) || !IsSourcePhrase(start, v)) return false;
            finding = Finding(start, v, isOutlet: false);
            contentFirst = v + 1;
            for (var t = v + 1; t < Math.Min(end, v + 5); t++)
            {
                if (_words[t] != "that") continue;
                contentFirst = t + 1;
                break;
            }

            return true;
        }

        return false;
    }

    private bool AccordingTo(int first, int end, out SourceFinding? finding, out int contentFirst, out int contentEnd)
    {
        finding = null;
        contentFirst = first;
        contentEnd = end;
        for (var t = first; t + 2 < end; t++)
        {
            if (_words[t] != "according" || _words[t + 1] != "to") continue;
            var npEnd = t + 2;
            while (npEnd < end && npEnd - (t + 2) < MaximumSourceTokens + 2 && _words[npEnd] is not ("," or "." or ";")) npEnd++;
            if (npEnd == t + 2) return false;
            finding = Finding(t + 2, npEnd, isOutlet: false);
            if (t == first || (t == first + 1 && Boundaries.Contains(_words[first])))
            {
                contentFirst = Math.Min(end, npEnd + 1);
            }
            else
            {
                contentEnd = t > first && _words[t - 1] == "," ? t - 1 : t;
            }

            return true;
        }

        return false;
    }

    /// <summary>Attribution after or inside the statement: "..., an Alibaba spokesperson said on Saturday." or "..., said a Hong Kong-based analyst."</summary>
    private bool Parenthetical(int first, int end, out SourceFinding? finding, out int contentEnd)
    {
        finding = null;
        contentEnd = end;
        for (var v = end - 1; v > first + 1; v--)
        {
            if (!IsFrameVerb(v, end)) continue;
            var after = v + 1 >= end || AfterAttribution.Contains(_words[v + 1]) || IsAddresseeToEnd(v, end);
            if (after)
            {
                var b = v - 1;
                while (b > first && v - b <= MaximumSourceTokens && !Boundaries.Contains(_words[b])) b--;
                if (Boundaries.Contains(_words[b]) && b + 1 < v && IsSourcePhrase(b + 1, v))
                {
                    finding = Finding(b + 1, v, isOutlet: false);
                    contentEnd = b;
                    return true;
                }
            }

            if (Boundaries.Contains(_words[v - 1]))
            {
                var npEnd = v + 1;
                while (npEnd < end && npEnd - v <= MaximumSourceTokens && _words[npEnd] is not ("," or "." or ";" or "”" or "\"")) npEnd++;
                if (npEnd > v + 1 && IsSourcePhrase(v + 1, npEnd))
                {
                    finding = Finding(v + 1, npEnd, isOutlet: false);
                    contentEnd = v - 1;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A reporting verb, not the phrasal "ruled out" or "found out".</summary>
    private bool IsFrameVerb(int t, int end) => FrameVerbs.Contains(_words[t]) && !(t + 1 < end && _words[t + 1] == PhrasalParticle);

    /// <summary>"..., its chief executive told analysts.": the few words after a closing "told" are whom it was told to.</summary>
    private bool IsAddresseeToEnd(int verb, int end)
    {
        if (_words[verb] is not ("told" or "tells")) return false;
        for (var t = verb + 1; t < end && t <= verb + MaximumAddresseeTokens + 1; t++)
        {
            if (AfterAttribution.Contains(_words[t])) return t > verb + 1;
            if (_tokens[t].Kind != TokenKind.Word) return false;
        }

        return false;
    }

    /// <summary>A noun phrase that can name a source: short, no finite verb or clause break, headed by a name, a source noun or a pronoun.</summary>
    private bool IsSourcePhrase(int first, int end)
    {
        if (end <= first || end - first > MaximumSourceTokens) return false;
        for (var t = first; t < end; t++)
        {
            if (NotInSourcePhrase.Contains(_words[t])) return false;
        }

        var head = end - 1;
        if (_lexicon.BackReferenceNouns.Contains(_words[head])) return false;
        return IsCapitalised(head) || _lexicon.SourceNouns.Contains(_words[head]) || (end - first == 1 && Pronouns.Contains(_words[head]))
               || (_words[head] == "'s" && head > first && IsCapitalised(head - 1));
    }

    private SourceFinding Finding(int first, int end, bool isOutlet)
    {
        var isAnaphor = end - first <= 2 && SourceAnaphors.Contains(_words[end - 1]) && Enumerable.Range(first, end - first).All(t => _words[t] is "the" or "this" or "that" || SourceAnaphors.Contains(_words[t]));
        if (isAnaphor && _lastOutlet is not null) return new SourceFinding(_lastOutlet, first, end, false, true);

        var anonymous = _lexicon.AnonymousSources.Find(_words, first, end).Count > 0 && !Enumerable.Range(first, end - first).Any(IsCapitalised);
        var (textFirst, textEnd) = (first, end);
        while (textFirst < textEnd - 1 && _words[textFirst] is "the" or "a" or "an") textFirst++;
        var hasName = Enumerable.Range(textFirst, textEnd - textFirst).Any(IsCapitalised);
        while (hasName && textEnd - 1 > textFirst && SourceTrailingNouns.Contains(_words[textEnd - 1]) && IsCapitalised(textEnd - 2)) textEnd--;
        var span = new TextSpan(_tokens[textFirst].Span.Start, _tokens[textEnd - 1].Span.End);
        var source = new ClaimSource(_text.Substring(span.Start, span.Length), span, null);
        var outlet = isOutlet || _lexicon.Outlets.Find(_words, first, end).Count > 0 || (hasName && SourceTrailingNouns.Contains(_words[end - 1]));
        if (outlet) _lastOutlet = source;
        return new SourceFinding(source, first, end, anonymous, outlet);
    }

    // ---- subjects ------------------------------------------------------------------------------------------------

    private ImmutableArray<Subject> FindSubjects(int contentFirst, int contentEnd, SourceFinding? source, ClaimStatus status, int first, int end, bool riskClaim)
    {
        var datelineEnd = DatelineEnd(first, end);
        bool MaySubject((int First, int End, int? EntityId) c) =>
            (source is null || !Inside(c.First, c.End, source)) && !DescribesSource(c.First, source, contentEnd) && c.First >= datelineEnd && !IsPastAffiliation(c.First, first) && !IsYardstick(c.First, first) && !IsEnforcementAgent(c.First, c.End, first, end)
            && !(riskClaim && (IsTaggedPlace(c.First, c.End) || IsUrger(c.End, end)));
        var candidates = Candidates(first, end).Where(MaySubject).ToList();
        if (candidates.Count == 0 && !_entities.Mentions.IsDefaultOrEmpty)
        {
            candidates = Candidates(first, end, textOnly: true).Where(MaySubject).ToList();
        }

        var inContent = candidates.Where(c => c.First >= contentFirst && c.End <= contentEnd).ToList();
        if (inContent.Count > 0)
        {
            // "one of Alibaba's influential companies, Mercury, has …": the name in apposition is what the claim is
            // about; the possessor comes after it.
            var subjects = NamesWhatItOwns(inContent)
                ? [.. Coordinated(inContent[1..]), .. Coordinated(inContent[..1])]
                : Coordinated(inContent);
            var others = Payers(inContent).Concat(TieCounterparts(inContent)).Concat(CoordinatedClauseSubjects(inContent));
            return [.. subjects, .. others.Where(other => !subjects.Any(s => s.Span == other.Span)).Distinct()];
        }

        var start = FirstWordPastBoundaries(contentFirst, contentEnd);
        var definiteHead = start < contentEnd && _words[start] == "the" && (IsAnaphoricHead(start + 1, contentEnd) || IsAnaphoricHead(start + 2, contentEnd));
        var anaphoric = start < contentEnd && (Pronouns.Contains(_words[start]) || FirstPerson.Contains(_words[start]) || definiteHead);
        var fromSource = source is { IsOutlet: false, First: >= 0 }
            ? Candidates(source.First, source.End).ToList()
            : [];

        // In a speaker's own words "it", "they" or "he" is someone else ("“They must obey all orders from the regime,”
        // Carafano stated"): neither the speaker nor, without a name, anyone the text can tell.
        if (anaphoric && Pronouns.Contains(_words[start]) && IsDirectQuote(source)) anaphoric = false;
        if (anaphoric && fromSource.Count > 0) return Coordinated(fromSource);
        if (anaphoric && !_lastSubjects.IsDefaultOrEmpty) return definiteHead || SingularPronouns.Contains(_words[start]) ? [_lastSubjects[0]] : _lastSubjects;
        if (status == ClaimStatus.Denied && fromSource.Count > 0) return Coordinated(fromSource);
        return candidates.Count > 0 ? Coordinated(candidates) : [];
    }

    /// <summary>The first name is a possessor whose noun phrase the second renames: "X's lower-case words, Y,".</summary>
    private bool NamesWhatItOwns(List<(int First, int End, int? EntityId)> candidates)
    {
        if (candidates.Count < 2) return false;
        var (owner, named) = (candidates[0], candidates[1]);
        if (owner.End >= _words.Length || _words[owner.End] is not ("'s" or "'") || named.First - owner.End < 3 || named.End >= _words.Length) return false;
        if (_words[named.First - 1] != "," || _words[named.End] != ",") return false;
        return Enumerable.Range(owner.End + 1, named.First - 1 - (owner.End + 1)).All(t => _tokens[t].Kind == TokenKind.Word && !IsCapitalised(t));
    }

    private bool IsAnaphoricHead(int t, int end) => t < end && (AnaphoricHeads.Contains(_words[t]) || RelationalHeads.Contains(_words[t]));

    /// <summary>
    /// "…, said Bruce Bagley, a professor at the University of Miami": after a source that follows the statement, a name
    /// describes the source (where it works, whom it heads), not whom the statement is about.
    /// </summary>
    private static bool DescribesSource(int name, SourceFinding? source, int contentEnd) =>
        source is { First: >= 0 } && source.First >= contentEnd && name >= source.End;

    /// <summary>
    /// A wire dateline opening a sentence ("LOS ANGELES (AP) —", "SANTA FE, N.M. (AP) —", "NEW DELHI:"): the end of the
    /// dateline, whose place and agency are no subject; the clause's first token when there is none.
    /// </summary>
    private int DatelineEnd(int first, int end)
    {
        if (!IsUpperCaseWord(first)) return first;
        var t = first + 1;
        while (t < end && (IsUpperCaseWord(t) || _words[t] == "," || (IsCapitalised(t) && _words[t].EndsWith('.')))) t++;
        if (t < end && _words[t] == "(")
        {
            var close = t + 1;
            while (close < end && close - t <= MaximumSourceTokens && _words[close] != ")") close++;
            if (close >= end || _words[close] != ")") return first;
            t = close + 1;
        }

        return t < end && _words[t] is "—" or "–" or "-" or "--" or ":" ? t + 1 : first;
    }

    /// <summary>A word in capitals throughout ("WASHINGTON"), as datelines and shouted labels are written.</summary>
    private bool IsUpperCaseWord(int t)
    {
        if (!IsCapitalised(t)) return false;
        var span = _tokens[t].Span;
        var letters = 0;
        for (var i = span.Start; i < span.End; i++)
        {
            if (char.IsLower(_text[i])) return false;
            if (char.IsLetter(_text[i])) letters++;
        }

        return letters >= 2;
    }

    /// <summary>
    /// "The management includes a previous member of Governor Cuomo's team, a previous adviser for the Democratic National
    /// Committee": a name after a past role and "of", "for" or "to" is where someone once worked, not whom the claim is about.
    /// </summary>
    private bool IsPastAffiliation(int name, int first)
    {
        var t = name - 1;
        for (var skipped = 0; skipped < 2 && t > first && (_words[t] == "the" || IsCapitalised(t)); skipped++) t--;
        if (t <= first || _words[t] is not ("of" or "for" or "to")) return false;
        for (var k = t - 1; k >= Math.Max(first, t - PastRoleWindow); k--)
        {
            if (_lexicon.PastAffiliationMarkers.Contains(_words[k])) return true;
            if (Boundaries.Contains(_words[k])) return false;
        }

        return false;
    }

    /// <summary>"pollution reached 50 times the level deemed safe by the World Health Organization": the name after a
    /// standard's participle and "by" set the yardstick; the claim is not about it.</summary>
    private bool IsYardstick(int name, int first) => FollowsParticipleAndBy(name, first, _lexicon.YardstickVerbs);

    /// <summary>
    /// "The US Justice Department has charged Assange with espionage", "the league will fine Rudolph", "tariffs imposed by
    /// the Trump administration": the party that takes an action against another is its agent; the claim is about whom
    /// it hits. "X was charged" is passive: X is hit.
    /// </summary>
    private bool IsEnforcementAgent(int name, int nameEnd, int first, int end)
    {
        if (FollowsParticipleAndBy(name, first, _lexicon.EnforcementVerbs)) return true;
        var t = VerbAfter(nameEnd, end, out var passive);
        if (t >= end || !_lexicon.EnforcementVerbs.Contains(_words[t])) return false;
        var verb = _words[t];
        if (verb.EndsWith("ing", StringComparison.Ordinal) || verb.EndsWith('s')) return true;
        if (verb.EndsWith("ed", StringComparison.Ordinal)) return !passive;
        return t > nameEnd && ModalsAndTo.Contains(_words[t - 1]);
    }

    /// <summary>
    /// "Secretary Mike Pompeo encourage U.S. companies to stop their transactions with Chinese industries", "the senator
    /// called for sanctions on X": a name that urges, calls for or demands a measure against others, named after the verb,
    /// asks for it and is not whom it would hit. "X was urged to …" is passive and about X; "Acme asked for a delay of its
    /// fine" names no one else and stays about Acme.
    /// </summary>
    private bool IsUrger(int nameEnd, int end)
    {
        var verb = VerbAfter(nameEnd, end, out var passive);
        var urging = _lexicon.UrgingVerbs.Find(_words, verb, Math.Min(end, verb + MaximumUrgingPhraseTokens)).FirstOrDefault();
        if (urging.EndToken <= urging.FirstToken || urging.FirstToken != verb) return false;
        if (passive && _words[verb].EndsWith("ed", StringComparison.Ordinal)) return false;
        for (var t = urging.EndToken + 1; t < end && t <= urging.EndToken + UrgedTargetWindow; t++)
        {
            if (Boundaries.Contains(_words[t]) || _words[t] == ".") return false;
            if (UrgedTargetMarkers.Contains(_words[t])) return true;
        }

        return false;
    }

    /// <summary>The first token after a name's auxiliaries and adverbs ("has already formally charged"); whether a copula was among them.</summary>
    private int VerbAfter(int nameEnd, int end, out bool passive)
    {
        var t = nameEnd;
        passive = false;
        while (t < end && t - nameEnd < AgentGapTokens && AgentGapWords.Contains(_words[t]))
        {
            passive |= Copulas.Contains(_words[t]);
            t++;
        }

        return t;
    }

    private bool FollowsParticipleAndBy(int name, int first, FrozenSet<string> participles)
    {
        var by = name - 1;
        if (by > first && _words[by] == "the") by--;
        if (by <= first || _words[by] != "by") return false;
        for (var k = by - 1; k >= Math.Max(first, by - 3); k--)
        {
            if (participles.Contains(_words[k])) return true;
            if (Boundaries.Contains(_words[k])) return false;
        }

        return false;
    }

    /// <summary>"Democratic Party has been receiving donations from Alibaba officials": the payer is a subject as well.</summary>
    private IEnumerable<Subject> Payers(List<(int First, int End, int? EntityId)> candidates)
    {
        foreach (var (first, end, entityId) in candidates)
        {
            var from = first - 1;
            while (from > 0 && _words[from] is "the" or "a" or "an") from--;
            if (from <= 0 || _words[from] != "from") continue;
            var windowStart = Math.Max(0, from - PaymentNounWindow);
            if (Enumerable.Range(windowStart, from - windowStart).Any(t => _lexicon.PaymentNouns.Contains(_words[t])))
            {
                yield return SubjectOf(first, end, entityId);
            }
        }
    }

    /// <summary>"Mercury has good connections to the Democratic Party": the other side of a tie is a subject as well.</summary>
    private IEnumerable<Subject> TieCounterparts(List<(int First, int End, int? EntityId)> candidates)
    {
        foreach (var (first, end, entityId) in candidates)
        {
            var to = first - 1;
            while (to > 0 && _words[to] is "the" or "a" or "an") to--;
            if (to <= 0 || _words[to] is not ("to" or "with")) continue;
            var windowStart = Math.Max(0, to - TieNounWindow);
            if (Enumerable.Range(windowStart, to - windowStart).Any(t => TieNouns.Contains(_words[t]))) yield return SubjectOf(first, end, entityId);
        }
    }

    /// <summary>
    /// "…, and in 2022 Democratic National Committee Service Corporation raised $135,000 from associates of Alibaba": a
    /// name that opens a clause joined by ", and", after at most a short phrase of time or place, is that clause's subject.
    /// </summary>
    private IEnumerable<Subject> CoordinatedClauseSubjects(List<(int First, int End, int? EntityId)> candidates)
    {
        foreach (var (first, end, entityId) in candidates.Skip(1))
        {
            if (end >= _tokens.Length || _tokens[end].Kind != TokenKind.Word || IsCapitalised(end)) continue;
            var and = first - 1;
            while (and > 0 && first - and <= IntroductoryPhraseTokens + 1 && _words[and] != "and") and--;
            if (and <= 0 || _words[and] != "and" || _words[and - 1] != ",") continue;
            if (and + 1 < first && !ClauseIntroductions.Contains(_words[and + 1])) continue;
            if (Enumerable.Range(and + 1, first - and - 1).Any(t => Boundaries.Contains(_words[t]))) continue;
            yield return SubjectOf(first, end, entityId);
        }
    }

    private Subject SubjectOf(int first, int end, int? entityId) => new(new TextSpan(_tokens[first].Span.Start, _tokens[end - 1].Span.End), entityId);

    /// <summary>A direct quote in which the speaker talks of itself: in the first person, or about the entity it is or speaks for.</summary>
    private bool IsOwnWords(SourceFinding? source, ImmutableArray<Subject> subjects, int contentFirst, int contentEnd)
    {
        if (!IsDirectQuote(source)) return false;
        if (OpensInFirstPerson(contentFirst, contentEnd)) return true;
        var quote = _quotes[source!.Source.QuoteIndex!.Value];
        return subjects.Any(s => s.EntityId is { } id && (id == quote.SpeakerEntityId || id == quote.SpeakerOrganisationId));
    }

    private bool IsDirectQuote(SourceFinding? source) =>
        source?.Source.QuoteIndex is { } index && index < _quotes.Length && _quotes[index].Kind == QuoteKind.Direct;

    private bool OpensInFirstPerson(int contentFirst, int contentEnd)
    {
        var start = FirstWordPastBoundaries(contentFirst, contentEnd);
        return start < contentEnd && FirstPerson.Contains(_words[start]);
    }

    private static bool Inside(int first, int end, SourceFinding source) => source.First >= 0 && first < source.End && source.First < end;

    /// <summary>The first candidate and those joined to it by "and", "or" or commas ("Huawei and Hikvision").</summary>
    private ImmutableArray<Subject> Coordinated(List<(int First, int End, int? EntityId)> candidates)
    {
        var chosen = new List<(int First, int End, int? EntityId)> { candidates[0] };
        for (var i = 1; i < candidates.Count; i++)
        {
            var gap = Enumerable.Range(chosen[^1].End, Math.Max(0, candidates[i].First - chosen[^1].End)).Select(t => _words[t]).ToList();
            if (gap.Count is 0 or > 2 || !gap.All(w => w is "and" or "or" or "," or "&")) break;
            chosen.Add(candidates[i]);
        }

        return [.. chosen.Select(c => new Subject(new TextSpan(_tokens[c.First].Span.Start, _tokens[c.End - 1].Span.End), c.EntityId))];
    }

    private IEnumerable<(int First, int End, int? EntityId)> Candidates(int first, int end, bool textOnly = false)
    {
        if (first < 0 || end <= first) yield break;
        var titleCase = IsTitleCase(first, end);
        if (!textOnly && !_entities.Mentions.IsDefaultOrEmpty)
        {
            // Entity mentions first; where the model found none in this range, the text's own capitals still speak.
            var range = new TextSpan(_tokens[first].Span.Start, _tokens[end - 1].Span.End);
            var found = false;
            var governmentNamed = false;
            foreach (var mention in _entities.Mentions.Where(m => m.Label is EntityLabel.ORG or EntityLabel.PER && range.Contains(m.Span)).OrderBy(m => m.Span))
            {
                var (mf, me) = TokenRange(mention.Span);
                if (me <= mf) continue;

                // The model reads a Title Case headline's capitals as names too ("Breaking: New Report Revealed That …").
                if (titleCase && !_knownNames.Contains(string.Join(' ', _words[mf..me]))) continue;

                // The model tags "the State" and "the Party" as organisations; alone, such words are no subject (non-subjects.txt).
                if (mention.Kind == MentionKind.Name && _lexicon.IsNoSubjectAlone(string.Join(' ', _words[mf..me]))) continue;
                if (IsSentenceAdverb(mf, me)) continue;

                // "the Trump administration keeps on pushing its plans": neither the name nor the pronoun after it is the person.
                if (NamesAGovernment(me)) governmentNamed = true;
                if (NamesAGovernment(me) || governmentNamed && mention.Kind == MentionKind.Pronoun) continue;
                found = true;
                yield return (mf, me, mention.EntityId);
            }

            if (found) yield break;
        }

        for (var t = first; t < end; t++)
        {
            if (titleCase)
            {
                var length = KnownNameAt(t, end);
                if (length > 0)
                {
                    yield return (t, t + length, null);
                    t += length - 1;
                }

                continue;
            }

            if (!IsCapitalised(t)) continue;
            var runEnd = t + 1;
            while (runEnd < end)
            {
                if (IsCapitalised(runEnd)) runEnd++;
                else if (runEnd + 1 < end && _words[runEnd] is "'s" or "of" or "&" && IsCapitalised(runEnd + 1)) runEnd += 2;
                else break;
            }

            var nameFirst = t;
            while (nameFirst < runEnd - 1 && _lexicon.LeadingWords.Contains(_words[nameFirst])) nameFirst++;
            var allCommon = Enumerable.Range(nameFirst, runEnd - nameFirst).All(i => _lexicon.IsNoSubjectAlone(_words[i]) || !IsCapitalised(i));
            if (!allCommon && !IsCapitalisedOnlyByPosition(nameFirst, runEnd) && !NamesAGovernment(runEnd) && !IsSentenceAdverb(nameFirst, runEnd))
            {
                yield return (nameFirst, runEnd, null);
            }
            t = runEnd - 1;
        }
    }

    /// <summary>
    /// "Sadly, Delhi pollution …", "Critically, however, …": a lone "-ly" word opening a sentence and set off by a comma
    /// is a sentence adverb, not a name, even where the entity model tags it as a person.
    /// </summary>
    private bool IsSentenceAdverb(int first, int end) =>
        end - first == 1 && end < _words.Length && _words[end] == "," && _words[first].EndsWith("ly", StringComparison.Ordinal) && IsSentenceStart(first);

    /// <summary>"the Trump administration": a name followed by a lower-case government noun is that government's modifier.</summary>
    private bool NamesAGovernment(int nameEnd) =>
        nameEnd < _tokens.Length && !IsCapitalised(nameEnd) && _lexicon.GovernmentNouns.Contains(_words[nameEnd]);

    /// <summary>
    /// A lone word at the start of a sentence or of a clause after a colon is capitalised by position: "Giant tech companies", "Adding to those"; and,
    /// where the entity model read the document and left the word untagged, a frequent English word ("Police said …",
    /// "Consumers have …", "Local auto dealers …"). Invented or rare firm names ("Streamly", "Telvo") are not frequent words.
    /// </summary>
    private bool IsCapitalisedOnlyByPosition(int first, int end)
    {
        if (end - first != 1 || !IsSentenceStart(first) && !OpensClauseAfterColon(first)) return false;
        var word = _words[first];
        if (word.EndsWith("ing", StringComparison.Ordinal) || _lowercaseWords.Value.Contains(word)) return true;
        return _entitiesRead && _checkworthy.Vectors is { } frequent && frequent.Knows(word) && !IsTagged(first);
    }

    /// <summary>
    /// "in Delhi, much of the pollution …", "clashes with Bolivia's police": in a risk claim a name the entity model
    /// tagged as a place, after a preposition of place or owning the noun after it with "'s", is where something happened,
    /// not who did it; the entity mentions give only people and organisations as subjects, and the text's own capitals
    /// must not bring the place back. Elsewhere ("Orbis leaked …", "workers at Orbis Textiles' mills", "sanctions on
    /// Venezuela") the name may be a firm the model took for a place, or whom the risk hits, and stays.
    /// </summary>
    private bool IsTaggedPlace(int first, int end)
    {
        if (_entities.Mentions.IsDefaultOrEmpty) return false;
        var locative = first > 0 && PlacePrepositions.Contains(_words[first - 1]) || end < _words.Length && _words[end] == "'s";
        if (!locative) return false;
        var run = new TextSpan(_tokens[first].Span.Start, _tokens[end - 1].Span.End);
        return _entities.Mentions.Any(m => m.Label == EntityLabel.LOC && m.Span.Contains(run));
    }

    /// <summary>"Internal memo: Federal prison guards …": a clause after a colon opens with a capital as a sentence does.</summary>
    private bool OpensClauseAfterColon(int t) => t > 0 && _words[t - 1] == ":";

    private bool IsTagged(int t) => !_entities.Mentions.IsDefaultOrEmpty && _entities.Mentions.Any(m => m.Span.Overlaps(_tokens[t].Span));

    /// <summary>Whether only quotation marks or brackets stand between the word and the start of its sentence (a closing
    /// quotation mark the sentence splitter left on the sentence before counts as well).</summary>
    private bool IsSentenceStart(int t)
    {
        while (t > 0 && !_sentenceStarts.Value.Contains(t) && Boundaries.Contains(_words[t - 1])) t--;
        return t == 0 || _sentenceStarts.Value.Contains(t);
    }

    private void CollectNames(int first, int end)
    {
        foreach (var (f, e, _) in Candidates(first, Math.Min(end, _tokens.Length)))
        {
            if (e - f <= 5) _knownNames.Add(string.Join(' ', _words[f..e]));
        }
    }

    private int KnownNameAt(int t, int end)
    {
        for (var length = Math.Min(5, end - t); length >= 1; length--)
        {
            if (_knownNames.Contains(string.Join(' ', _words[t..(t + length)]))) return length;
        }

        return 0;
    }

    /// <summary>A headline in Title Case says nothing by its capitals about which words are names.</summary>
    private bool IsTitleCase(int first, int end)
    {
        // "These include Volga Credit Bank and Ural Savings.": a sentence closed by a full stop is running text, which a
        // headline is not; its capitals are names.
        var last = Math.Min(end, _tokens.Length) - 1;
        if (last >= first && _words[last] == ".") return false;
        int words = 0, capitalised = 0;
        for (var t = first; t < Math.Min(end, _tokens.Length); t++)
        {
            if (_tokens[t].Kind != TokenKind.Word || !char.IsLetter(_text[_tokens[t].Span.Start])) continue;
            words++;
            if (IsCapitalised(t)) capitalised++;
        }

        return words >= 6 && capitalised >= 0.7 * words;
    }

    private bool IsCapitalised(int t) =>
        t >= 0 && t < _tokens.Length && _tokens[t].Kind == TokenKind.Word && char.IsUpper(_text[_tokens[t].Span.Start]);

    private (int First, int End) TokenRange(TextSpan? span)
    {
        if (span is not { } s) return (-1, -1);
        int first = -1, end = -1;
        for (var t = 0; t < _tokens.Length; t++)
        {
            if (_tokens[t].Span.Start >= s.End) break;
            if (!s.Contains(_tokens[t].Span.Start)) continue;
            if (first < 0) first = t;
            end = t + 1;
        }

        return (first, end);
    }

    // ---- quotes and denials --------------------------------------------------------------------------------------

    /// <summary>Follows open quotation marks across sentences, and the speaker a colon introduces ("..., William Evanina, affirmed:").</summary>
    private void TrackQuotes(Sentence sentence)
    {
        var end = Math.Min(sentence.EndToken, _tokens.Length);
        for (var t = sentence.FirstToken; t < end; t++)
        {
            switch (_words[t])
            {
                case "“": _insideQuote = true; break;
                case "”": _insideQuote = false; break;
                case "\"": _insideQuote = !_insideQuote; break;
            }
        }

        if (end > sentence.FirstToken && _words[end - 1] == ":")
        {
            var verb = Enumerable.Range(sentence.FirstToken, end - sentence.FirstToken).FirstOrDefault(t => FrameVerbs.Contains(_words[t]), -1);
            var limit = verb > sentence.FirstToken ? verb : end - 1;
            var names = Candidates(sentence.FirstToken, limit).ToList();
            _quoteSpeaker = names.Count > 0
                ? Finding(names[^1].First, names[^1].End, isOutlet: false).Source
                : limit > sentence.FirstToken ? Finding(sentence.FirstToken, limit, isOutlet: false).Source : null;
        }
        else if (!_insideQuote && end > sentence.FirstToken && !(_words[sentence.FirstToken] is "“" or "\""))
        {
            _quoteSpeaker = null;
        }
    }

    /// <summary>Pairs each denial with the allegation it answers: the nearest earlier (else later) answerable claim sharing a subject.</summary>
    private void PairDenials()
    {
        for (var d = 0; d < _claims.Count; d++)
        {
            var denial = _claims[d];
            if (denial.Status != ClaimStatus.Denied) continue;
            var before = Math.Max(0, d - PairingWindow);
            var after = Math.Min(_claims.Count, d + 1 + PairingWindow);
            var answered = Enumerable.Range(before, d - before).Reverse().Concat(Enumerable.Range(d + 1, after - d - 1))
                .Where(c => CanBeDenied(_claims[c])
                            && (denial.Category == ClaimLexicon.OtherCategory || denial.Category == _claims[c].Category)
                            && ShareSubject(denial, _claims[c]))
                .Select(c => (int?)c)
                .FirstOrDefault();
            if (answered is not { } target) continue;
            var category = denial.Category == ClaimLexicon.OtherCategory ? _claims[target].Category : denial.Category;
            _claims[d] = denial with
            {
                RespondsTo = target,
                Category = category,
                Polarity = category == ClaimLexicon.OtherCategory ? denial.Polarity : Polarity.Favourable,
            };
        }
    }

    /// <summary>
    /// What a denial can answer: a risk claim that speaks against its subject, alleged, estimated, asserted by the article
    /// or reported by a third party; or an allegation of something outside the taxonomy ("Assange was accused of rape …",
    /// which "He has always denied the allegations" answers rather than the hacking charges named before it); not the
    /// subject's own favourable statement ("The company reiterated that it operates in compliance ..."), nor one already
    /// negated or denied.
    /// </summary>
    private static bool CanBeDenied(Claim claim) =>
        claim.Status is ClaimStatus.Alleged or ClaimStatus.Reported or ClaimStatus.Asserted or ClaimStatus.Estimated
        && (claim.Category != ClaimLexicon.OtherCategory && claim.Polarity == Polarity.Adverse || claim.Status == ClaimStatus.Alleged)
        && !IsOwnStatement(claim);

    /// <summary>A claim whose subject is named in its own source: the subject speaking of itself ("Apex said it ...").</summary>
    private static bool IsOwnStatement(Claim claim) =>
        claim.Source?.Span is { } source && !claim.SubjectSpans.IsDefaultOrEmpty && claim.SubjectSpans.Any(source.Contains);

    private bool ShareSubject(Claim a, Claim b)
    {
        if (!a.SubjectEntityIds.IsDefaultOrEmpty && !b.SubjectEntityIds.IsDefaultOrEmpty) return a.SubjectEntityIds.Intersect(b.SubjectEntityIds).Any();
        var names = SubjectNames(b);
        return SubjectNames(a).Any(name => names.Any(other => other.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(other, StringComparison.OrdinalIgnoreCase)));
    }

    private IEnumerable<string> SubjectNames(Claim claim) =>
        claim.SubjectSpans.IsDefaultOrEmpty ? [] : claim.SubjectSpans.Select(s => _text.Substring(s.Start, s.Length).Split(' ')[0]);

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}
