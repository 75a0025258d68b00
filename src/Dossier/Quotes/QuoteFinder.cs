using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Extraction;
using Dossier.Quotes.Learned;
using Dossier.Text;

namespace Dossier.Quotes;

/// <summary>The work of the quote stage on one document; it holds per-document state and is used once.</summary>
internal sealed class QuoteFinder
{
    /// <summary>
    /// How far after a closing mark an attribution may still start or reach: "…,” Zhang added.", and "…,” Fred Kagan,
    /// director of the Critical Threats Project at the American Enterprise Institute, said."
    /// </summary>
    private const int AttributionWindow = 24;

    /// <summary>How many sentences back an unattributed quote may take its speaker from an earlier one (two in between).</summary>
    private const int ContinuationSentences = 3;

    private static readonly HashSet<string> Determiners =
        ["the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"];

    private readonly string _text;
    private readonly ImmutableArray<Token> _tokens;
    private readonly ImmutableArray<Sentence> _sentences;
    private readonly ImmutableArray<Paragraph> _paragraphs;
    private readonly QuoteLexicon _lexicon;
    private readonly SpeakerPhrases _phrases;
    private readonly SpeakerClassifier _classifier;
    private readonly EntityLayer _entities;
    private readonly int[] _sentenceOf;
    private readonly int[] _paragraphOf;
    private readonly bool[] _insideQuote;
    private readonly bool[] _usedCue;
    private readonly bool[] _covered;
    private readonly CueScores _cueScores;
    private readonly TaggedAttributionMerge? _tagged;
    private readonly RelationJudge? _relationJudge;
    private readonly int[]? _taggedRoles;

    public QuoteFinder(
        string text,
        ImmutableArray<Token> tokens,
        ImmutableArray<Sentence> sentences,
        ImmutableArray<Paragraph> paragraphs,
        EntityLayer entities,
        QuoteLexicon lexicon,
        TaggedAttributionMerge? tagged = null,
        RelationJudge? relationJudge = null)
    {
        _tagged = tagged;
        _relationJudge = relationJudge;
        _text = text;
        _tokens = tokens;
        _sentences = sentences;
        _paragraphs = paragraphs.IsDefault ? [] : paragraphs;
        _lexicon = lexicon;
        _entities = entities;
        var words = new TokenWords(text, tokens);
        _phrases = new SpeakerPhrases(words, lexicon);
        _classifier = new SpeakerClassifier(words, lexicon, entities);
        _sentenceOf = RelationContext.SentenceIndex(tokens.Length, sentences);
        if (relationJudge is not null && tagged is not null)
        {
            _taggedRoles = new int[tokens.Length];
            Array.Fill(_taggedRoles, RelationContext.Untagged);
        }

        _paragraphOf = new int[tokens.Length];
        _insideQuote = new bool[tokens.Length];
        _usedCue = new bool[tokens.Length];
        _covered = new bool[tokens.Length];
        _cueScores = new CueScores(lexicon.CueModel ?? CueModel.Default, words);
        Words = words;
        IndexParagraphs();
    }

    private TokenWords Words { get; }

    public ImmutableArray<Quote> Find(CancellationToken cancellationToken)
    {
        var passages = QuoteMarks.Find(_text, _paragraphs);
        foreach (var passage in passages) MarkInside(passage);

        var found = new List<Found>();
        var unattributed = new List<QuotedPassage>();
        var partials = new List<QuotedPassage>();
        foreach (var passage in passages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var openToken = Words.IndexAtOrAfter(passage.Open);
            var closeToken = passage.Close >= 0 ? Words.IndexAtOrAfter(passage.Close) : -1;
            if (openToken >= _tokens.Length) continue;
            var before = AttributeBefore(openToken);
            var standalone = before is not null || StartsClause(passage.Open);
            var after = closeToken >= 0 && closeToken < _tokens.Length && (before is null || GoesOn(closeToken)) ? AttributeAfter(closeToken) : null;
            // "Rhimes declared: “Change the world,” she said.": a quote that goes on into its own attribution is that
            // attribution's, not the cue's that introduced it.
            var attribution = after ?? before;
            if (attribution is not null && (standalone || attribution.SpeakerAfterQuote))
            {
                Use(attribution.Cue);
                found.Add(new Found(passage.Inner, QuoteKind.Direct, attribution.Cue, attribution.Speaker));
                Cover(passage.Inner);
            }
            else if (closeToken >= 0 && SignedBelow(closeToken) is { } signer)
            {
                found.Add(new Found(passage.Inner, QuoteKind.Direct, null, signer));
                Cover(passage.Inner);
            }
            else if (standalone && Words.CountWords(passage.Inner) >= 3)
            {
                unattributed.Add(passage);
            }
            else
            {
                partials.Add(passage);
            }
        }

        FindIndirect(found, passages, cancellationToken);
        found.Sort((a, b) => a.Content.Start.CompareTo(b.Content.Start));
        AttributeContinuations(found, unattributed);
        FindPartials(found, partials);
        FindHeadlineQuotes(found);
        if (_tagged is not null) AddTagged(found, _tagged, cancellationToken);
        found.Sort((a, b) => a.Content.Start.CompareTo(b.Content.Start));
        var quotes = Build(found);
        return _relationJudge is { } judge
            ? judge.Filter.Keep(quotes, new RelationContext(Words, _insideQuote, _sentenceOf, _sentences, _lexicon, _taggedRoles), judge.Threshold, judge.Candidates)
            : quotes;
    }

    private static readonly HashSet<string> Auxiliaries =
        ["is", "was", "are", "were", "will", "would", "could", "can", "should", "might", "may", "must", "has", "have", "had", "did", "does", "do", "’ll", "'ll", "’re", "'re", "’d", "'d"];

    /// <summary>
    /// Whether an attribution reports something said: unless the options count intentions and acts, indirect speech
    /// through a cue outside the curated list needs a reported clause, and no attribution but a direct quote is made to
    /// no one in particular, through a noun after a possessive, or of the writer's own unrealised thought.
    /// </summary>
    private bool ReportsSpeech(Found attribution)
    {
        if (!_lexicon.LearnedCuesNeedClause || attribution is not { Kind: not QuoteKind.Direct, Cue: { } cue }) return true;
        var contentStart = Words.IndexAtOrAfter(attribution.Content.Start);
        if (Refuses(cue) || NamesNoOne(attribution.Speaker) || NounAfterPossessive(cue.Start, contentStart) || IsAccusedOf(cue.Start)) return false;
        if (IsWriterOrReader(attribution.Speaker) && Words.Lower(contentStart - 1) != "that" && Unrealised(cue)) return false;
        return attribution.Kind != QuoteKind.Indirect || CuratedForItsContent(cue) || ReportsClause(attribution.Content);
    }

    /// <summary>
    /// Whether the curated list vouches for the cue as it stands: a verb of belief or feeling the list counts only
    /// before "that" does not vouch for "felt the surge of …", whose content must then read as a reported clause.
    /// </summary>
    private bool CuratedForItsContent(CueMatch cue)
    {
        if (!IsCurated(cue)) return false;
        if (!cue.Pattern.Learned || cue.End - cue.Start != 1 || !_lexicon.MentalStateCues.Contains(Words.Lower(cue.Start))) return true;
        return cue.End < _tokens.Length && Words.Lower(cue.End) == "that";
    }

    /// <summary>"I", "we", "you": in the text around quotes, the writer or the reader.</summary>
    private bool IsWriterOrReader(SpeakerPhrase? speaker) => speaker is { Refers: null } && Words.Lower(speaker.End - 1) is "i" or "we" or "you";

    /// <summary>
    /// "We will never know why …", "I definitely didn’t expect to …", "I’m going to show you …", "I’d like to think
    /// …": the writer's own thought under a negation, or under a modal or "going to" with no verb of speech, reports
    /// nothing said; a modal verb of speech is said there and then ("I would like to announce my departure"), as is a
    /// "that" clause ("I can now say that …"). Third persons' ("Lawmakers have not said when …") stay: they are news of
    /// what someone did or did not say.
    /// </summary>
    private bool Unrealised(CueMatch cue)
    {
        if (cue.Pattern.Words[0] == "according") return false;
        for (var t = cue.Start - 1; t >= 0 && (_lexicon.SkipBeforeCue.Contains(Words.Lower(t)) || Words.IsAdverb(t) || Words.Lower(t) is "going" or "to"); t--)
        {
            if (MarksUnrealised(t, cue)) return true;
        }

        for (var t = cue.Start; t < cue.End; t++)
        {
            if (MarksUnrealised(t, cue)) return true;
        }

        return false;
    }

    private static readonly HashSet<string> Negations = ["not", "n't", "n’t", "never"];

    private static readonly HashSet<string> Modals = ["can", "ca", "cannot", "could", "will", "wo", "’ll", "'ll", "would", "shall", "should", "may", "might", "must"];

    /// <summary>A negation, or a modal ("going to", and "’d" for "would": "I’d like to think"; "he’d said" is "had") before a cue that names no speech.</summary>
    private bool MarksUnrealised(int t, CueMatch cue)
    {
        var word = Words.Lower(t);
        if (Negations.Contains(word)) return true;
        var modal = Modals.Contains(word) || word == "going" && Words.Lower(t + 1) == "to" || word is "’d" or "'d" && WouldRatherThanHad(t, cue);
        return modal && !NamesSpeech(cue);
    }

    private bool WouldRatherThanHad(int clitic, CueMatch cue)
    {
        var verb = Words.Lower(Math.Max(clitic + 1, cue.Start));
        return !verb.EndsWith("ed", StringComparison.Ordinal) && !PastParticiples.Contains(verb);
    }

    /// <summary>Whether the cue holds a verb of speech proper: a curated cue that needs no "that" ("say", "add", "announce"), or a speech act.</summary>
    private bool NamesSpeech(CueMatch cue) => HoldsCuratedWord(cue, pattern => !pattern.RequiresThat);

    private static readonly HashSet<string> PastParticiples =
        ["said", "told", "written", "thought", "known", "shown", "seen", "heard", "spoken", "found", "felt", "taught", "been", "had", "made"];

    /// <summary>"you", "no one": an attribution to a speaker who is no one in particular (generic-speakers.txt).</summary>
    private bool NamesNoOne(SpeakerPhrase? speaker)
    {
        if (speaker is null || speaker.Refers is not null) return false;
        var text = string.Join(' ', Enumerable.Range(speaker.Start, speaker.End - speaker.Start).Select(Words.Lower));
        return _lexicon.GenericSpeakers.Contains(text) || _lexicon.GenericSpeakers.Contains(text.Replace(" ’s", "’s", StringComparison.Ordinal).Replace(" 's", "'s", StringComparison.Ordinal));
    }

    /// <summary>
    /// "the Chinese Communist Party's claim to …", "Eve’s entry sensor", "returning Braun’s calls": a word after a
    /// possessive is a noun, not a verb of speech ("he’s said" is "has": a pronoun comes before the clitic). The noun
    /// still attributes the clause or the topic it introduces ("Trump’s claim that …", "North Korea's claims about …"),
    /// which starts at <paramref name="next"/>; so does its infinitive or object ("Trump's promises to deport …", "Pence’s call for …").
    /// </summary>
    private bool NounAfterPossessive(int t, int next) =>
        t > 1 && Words.Lower(t - 1) is "’s" or "'s" && !_lexicon.Pronouns.ContainsKey(Words.Lower(t - 2)) &&
        Words.Lower(t - 2) is not ("that" or "there" or "who" or "what" or "here" or "where") && !OpensComplement(next) && !OpensComplement(next - 1);

    /// <summary>"that", "about" or "for", or "to" before a verb ("claim to be", not "claim to a divine right").</summary>
    private bool OpensComplement(int t) =>
        Words.Lower(t) is "that" or "about" or "for" || Words.Lower(t) == "to" && !Determiners.Contains(Words.Lower(t + 1)) && !Words.IsCapitalised(t + 1);

    /// <summary>"declined to say how many accounts were affected": a refusal reports nothing said, whatever verb of speech it refuses.</summary>
    private bool Refuses(CueMatch cue)
    {
        for (var t = cue.Start; t < cue.End; t++)
        {
            if (_lexicon.Refusals.Contains(Words.Lower(t))) return true;
        }

        return false;
    }

    /// <summary>
    /// Whether a word of the cue begins a cue of the curated list (the tagger's cues are marked learned whatever their
    /// words, and may run over several: "emailed supporters saying").
    /// </summary>
    private bool IsCurated(CueMatch cue) => !cue.Pattern.Learned || HoldsCuratedWord(cue, _ => true);

    /// <summary>Whether a word of the cue is a speech act or begins a curated cue that <paramref name="qualifies"/>.</summary>
    private bool HoldsCuratedWord(CueMatch cue, Func<CuePattern, bool> qualifies)
    {
        for (var t = cue.Start; t < cue.End; t++)
        {
            if (_lexicon.ClauseFreeCues.Contains(Words.Lower(t))) return true;
            if (_lexicon.CuesByFirstWord.TryGetValue(Words.Lower(t), out var patterns) && patterns.Any(p => !p.Learned && qualifies(p))) return true;
        }

        return false;
    }

    /// <summary>
    /// Whether an indirect content reads as a reported clause ("that …", "he …", "the plan would …") rather than an
    /// infinitive or an object ("wants to double …", "avoided the worst of the downturn", "blocked the merger"). The
    /// curated cue list asks for "that" after its verbs of belief for the same reason; a cue learned from PolNeAR counts,
    /// the cue model or the tagger is a verb of speech only when what follows it is something said.
    /// </summary>
    private bool ReportsClause(TextSpan content)
    {
        var start = Words.IndexAtOrAfter(content.Start);
        if (start >= _tokens.Length) return false;
        if (Words.Lower(start - 1) == "that" || Words.Lower(start) == "that" || SubjectPronouns.Contains(Words.Lower(start))) return true;
        if (Words.Lower(start) == "to") return false;
        for (var t = start; t < _tokens.Length && _tokens[t].Span.Start < content.End; t++)
        {
            if (Auxiliaries.Contains(Words.Lower(t))) return true;
        }

        return false;
    }

    private void IndexParagraphs()
    {
        var p = 0;
        for (var t = 0; t < _tokens.Length; t++)
        {
            while (p < _paragraphs.Length - 1 && _tokens[t].Span.Start >= _paragraphs[p].Span.End) p++;
            _paragraphOf[t] = p;
        }
    }

    private void MarkInside(QuotedPassage passage) => MarkInside(Words, passage, _insideQuote);

    /// <summary>Marks the tokens of a quoted passage, its quotation marks included.</summary>
    internal static void MarkInside(TokenWords words, QuotedPassage passage, bool[] insideQuote)
    {
        var end = passage.Close >= 0 ? passage.Close + 1 : passage.Inner.End;
        for (var t = words.IndexAtOrAfter(passage.Open); t < words.Count && words.Tokens[t].Span.Start < end; t++) insideQuote[t] = true;
    }

    /// <summary>The learned tagger's attributions whose content no rule attribution overlaps (the rules' speakers and kinds stay).</summary>
    private void AddTagged(List<Found> found, TaggedAttributionMerge merge, CancellationToken cancellationToken)
    {
        var owner = new int[_tokens.Length];
        Array.Fill(owner, -1);
        var ruleCues = new int[_tokens.Length];
        Array.Fill(ruleCues, -1);
        for (var i = 0; i < found.Count; i++)
        {
            Mark(owner, found[i].Content, i);
            if (found[i].Cue is { } ruleCue) ruleCues.AsSpan(ruleCue.Start, ruleCue.End - ruleCue.Start).Fill(i);
        }

        foreach (var (tagged, rival) in merge.Select(Words, _cueScores, _sentences, _insideQuote, owner, ruleCues, _lexicon, cancellationToken, _taggedRoles))
        {
            if (_phrases.Trim(new SpeakerPhrase(tagged.SourceStart, tagged.SourceEnd, tagged.SourceStart)) is not { } source) continue;
            if (rival >= 0)
            {
                // Indirect speech with a learned cue only: the rules' direct-quote speakers, and those of listed cues, are the better ones.
                if (found[rival] is { Kind: QuoteKind.Indirect, Speaker: { } speaker, Cue.Pattern.Learned: true } rule && (speaker.End <= source.Start || speaker.Start >= source.End))
                {
                    found[rival] = rule with { Speaker = source };
                }

                continue;
            }

            var content = new TextSpan(_tokens[tagged.ContentStart].Span.Start, _tokens[tagged.ContentEnd - 1].Span.End);
            var cue = tagged.HasCue ? new CueMatch(tagged.CueStart, tagged.CueEnd, TaggedAttributionMerge.CuePatternOf(Words, tagged)) : null;
            var attribution = new Found(content, merge.KindOf(_insideQuote, tagged), cue, WithHeadBeforeCue(source));
            if (ReportsSpeech(attribution)) found.Add(attribution);
        }
    }

    /// <summary>How many lower-case words a tagged source may lack before its head ("the tech" for "the tech giant").</summary>
    private const int MaxMissingHeadWords = 2;

    /// <summary>
    /// "the tech giant called the report “malicious,” questioning its timing": the tagger may end a subject that opens
    /// with a determiner short of its head ("the tech"); when lower-case words, none an auxiliary or an adverb, and then a
    /// listed cue follow it, those words complete it.
    /// </summary>
    private SpeakerPhrase WithHeadBeforeCue(SpeakerPhrase source)
    {
        if (!Determiners.Contains(Words.Lower(source.Start))) return source;
        var end = source.End;
        while (end < _tokens.Length && end - source.End < MaxMissingHeadWords && _tokens[end].Kind == TokenKind.Word && !Words.IsCapitalised(end)
               && !_insideQuote[end] && !Words.IsAdverb(end) && !_lexicon.SkipBeforeCue.Contains(Words.Lower(end)) && !Auxiliaries.Contains(Words.Lower(end))
               && MatchCue(end) is null)
        {
            end++;
        }

        return end > source.End && end < _tokens.Length && MatchCue(end) is { Pattern.Learned: false } ? source with { End = end } : source;
    }

    private void Mark(int[] tokens, TextSpan span, int value)
    {
        for (var t = Words.IndexAtOrAfter(span.Start); t < _tokens.Length && _tokens[t].Span.Start < span.End; t++) tokens[t] = value;
    }

    private void Use(CueMatch cue)
    {
        for (var t = cue.Start; t < cue.End; t++) _usedCue[t] = true;
    }

    private void Cover(TextSpan content)
    {
        for (var t = Words.IndexAtOrAfter(content.Start); t < _tokens.Length && _tokens[t].Span.Start < content.End; t++) _covered[t] = true;
    }

    private (int Start, int End) SentenceTokens(int token)
    {
        var s = _sentenceOf[token];
        if (s < 0) return (token, token + 1);
        var sentence = _sentences[s];
        return (sentence.FirstToken, Math.Min(sentence.EndToken, _tokens.Length));
    }

    /// <summary>The quote opens a clause: it starts its paragraph or follows end punctuation, a colon or a dash.</summary>
    private bool StartsClause(int open)
    {
        for (var i = open - 1; i >= 0; i--)
        {
            var c = _text[i];
            if (c is '\n' or '\r') return true;
            if (char.IsWhiteSpace(c)) continue;
            return c is '.' or '!' or '?' or ':' or ';' or '—' or '–' or '(' or '”' or '"' or '\'';
        }

        return true;
    }

    /// <summary>"X said: “…”", "X said, “…”", "X said “…”", and a colon ending the paragraph before the quote.</summary>
    private Attribution? AttributeBefore(int openToken)
    {
        var k = openToken - 1;
        if (k < 0) return null;
        var mark = Words.Text(k);
        var sameParagraph = _paragraphOf[k] == _paragraphOf[openToken];
        if (mark == ":")
        {
            var (sentenceStart, _) = SentenceTokens(k);
            var cue = NearModelCue(k - 1, Math.Max(sentenceStart, k - NearVerbTokens)) ?? FindCueBackwards(k - 1, Math.Max(sentenceStart, k - 12));
            if (cue is not null) return WithSpeaker(cue, sentenceStart, k, speakerAfterQuote: false) ?? SubjectIntroducing(cue, k, sentenceStart);
            var source = HeadlineSource(k) ?? NameBeforeColon(k, sentenceStart) ?? SourceOfExcerpt(k, sentenceStart) ?? SubjectBeforeColon(k, sentenceStart);
            return source is null ? null : new Attribution(ColonCue(k), source, false);
        }

        if (!sameParagraph) return null;
        if (mark == ",")
        {
            // "…,” the spokesperson added, “and …”: the cue may already carry the quote before; it carries this one too.
            var (sentenceStart, _) = SentenceTokens(k);
            var cue = FindCueBackwards(k - 1, Math.Max(sentenceStart, k - NearVerbTokens), allowUsed: true) ?? NearModelCue(k - 1, Math.Max(sentenceStart, k - NearVerbTokens)) ??
                      CueBeforeAdverbial(k - 1, Math.Max(sentenceStart, k - FarVerbTokens));
            return cue is null ? null : WithSpeaker(cue, sentenceStart, k, speakerAfterQuote: false);
        }

        for (var start = k; start >= Math.Max(0, k - 2); start--)
        {
            // "Reid says he voted “uncommitted.”", "he wanted “common-sense solutions …”": a counted verb's quoted
            // object is a partial quote of the speech around it, not a quotation of its own.
            if (MatchCue(start) is { } cue && cue.End == k + 1 && !_usedCue[start] && !cue.Pattern.Learned)
            {
                var (sentenceStart, _) = SentenceTokens(k);
                return WithSpeaker(cue, sentenceStart, k, speakerAfterQuote: false);
            }
        }

        return null;
    }

    private Attribution? WithSpeaker(CueMatch cue, int floor, int ceiling, bool speakerAfterQuote)
    {
        if (PreviousCueSpeaker(cue, floor) is { } same) return new Attribution(cue, same, speakerAfterQuote);
        if (ParticipleSubject(cue, floor) is { } clauseSubject) return new Attribution(cue, clauseSubject, speakerAfterQuote);
        if (_phrases.LeftOf(cue.Start, floor) is { } left) return new Attribution(cue, left, speakerAfterQuote);
        if (_phrases.SharedSubject(cue.Start, floor) is { } subject) return new Attribution(cue, subject, speakerAfterQuote);
        if (cue.Pattern.Words[0] != "according" && !cue.Pattern.Learned && !IsTell(cue) && _phrases.RightOf(cue.End, ceiling) is { } right) return new Attribution(cue, right, speakerAfterQuote);
        if (cue.Pattern.Words[0] == "according" && _phrases.RightOf(cue.End, ceiling) is { } source) return new Attribution(cue, source, speakerAfterQuote);
        return null;
    }

    /// <summary>
    /// "…,” he said, adding, “…”", "said Biden, adding: “…”": a participle cue right after another cue and a comma
    /// speaks for that cue's speaker, not for the sentence's first name.
    /// </summary>
    private SpeakerPhrase? PreviousCueSpeaker(CueMatch cue, int floor)
    {
        var comma = cue.Start - 1;
        if (!Words.Lower(cue.Start).EndsWith("ing", StringComparison.Ordinal) || comma - 1 < floor || Words.Text(comma) != ",") return null;
        for (var start = comma - 1; start >= Math.Max(floor, comma - 3); start--)
        {
            if (MatchCue(start) is not { } previous || previous.Pattern.Learned) continue;
            if (previous.End == comma) return _phrases.LeftOf(previous.Start, floor);
            if (_phrases.RightOf(previous.End, comma) is { } after && after.End == comma) return after;
        }

        return null;
    }

    /// <summary>
    /// The sentence's subject for a participle cue ("…, calling him", "emailed supporters saying") whose nearest noun
    /// phrase is not that subject; null when the nearest phrase opens the sentence or is a relative "who".
    /// </summary>
    private SpeakerPhrase? ParticipleSubject(CueMatch cue, int sentenceStart)
    {
        var word = Words.Lower(cue.Start);
        if (!word.EndsWith("ing", StringComparison.Ordinal) || word == "according" || cue.Start - sentenceStart < 3) return null;
        if (NameAfterOf(cue.Start, sentenceStart) is { } shown) return shown;
        var left = _phrases.LeftOf(cue.Start, sentenceStart);
        if (left is not null && (left.ExtentStart <= sentenceStart || left.Refers is not null || Words.Lower(left.Start) is "who" or "which")) return null;
        if (left is not null && left.End == cue.Start && NamesItsAuthor(left)) return null;
        return _phrases.ClauseSubject(sentenceStart, cue.Start);
    }

    /// <summary>
    /// "footage of Trump saying …", "the share of Republicans saying …", "an account of Clinton telling one agent …": the
    /// name between "of" and a participle is who the participle shows speaking.
    /// </summary>
    private SpeakerPhrase? NameAfterOf(int participle, int sentenceStart)
    {
        var start = participle;
        while (start - 1 > sentenceStart && Words.IsCapitalised(start - 1) && !_insideQuote[start - 1]) start--;
        return start < participle && Words.Lower(start - 1) == "of" ? new SpeakerPhrase(start, participle, start) : null;
    }

    /// <summary>
    /// "refuted allegations made in a recent Financial Times report claiming that …": a document that names its author,
    /// right before the participle, is what makes the statement; the participle is its reduced relative, not the main
    /// clause's ("she released a statement saying …" names no author and stays the subject's).
    /// </summary>
    private bool NamesItsAuthor(SpeakerPhrase phrase) =>
        _lexicon.OutletWords.Contains(Words.Lower(phrase.End - 1)) && Enumerable.Range(phrase.Start, phrase.End - 1 - phrase.Start).Any(i => Words.IsCapitalised(i) && Words.Lower(i) != "the");

    /// <summary>"“…,” Zhang added.", "“…,” said a Hong Kong-based geopolitical analyst.", "“…” the spokesperson added, “…”".</summary>
    private Attribution? AttributeAfter(int closeToken)
    {
        var start = closeToken + 1;
        var paragraph = _paragraphOf[closeToken];
        while (start < _tokens.Length && Words.Text(start) is "," or "'" or "''" or "’" && _paragraphOf[start] == paragraph) start++;
        var limit = Math.Min(_tokens.Length, start + AttributionWindow);
        var j = start;
        for (; j < limit; j++)
        {
            if (_paragraphOf[j] != paragraph || _insideQuote[j] || EndsSentence(j)) break;
            if (MatchCue(j, nextToQuote: GoesOn(closeToken)) is not { } cue || _usedCue[j]) continue;

            // "… farmers.” The e-commerce giant wants to ease tension": after a quote closed by a full stop, a verb the
            // list does not hold opens a sentence of its own.
            if (closeToken > 0 && Words.Text(closeToken - 1) == "." && !IsCurated(cue)) continue;
            var stop = j;
            while (stop < limit && _paragraphOf[stop] == paragraph && !_insideQuote[stop] && !EndsSentence(stop)) stop++;
            if (j == start)
            {
                if (cue.Pattern.Learned) return VerbBeforeSubject(closeToken, cue, stop);
                return _phrases.RightOf(cue.End, stop) is { } right ? new Attribution(cue, right, true) : null;
            }

            // "… France.” He said he had directed …": a cue followed by its own content starts a new attribution. A quote
            // whose last mark is a comma is not done until its attribution comes ("“…,” Romney tweeted the day after …").
            var next = cue.End;
            var opensOwnContent = next < stop && !GoesOn(closeToken) && (IsTell(cue) ? Words.Lower(next) == "that" : OpensReportedClause(next));
            if (!opensOwnContent && _phrases.LeftOf(cue.Start, start) is { } left && left.ExtentStart == start) return new Attribution(cue, left, true);
            if (!opensOwnContent && _phrases.SubjectBeforeRelative(cue.Start, start) is { } subject) return new Attribution(cue, subject, true);
            // "“…,” Warren, who has not endorsed a candidate, told …": a learned cue inside the subject's relative clause is not its verb.
            if (!cue.Pattern.Learned) return null;
        }

        return UnlistedVerbAfter(closeToken, start, j);
    }

    /// <summary>The quote does not end its sentence: its last mark is a comma ("“…,” she said").</summary>
    private bool GoesOn(int closeToken) => closeToken >= 1 && Words.Text(closeToken - 1) == ",";

    /// <summary>How far after a quote an unlisted verb may stand behind its subject ("…,” an angry Hollande retaliated).</summary>
    private const int MaxSubjectBeforeVerb = 6;

    /// <summary>
    /// "“…,” Toomey fumed.", "“…!” beamed Donald Hartley": a quote that does not end its sentence (its last mark is a
    /// comma, "!" or "?") and is followed by a subject and a verb, or a verb and a subject, is that subject's, though the
    /// verb is in no list; the cue model must take the verb for a cue.
    /// </summary>
    private Attribution? UnlistedVerbAfter(int closeToken, int start, int stop)
    {
        if (closeToken < 1 || Words.Text(closeToken - 1) is not ("," or "!" or "?") || start >= stop) return null;
        if (!Words.IsCapitalised(start) && ModelCue(start) is { } first) return VerbBeforeSubject(closeToken, first, stop);

        for (var v = start + 1; v < Math.Min(stop, start + MaxSubjectBeforeVerb); v++)
        {
            if (Words.IsPunctuation(v) && !Words.Text(v).Contains('’') && !Words.Text(v).Contains('\'')) return null;
            if (Words.IsCapitalised(v) || ModelCue(v) is not { } verb) continue;
            return _phrases.LeftOf(verb.Start, start) is { } subject && subject.ExtentStart == start ? new Attribution(verb, subject, true) : null;
        }

        return null;
    }

    /// <summary>
    /// "“…,” opined Cleveland's Plain Dealer.", "“…!” beamed Donald Hartley": a verb that is no listed speech verb, right
    /// after a quote that does not end its sentence, speaks for the name or determined phrase after it. A participle
    /// does not invert: "“malicious,” questioning its timing" goes on the sentence's own clause.
    /// </summary>
    private Attribution? VerbBeforeSubject(int closeToken, CueMatch verb, int stop)
    {
        if (closeToken < 1 || Words.Text(closeToken - 1) is not ("," or "!" or "?") || Words.IsCapitalised(verb.Start) ||
            Words.Lower(verb.Start).EndsWith("ing", StringComparison.Ordinal))
        {
            return null;
        }

        return _phrases.RightOf(verb.End, stop) is { } after && (Words.IsCapitalised(after.Start) || Determiners.Contains(Words.Lower(after.Start)))
            ? new Attribution(verb, after, true)
            : null;
    }

    private static readonly CuePattern Colon = new([":"], false);

    private static CueMatch ColonCue(int colon) => new(colon, colon + 1, Colon);

    /// <summary>
    /// "Kerry: …", "Clinton camp: Trump's Islamaphobia threatens national security": a short name opening the sentence
    /// and a colon attribute what follows, as headlines do.
    /// </summary>
    private SpeakerPhrase? HeadlineSource(int colon)
    {
        if (colon <= 0 || Words.Text(colon) != ":" || _insideQuote[colon]) return null;
        var (sentenceStart, _) = SentenceTokens(colon);
        if (colon - sentenceStart > MaxHeadlineSourceTokens || _paragraphOf[sentenceStart] != _paragraphOf[colon]) return null;
        for (var t = sentenceStart; t < colon; t++)
        {
            if (_insideQuote[t] || Words.IsPunctuation(t) && !Words.Text(t).StartsWith('\'') && Words.Text(t) is not ("’s" or "'s" or "’")) return null;
        }

        if (!Words.IsCapitalised(sentenceStart) || _lexicon.NotHeadlineSources.Contains(Words.Lower(sentenceStart))) return null;
        return _phrases.LeftOf(colon, sentenceStart) is { } phrase && phrase.Start == sentenceStart && _classifier.NamesSource(phrase.Start, phrase.End) ? phrase : null;
    }

    private const int MaxHeadlineSourceTokens = 5;

    /// <summary>
    /// "… doesn't surprise Republican pollster Daron Shaw: “…”", "Pollsters agree - Carl Bialik: “…”": a name right
    /// before the colon that opens a quote introduces its speaker, as an interview or a round-up of views does.
    /// </summary>
    private SpeakerPhrase? NameBeforeColon(int colon, int sentenceStart)
    {
        if (colon - 1 < sentenceStart || _insideQuote[colon - 1] || !Words.IsCapitalised(colon - 1)) return null;
        return _phrases.LeftOf(colon, sentenceStart) is { } phrase && phrase.End == colon && _phrases.EndsInName(phrase) &&
               !_lexicon.NotHeadlineSources.Contains(Words.Lower(phrase.Start))
            ? phrase
            : null;
    }

    /// <summary>
    /// "From the report: “…”", "From Bush's Facebook post: “…”", "-More from Blumenthal and Cohen: “…”": a label naming
    /// where an excerpt comes from names its source.
    /// </summary>
    private SpeakerPhrase? SourceOfExcerpt(int colon, int sentenceStart)
    {
        var from = colon - 1;
        while (from > sentenceStart && colon - from <= MaxExcerptSourceTokens && Words.Lower(from) != "from") from--;
        if (Words.Lower(from) != "from" || _insideQuote[from]) return null;
        var label = from > sentenceStart && Words.Lower(from - 1) == "more" ? from - 1 : from;
        if (label > sentenceStart && Words.Text(label - 1) is not ("-" or "—" or "–")) return null;
        return _phrases.RightOf(from + 1, colon) is { } source && source.End == colon ? source : null;
    }

    private const int MaxExcerptSourceTokens = 8;

    /// <summary>"Asked about her future, Marta Silva was blunt: “…”": a cue whose speaker is not there, in an introduction, leaves the colon to the clause's subject.</summary>
    private Attribution? SubjectIntroducing(CueMatch cue, int colon, int sentenceStart) =>
        SubjectBeforeColon(colon, sentenceStart) is { } subject && subject.Start > cue.End ? new Attribution(ColonCue(colon), subject, false) : null;

    /// <summary>
    /// "Asked about her future, Marta Silva was blunt: “…”", "Perez lobbies for a higher minimum wage: “…”": with
    /// no verb of speech, the subject of the clause that a colon ends introduces the quote after it.
    /// </summary>
    private SpeakerPhrase? SubjectBeforeColon(int colon, int sentenceStart)
    {
        // "The full transcript as follows: “…”": a label, not a clause, introduces what the transcript's speakers say.
        if (colon - 1 <= sentenceStart || _insideQuote[colon - 1] || Words.Lower(colon - 1) is "follows" or "following") return null;
        // "… “down the line” he warned: “…”": a cue that already gave a quote its speaker gives this one the same, as a continuation.
        for (var t = sentenceStart; t < colon; t++)
        {
            if (_usedCue[t]) return null;
        }

        return _phrases.ClauseSubject(sentenceStart, colon);
    }

    /// <summary>A period ends the sentence only where the splitter ended one: "Rep. Gwen Moore (D-Wis.) said" goes on.</summary>
    private bool EndsSentence(int token) =>
        Words.IsSentenceEnd(token) && (token + 1 >= _tokens.Length || _sentenceOf[token + 1] != _sentenceOf[token]);

    /// <summary>
    /// "“…” ― Pamela Padilla": a dash after the closing mark and a name ending the paragraph sign the quote; so does a
    /// paragraph of its own under a quote that ends its paragraph ("- Bernie Sanders.", "-President Obama, tweeting after
    /// Clinton's speech."), as fact checks lay out the statements they check.
    /// </summary>
    private SpeakerPhrase? SignedBelow(int closeToken)
    {
        var dash = closeToken + 1;
        if (dash >= _tokens.Length || Words.Text(dash) is not ("―" or "—" or "–" or "-" or "--")) return null;
        var below = _paragraphOf[dash] == _paragraphOf[closeToken] + 1;
        if (_paragraphOf[dash] != _paragraphOf[closeToken] && !below) return null;
        var end = dash + 1;
        while (end < _tokens.Length && _paragraphOf[end] == _paragraphOf[dash] && !_insideQuote[end] && !(below && Words.Text(end) == ",")) end++;
        if (below && end < _tokens.Length && Words.Text(end) == ",")
        {
            // "-President Obama, tweeting after …": a participle after the name says where the words were said.
            if (!Words.Lower(end + 1).EndsWith("ing", StringComparison.Ordinal)) return null;
            return SignatureName(dash, end);
        }

        while (end > dash + 1 && Words.IsPunctuation(end - 1)) end--;
        if (end < _tokens.Length && _paragraphOf[end] == _paragraphOf[dash] && !Words.IsPunctuation(end)) return null;
        return SignatureName(dash, end);
    }

    /// <summary>The words between the signing dash and <paramref name="end"/>, when they are a short name: capitalised, at most six.</summary>
    private SpeakerPhrase? SignatureName(int dash, int end)
    {
        if (end == dash + 1 || end - dash - 1 > 6) return null;
        for (var t = dash + 1; t < end; t++)
        {
            if (!Words.IsCapitalised(t) && !Words.IsPunctuation(t)) return null;
        }

        return new SpeakerPhrase(dash + 1, end, dash + 1);
    }

    /// <summary>How close before the comma or colon opening a quote its verb stands ("Hillary shot back, “…”").</summary>
    private const int NearVerbTokens = 4;

    /// <summary>
    /// "Rubio fired back forcefully: “…”", "Hillary shot back, “…”": a verb the cue model takes for a cue, right before
    /// the mark that opens a quote, with no listed cue nearer.
    /// </summary>
    private CueMatch? NearModelCue(int from, int floor)
    {
        for (var t = from; t >= floor && t >= 0; t--)
        {
            if (_insideQuote[t] || _usedCue[t] || MatchCue(t) is not null) return null;
            if (!Words.IsCapitalised(t) && ModelCue(t) is { } cue) return cue;
        }

        return null;
    }

    /// <summary>How far before the comma opening a quote a listed cue may stand behind its adverbials ("wrote to his 20,000 Twitter followers, “…”").</summary>
    private const int FarVerbTokens = 10;

    /// <summary>
    /// "Canova wrote to his 20,000 Twitter followers, “…”", "told the Reuters news agency simply, “…”": a listed cue
    /// whose words up to the comma are a prepositional phrase, a time or an addressee introduces the quote.
    /// </summary>
    private CueMatch? CueBeforeAdverbial(int from, int floor)
    {
        for (var t = from; t >= floor && t >= 0; t--)
        {
            if (_insideQuote[t] || Words.IsPunctuation(t) || Words.Lower(t) == "that") return null;
            if (MatchCue(t) is not { } cue || _usedCue[t]) continue;
            return !cue.Pattern.Learned && cue.End <= from && (IsTell(cue) || AdverbialOpeners.Contains(Words.Lower(cue.End))) ? cue : null;
        }

        return null;
    }

    /// <summary>
    /// The nearest cue before the mark that opens a quote (right after <paramref name="from"/>); the quote is its
    /// content, so a cue that otherwise needs "that" may stand right before the mark ("Billy Joel sings, “…”").
    /// </summary>
    private CueMatch? FindCueBackwards(int from, int floor, bool allowUsed = false)
    {
        for (var t = from; t >= floor && t >= 0; t--)
        {
            if (_insideQuote[t] || _usedCue[t] && !allowUsed) continue;
            if (MatchCue(t, nextToQuote: t == from) is { } cue) return cue;
        }

        return null;
    }

    /// <summary>
    /// The cue starting at a token, if any. The cue model is consulted only for indirect speech (<paramref name="useModel"/>):
    /// next to a quotation mark its open-ended verbs ("wants", "supports") would take quotes from the speakers named by listed cues.
    /// Next to a quote that is its content (<paramref name="nextToQuote"/>: after a quote that goes on into its attribution,
    /// or before one), a cue that otherwise needs "that" does without when its clause ends or an adverbial follows: "“…,” a
    /// voice-over in the ad states.", "“…,” the Saudis state in the white paper", "Billy Joel sings, “…”".
    /// </summary>
    private CueMatch? MatchCue(int t, bool useModel = false, bool nextToQuote = false)
    {
        if (!_lexicon.CuesByFirstWord.TryGetValue(Words.Lower(t), out var patterns)) patterns = [];
        if (patterns.Length == 0 && (_lexicon.CueModel is null || !useModel)) return null;
        // A capital inside a sentence is a name or a headline ("the United States", "New Report Revealed"), not a cue.
        if (Words.IsCapitalised(t) && t > 0 && !(_sentenceOf[t] >= 0 && _sentences[_sentenceOf[t]].FirstToken == t) && !Words.IsPunctuation(t - 1)) return null;
        if (IsPassive(t)) return null;
        foreach (var pattern in patterns)
        {
            var end = t + pattern.Words.Length;
            if (end > _tokens.Length) continue;
            var matches = true;
            for (var i = 1; i < pattern.Words.Length && matches; i++) matches = Words.Lower(t + i) == pattern.Words[i];
            if (!matches) continue;
            if (pattern.RequiresThat && (end >= _tokens.Length || Words.Lower(end) != "that") && !(nextToQuote && EndsAttributionClause(end))) continue;
            // "Trump regularly incites …": annotators start cues at adverbs, but the verb after one heads the cue.
            if (pattern.Learned && Words.IsAdverb(t)) continue;
            // "the report", "a claim", "to say": the noun or the infinitive, not a reporting verb.
            if (pattern.Words[0] != "according" && (IsNounPosition(t) || NounAfterPossessive(t, end))) continue;
            return new CueMatch(t, end, pattern);
        }

        return useModel ? ModelCue(t) : null;
    }

    /// <summary>"was accused of", "is expected to": a passive names the target, not the source.</summary>
    private bool IsPassive(int t)
    {
        var word = Words.Lower(t);
        if (word.EndsWith("ing", StringComparison.Ordinal) || word.EndsWith('s')) return false;
        var before = t - 1;
        while (before >= 0 && Words.IsAdverb(before)) before--;
        return Words.Lower(before) is "was" or "were" or "is" or "are" or "be" or "been" or "being" or "’s" or "'s" || IsAccusedOf(t);
    }

    /// <summary>
    /// "several Chinese companies accused of facilitating …": "accuse" takes its object before "of", so "accused of" is a
    /// passive even without a copula, and the phrase before it is the accused, whoever the tagger takes it for.
    /// </summary>
    private bool IsAccusedOf(int t) => Words.Lower(t) == "accused" && Words.Lower(t + 1) == "of";

    /// <summary>After a determiner or "to", a cue word is a noun or an infinitive ("the report", "to say").</summary>
    private bool IsNounPosition(int t) => t > 0 && (Determiners.Contains(Words.Lower(t - 1)) || Words.Lower(t - 1) == "to");

    /// <summary>The cue's clause ends here, or an adverbial follows it ("in the white paper", "on Monday").</summary>
    private bool EndsAttributionClause(int token) =>
        token >= _tokens.Length || Words.IsPunctuation(token) || Words.Lower(token) is "in" or "on" or "at" or "during" or "after" or "to";

    /// <summary>A word no listed cue matches may still head one in its context ("Trump wants …"); the cue model decides.</summary>
    private CueMatch? ModelCue(int t)
    {
        if (_lexicon.CueModel is null || t >= _tokens.Length || _tokens[t].Kind != TokenKind.Word || Words.IsAdverb(t) || _lexicon.NotCues.Contains(Words.Lower(t))) return null;
        // "Officials ca n't say that …": an auxiliary, a clitic or an adverb before the verb never heads the cue.
        if (_lexicon.SkipBeforeCue.Contains(Words.Lower(t))) return null;
        if (IsNounPosition(t) || NounAfterPossessive(t, t + 1)) return null;
        return _cueScores[t] > _lexicon.CueModelThreshold ? new CueMatch(t, t + 1, new CuePattern([Words.Lower(t)], false, Learned: true)) : null;
    }

    /// <summary>Indirect speech: "X said (that) …", "according to X, …", "…, X said." — one attribution per cue, outermost first.</summary>
    private void FindIndirect(List<Found> found, List<QuotedPassage> passages, CancellationToken cancellationToken)
    {
        foreach (var sentence in _sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sentenceStart = sentence.FirstToken;
            var sentenceEnd = Math.Min(sentence.EndToken, _tokens.Length);
            TakeHeadline(found, sentenceStart, sentenceEnd);
            for (var t = sentenceStart; t < sentenceEnd; t++)
            {
                if (_insideQuote[t] || _usedCue[t] || _covered[t]) continue;
                if (MatchCue(t, useModel: true) is not { } cue) continue;
                if (Indirect(cue, sentenceStart, sentenceEnd) is not { } quote || !ReportsSpeech(quote)) continue;
                Use(cue);
                var content = quote.Content;
                var mixed = ContainsPassage(passages, content);
                found.Add(quote with { Kind = mixed ? QuoteKind.Mixed : QuoteKind.Indirect });
                Cover(content);
                t = cue.End - 1;
            }
        }
    }

    private void TakeHeadline(List<Found> found, int sentenceStart, int sentenceEnd)
    {
        var limit = Math.Min(sentenceEnd, sentenceStart + MaxHeadlineSourceTokens + 1);
        for (var colon = sentenceStart + 1; colon < limit; colon++)
        {
            if (Words.Text(colon) != ":") continue;
            if (HeadlineSource(colon) is not { } source) return;
            // "Portion Fix Containers: 1 Green, 1 Red": a label before a list of quantities attributes nothing.
            if (colon + 1 < sentenceEnd && _tokens[colon + 1].Kind == TokenKind.Number) return;
            var contentEnd = sentenceEnd;
            while (contentEnd > colon && Words.IsSentenceEnd(contentEnd - 1)) contentEnd--;
            if (Make(colon + 1, contentEnd, QuoteKind.Indirect, ColonCue(colon), source) is not { } quote) return;
            found.Add(quote);
            Cover(quote.Content);
            return;
        }
    }

    /// <summary>Whether a passage lies inside the span; passages are in text order, so a binary search finds the candidate.</summary>
    private static bool ContainsPassage(List<QuotedPassage> passages, TextSpan span)
    {
        int low = 0, high = passages.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (passages[mid].Inner.Start < span.Start) low = mid + 1;
            else high = mid;
        }

        return low < passages.Count && span.Contains(passages[low].Inner);
    }

    private Found? Indirect(CueMatch cue, int sentenceStart, int sentenceEnd)
    {
        var contentEnd = sentenceEnd;
        while (contentEnd > sentenceStart && Words.IsSentenceEnd(contentEnd - 1)) contentEnd--;
        if (cue.Pattern.Words[0] == "according")
        {
            var stop = cue.End;
            while (stop < contentEnd && Words.Text(stop) != ",") stop++;
            if (_phrases.RightOf(cue.End, stop) is not { } source) return null;
            if (cue.Start - 1 > sentenceStart && Words.Text(cue.Start - 1) == ",")
            {
                return Make(sentenceStart, cue.Start - 1, QuoteKind.Indirect, cue, source);
            }

            var from = stop < contentEnd && Words.Text(stop) == "," ? stop + 1 : stop;
            return Make(from, contentEnd, QuoteKind.Indirect, cue, source);
        }

        if (InvertedAside(cue, sentenceStart, contentEnd) is { } aside) return aside;
        var left = PreviousCueSpeaker(cue, sentenceStart) ?? ParticipleSubject(cue, sentenceStart) ?? _phrases.LeftOf(cue.Start, sentenceStart) ??
                   _phrases.SharedSubject(cue.Start, sentenceStart);
        var contentStart = ContentStartAfter(cue, contentEnd);
        if (left is { Refers: not null } && contentStart >= 0) contentEnd = RelativeClauseEnd(contentStart, contentEnd);
        if (left is not null && contentStart >= 0 && contentEnd - contentStart >= 3)
        {
            return Make(contentStart, NextCueAfterAnd(contentStart, contentEnd), QuoteKind.Indirect, cue, left);
        }

        // "In the end, X said, union voters …": the attribution sits inside its content; the longer side is kept.
        if (left is not null && Words.Text(cue.End) == "," && left.ExtentStart - 1 > sentenceStart && Words.Text(left.ExtentStart - 1) == ",")
        {
            var afterStart = cue.End + 1;
            var beforeEnd = left.ExtentStart - 1;
            return contentEnd - afterStart >= beforeEnd - sentenceStart
                ? Make(afterStart, contentEnd, QuoteKind.Indirect, cue, left)
                : Make(sentenceStart, beforeEnd, QuoteKind.Indirect, cue, left);
        }

        // "…, X said." and "…, said X.": the content comes first.
        // "These were not omissions, Brafman noted; the government had …": a semicolon ends what the cue closes.
        var trailingEnd = cue.End;
        while (trailingEnd < contentEnd && Words.Text(trailingEnd) != ";") trailingEnd++;
        var trailing = trailingEnd - cue.End;
        if (trailing > 6) return null;
        if (left is not null && left.ExtentStart - 1 > sentenceStart && Words.Text(left.ExtentStart - 1) == ",")
        {
            return Make(sentenceStart, left.ExtentStart - 1, QuoteKind.Indirect, cue, left);
        }

        if (left is null && !cue.Pattern.Learned && cue.Start - 1 > sentenceStart && Words.Text(cue.Start - 1) == "," && _phrases.RightOf(cue.End, contentEnd) is { } right)
        {
            return Make(sentenceStart, cue.Start - 1, QuoteKind.Indirect, cue, right);
        }

        return null;
    }

    /// <summary>
    /// "The key to Stadia's success, says Buser, is Google's infrastructure": a listed cue between commas with a name
    /// after it is an aside inside its content, and the name speaks the whole sentence around it; before an apposition
    /// ("…, said Mark Quinlan, PG&E's senior director of emergency preparedness") it ends the content.
    /// </summary>
    private Found? InvertedAside(CueMatch cue, int sentenceStart, int contentEnd)
    {
        var comma = cue.Start - 1;
        if (cue.Pattern.Learned || comma <= sentenceStart || Words.Text(comma) != "," || _phrases.RightOf(cue.End, contentEnd) is not { } speaker) return null;
        if (!Words.IsCapitalised(speaker.Start) || speaker.End >= contentEnd - 1 || Words.Text(speaker.End) != ",") return null;
        // "…, said Mark Quinlan, PG&E's senior director …": an apposition, not the rest of a clause, may follow the name.
        var goesOn = Auxiliaries.Contains(Words.Lower(speaker.End + 1)) || FiniteVerbs.Contains(Words.Lower(speaker.End + 1));
        return Make(sentenceStart, goesOn ? contentEnd : comma, QuoteKind.Indirect, cue, speaker);
    }

    /// <summary>
    /// "he did say he found Trump charming and called his standing “unheard of”": a second listed cue after "and" starts
    /// its own attribution, so the first content ends before it.
    /// </summary>
    private int NextCueAfterAnd(int contentStart, int contentEnd)
    {
        for (var i = contentStart + 1; i < contentEnd - 1; i++)
        {
            if (_insideQuote[i] || Words.Lower(i) is not ("and" or "but")) continue;
            var next = i + 1;
            while (next < contentEnd && Words.IsAdverb(next)) next++;
            if (next >= contentEnd || Words.IsCapitalised(next) || !_lexicon.CuesByFirstWord.TryGetValue(Words.Lower(next), out var patterns)) continue;
            if (!patterns.Any(p => !p.Learned && !p.RequiresThat)) continue;
            var end = Words.Text(i - 1) == "," ? i - 1 : i;
            return end - contentStart >= 3 ? end : contentEnd;
        }

        return contentEnd;
    }

    /// <summary>
    /// "One resident, who asked not to be named, said flames …": a cue inside a relative clause attributes no further
    /// than the comma that closes the clause before the main clause's cue, which keeps the rest for its own.
    /// </summary>
    private int RelativeClauseEnd(int contentStart, int contentEnd)
    {
        for (var i = contentStart; i < contentEnd - 1; i++)
        {
            if (_insideQuote[i] || Words.Text(i) != ",") continue;
            var next = i + 1;
            while (next < contentEnd && Words.IsAdverb(next)) next++;
            if (next < contentEnd && !Words.IsCapitalised(next) && _lexicon.CuesByFirstWord.TryGetValue(Words.Lower(next), out var patterns) &&
                patterns.Any(p => !p.Learned && !p.RequiresThat))
            {
                return i;
            }
        }

        return contentEnd;
    }

    /// <summary>Verbs whose object is the addressee ("told reporters"), never the speaker.</summary>
    private static bool IsTell(CueMatch cue) =>
        cue.Pattern.Words[0] is "tell" or "tells" or "told" or "telling" or "warn" or "warns" or "warned" or "assure" or "assured" or "remind" or "reminded" or "ask" or "asked" or "asks" or "urge" or "urged";

    private static readonly HashSet<string> ClauseOpeners =
        ["that", "he", "she", "they", "it", "we", "i", "you", "there", "the", "a", "an", "his", "her", "their", "its", "this", "these", "those", "no", "some", "many", "most"];

    private static readonly HashSet<string> FiniteVerbs =
        ["could", "would", "will", "was", "is", "are", "were", "had", "has", "have", "should", "might", "may", "can", "did", "does", "must", "wants", "needs"];

    /// <summary>Whether the words after a cue start a reported clause ("he had directed", "Trump could win") rather than a time or a place ("Saturday night").</summary>
    private bool OpensReportedClause(int token) =>
        ClauseOpeners.Contains(Words.Lower(token)) ||
        Words.IsCapitalised(token) && (FiniteVerbs.Contains(Words.Lower(token + 1)) || Words.IsCapitalised(token + 1) && FiniteVerbs.Contains(Words.Lower(token + 2)));

    /// <summary>
    /// Where the reported content begins after a cue: after "that" when it comes right away or after a recipient or
    /// an adverbial ("told reporters that", "said on Monday that"); otherwise right after the cue, unless a preposition
    /// or punctuation follows it ("concluded with a deal", "said, adding") — then there is no content after the cue.
    /// </summary>
    private int ContentStartAfter(CueMatch cue, int contentEnd)
    {
        var first = cue.End;
        if (first >= contentEnd) return -1;
        if (Words.Lower(first) == "that") return first + 1;
        var opensWithAdverbial = AdverbialOpeners.Contains(Words.Lower(first));
        var mayPrecedeThat = TimeOrPlaceOpeners.Contains(Words.Lower(first));
        var isTell = IsTell(cue);
        if (mayPrecedeThat || isTell)
        {
            for (var i = first + 1; i < Math.Min(contentEnd, first + ThatWindow); i++)
            {
                if (Words.Lower(i) == "that") return i + 1;
                if (Words.IsPunctuation(i) || _insideQuote[i]) break;
            }

            if (mayPrecedeThat && ClauseAfterAdverbial(first, contentEnd) is var clause and >= 0) return clause;
        }

        if (cue.Pattern.Learned && !Words.IsPunctuation(first + 1))
        {
            // "wants to triple …", "complained about his mic": an unlisted cue's content is its infinitive or the object of its preposition.
            if (Words.Lower(first) == "to") return first;
            if (ObjectPrepositions.Contains(Words.Lower(first))) return first + 1;
        }

        // "Joel Pollak observed, the biggest victor was …": a comma, then a clause of its own.
        if (Words.Text(first) == "," && first + 1 < contentEnd && !_insideQuote[first + 1] && OpensReportedClause(first + 1)) return first + 1;
        if (opensWithAdverbial || Words.IsPunctuation(first) && !_insideQuote[first]) return -1;
        return first;
    }

    /// <summary>
    /// "said on Friday he met …", "said in an interview they would …": with no "that", the reported clause starts after
    /// a time phrase at a word that opens a clause, or after any short adverbial at a subject pronoun; -1 when neither.
    /// </summary>
    private int ClauseAfterAdverbial(int first, int contentEnd)
    {
        var onlyTime = true;
        for (var i = first + 1; i < Math.Min(contentEnd - 1, first + ThatWindow); i++)
        {
            if (Words.IsPunctuation(i) || _insideQuote[i]) return -1;
            var previous = Words.Lower(i - 1);
            onlyTime &= _lexicon.TimeWords.Contains(previous) || int.TryParse(previous, out _);
            var afterTimeWord = onlyTime && i > first + 1 && !TimeOrPlaceOpeners.Contains(previous);
            if (SubjectPronouns.Contains(Words.Lower(i)) || afterTimeWord && OpensReportedClause(i)) return i;
        }

        return -1;
    }

    /// <summary>Pronouns that open a clause as its subject ("he said", "…, we believe"); lower case.</summary>
    internal static readonly HashSet<string> SubjectPronouns = ["he", "she", "they", "we", "i"];

    private static readonly HashSet<string> ObjectPrepositions = ["about", "for", "of", "on", "with", "over", "against"];

    /// <summary>How far after a cue a "that" may still open its content ("said earlier on Friday during a news conference that").</summary>
    private const int ThatWindow = 10;

    private static readonly HashSet<string> TimeOrPlaceOpeners =
        ["on", "in", "at", "during", "to", "last", "this", "earlier", "yesterday", "today", "again", "later", "recently", "previously"];

    private static readonly HashSet<string> AdverbialOpeners =
        ["on", "in", "at", "during", "to", "with", "for", "by", "of", "from", "about", "as", "after", "before", "last", "this", "earlier",
         "yesterday", "today", "up", "out", "down", "off", "over", "into", "through", "and", "or", "but", "then", "again"];

    private Found? Make(int startToken, int endToken, QuoteKind kind, CueMatch cue, SpeakerPhrase speaker)
    {
        if (endToken - startToken < 3) return null;
        for (var t = startToken; t < endToken; t++)
        {
            if (_covered[t]) return null;
        }

        var span = new TextSpan(_tokens[startToken].Span.Start, _tokens[endToken - 1].Span.End);
        return new Found(span, kind, cue, speaker);
    }

    /// <summary>A quote that opens a clause but names no speaker continues the nearest earlier attribution, with up to two sentences between.</summary>
    private void AttributeContinuations(List<Found> found, List<QuotedPassage> unattributed)
    {
        // Passages and found quotes are both in text order: one walk over each.
        var added = new List<Found>(unattributed.Count);
        Found? previous = null;
        Found? previousDirect = null;
        var next = 0;
        foreach (var passage in unattributed)
        {
            while (next < found.Count && found[next].Content.Start < passage.Open)
            {
                if (found[next].Speaker is not null) previous = found[next];
                if (found[next].Speaker is not null && found[next].Kind == QuoteKind.Direct) previousDirect = found[next];
                next++;
            }

            // "“…,” said Frank, whose appointment sparked …. “…”": speech reported inside the attribution of a quote
            // does not take the quote's continuation from its speaker.
            if (previous is { Kind: not QuoteKind.Direct, Cue: { } inner } && previousDirect is { Cue: { } outer } && SentenceOf(inner) == SentenceOf(outer)) previous = previousDirect;

            var openToken = Words.IndexAtOrAfter(passage.Open);
            var sentence = openToken < _tokens.Length ? _sentenceOf[openToken] : -1;
            var continues = previous is not null && sentence >= 0 &&
                            sentence - LastSentence(previous) <= ContinuationSentences;
            var quote = continues
                ? new Found(passage.Inner, QuoteKind.Direct, previous!.Cue, previous.Speaker, Continued: true)
                : new Found(passage.Inner, QuoteKind.Direct, null, null);
            added.Add(quote);
            if (quote.Speaker is not null) previous = previousDirect = quote;
            Cover(passage.Inner);
        }

        found.AddRange(added);
        found.Sort((a, b) => a.Content.Start.CompareTo(b.Content.Start));
    }

    private int SentenceOf(CueMatch cue) => cue.Start < _tokens.Length ? _sentenceOf[cue.Start] : -1;

    private int LastSentence(Found quote)
    {
        var end = Math.Max(quote.Content.End, quote.Speaker is { } s ? _tokens[s.End - 1].Span.End : 0);
        var token = Math.Min(_tokens.Length - 1, Math.Max(0, Words.IndexAtOrAfter(end) - 1));
        return _sentenceOf[token];
    }

    /// <summary>Quoted words inside a sentence ("called the report “completely false”") count when the sentence attributes them.</summary>
    private void FindPartials(List<Found> found, List<QuotedPassage> partials)
    {
        // The first attributed quote whose cue is in each sentence: a partial quote there shares its speaker.
        var ownerBySentence = new Dictionary<int, Found>();
        foreach (var f in found)
        {
            if (f.Cue is { } c && f.Speaker is not null && c.Start < _tokens.Length && _sentenceOf[c.Start] >= 0) ownerBySentence.TryAdd(_sentenceOf[c.Start], f);
        }

        foreach (var passage in partials)
        {
            var openToken = Words.IndexAtOrAfter(passage.Open);
            if (openToken >= _tokens.Length || IsCovered(passage.Inner)) continue;
            var (sentenceStart, _) = SentenceTokens(openToken);
            var owner = _sentenceOf[openToken] >= 0 ? ownerBySentence.GetValueOrDefault(_sentenceOf[openToken]) : null;
            Attribution? attribution = null;
            if (owner is null)
            {
                for (var t = openToken - 1; t >= Math.Max(sentenceStart, openToken - 40) && attribution is null; t--)
                {
                    if (!_insideQuote[t] && MatchCue(t) is { } cue) attribution = WithSpeaker(cue, sentenceStart, openToken, false);
                }
            }

            if (owner is not null) found.Add(new Found(passage.Inner, QuoteKind.Partial, owner.Cue, owner.Speaker, Continued: true));
            else if (attribution is not null) found.Add(new Found(passage.Inner, QuoteKind.Partial, attribution.Cue, attribution.Speaker));
        }
    }

    /// <summary>
    /// "Harlow Motors Rejects Pay Claim as 'Unaffordable'": a paragraph that is one title-case headline, where capitals
    /// hide the verb from the cue rules, gives the words it quotes to the short name opening it when a verb of speech in
    /// the headline's present tense ("Rejects" of "rejected", "Denies", "Calls") follows that name.
    /// </summary>
    private void FindHeadlineQuotes(List<Found> found)
    {
        foreach (var paragraph in _paragraphs)
        {
            var first = Words.IndexAtOrAfter(paragraph.Span.Start);
            if (first >= _tokens.Length || _tokens[first].Span.Start >= paragraph.Span.End) continue;
            var (sentenceStart, sentenceEnd) = SentenceTokens(first);
            if (sentenceStart != first || sentenceEnd < _tokens.Length && _tokens[sentenceEnd].Span.Start < paragraph.Span.End) continue;
            if (!Words.IsTitleCase(sentenceStart, sentenceEnd) || _lexicon.NotHeadlineSources.Contains(Words.Lower(sentenceStart))) continue;
            foreach (var passage in QuoteMarks.FindSingle(_text, paragraph.Span))
            {
                var openToken = Words.IndexAtOrAfter(passage.Open);
                if (IsCovered(passage.Inner) || HeadlineAttribution(sentenceStart, openToken) is not { } attribution) continue;
                // "Startup Says ‘Goodbye’ to Passwords": saying a word to something is a figure, not a quotation.
                var afterClose = Words.IndexAtOrAfter(passage.Close + 1);
                if (attribution.Cue.End == openToken && afterClose < sentenceEnd && Words.Lower(afterClose) == "to") continue;
                found.Add(new Found(passage.Inner, QuoteKind.Partial, attribution.Cue, attribution.Speaker));
                Cover(passage.Inner);
            }
        }
    }

    private Attribution? HeadlineAttribution(int sentenceStart, int openToken)
    {
        for (var t = sentenceStart + 1; t < Math.Min(openToken, sentenceStart + MaxHeadlineSourceTokens + 1); t++)
        {
            if (_insideQuote[t] || !Words.IsCapitalised(t) && Words.Text(t) is not ("’s" or "'s")) return null;
            if (HeadlineCue(Words.Lower(t)) is { } pattern) return new Attribution(new CueMatch(t, t + 1, pattern), new SpeakerPhrase(sentenceStart, t, sentenceStart), false);
        }

        return null;
    }

    /// <summary>
    /// The verb of speech a headline's present tense stands for: "calls" itself, "rejects" as "rejected", "denounces" as
    /// "denounced", "denies" as "denied"; only curated cues and speech-acts.txt, as the corpus counts hold acts ("unveiled").
    /// </summary>
    private CuePattern? HeadlineCue(string word)
    {
        if (word.Length < 4 || !word.EndsWith('s')) return null;
        string[] forms = [word, word[..^1] + "ed", word[..^1] + "d", word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "ied" : word];
        foreach (var form in forms)
        {
            if (_lexicon.CuesByFirstWord.TryGetValue(form, out var patterns) && patterns.FirstOrDefault(p => p.Words.Length == 1 && !p.RequiresThat && !p.Learned) is { } pattern) return pattern;
            if (_lexicon.ClauseFreeCues.Contains(form)) return new CuePattern([form], false, Learned: true);
        }

        return null;
    }

    private bool IsCovered(TextSpan span)
    {
        for (var t = Words.IndexAtOrAfter(span.Start); t < _tokens.Length && _tokens[t].Span.Start < span.End; t++)
        {
            if (_covered[t]) return true;
        }

        return false;
    }

    private ImmutableArray<Quote> Build(List<Found> found)
    {
        var quotes = ImmutableArray.CreateBuilder<Quote>(found.Count);
        var recent = new RecentSpeakers();
        var roles = new RoleOrganisations();
        int? unnamedOfficer = null;
        foreach (var f in found)
        {
            // "“…,” Chief Executive Officer of Alibaba said. “…,” Zhang added.": the name that adds to an officer's words
            // at once, the officer unnamed, is that officer's, and speaks for the same organisation.
            var officerBefore = unnamedOfficer;
            unnamedOfficer = null;
            var cueText = f.Cue is { } cue ? _text[_tokens[cue.Start].Span.Start.._tokens[cue.End - 1].Span.End] : "";
            var cueSpan = f.Cue is { } c && !f.Continued ? new TextSpan(_tokens[c.Start].Span.Start, _tokens[c.End - 1].Span.End) : (TextSpan?)null;
            if (f.Speaker is not { } speaker)
            {
                quotes.Add(new Quote(f.Content, cueText, cueSpan, f.Kind, null, null, SpeakerKind.Unknown, null));
                continue;
            }

            var span = new TextSpan(_tokens[speaker.Start].Span.Start, _tokens[speaker.End - 1].Span.End);
            var text = _text[span.Start..span.End];
            if (speaker.Refers is { } named)
            {
                // "Sanders, who said …": the source is "who", standing for the name before it.
                var namedKind = _classifier.Classify(named.Start, named.End);
                var namedText = _text[_tokens[named.Start].Span.Start.._tokens[named.End - 1].Span.End];
                var (namedEntity, namedOrganisation) = _classifier.Link(named.Start, named.End, namedKind);
                recent.Remember(namedKind, new Antecedent(namedText, namedKind, namedEntity, namedOrganisation));
                quotes.Add(new Quote(f.Content, cueText, cueSpan, f.Kind, text, span, SpeakerKind.Pronoun, namedEntity, namedOrganisation, namedText));
                continue;
            }

            var kind = _classifier.Classify(speaker.Start, speaker.End);
            var (entityId, organisationId) = _classifier.Link(speaker.Start, speaker.End, kind);
            string? resolved = null;
            if (kind == SpeakerKind.Pronoun)
            {
                var stands = _lexicon.Pronouns.GetValueOrDefault(Words.Lower(speaker.Start), "person");
                if (recent.For(stands) is { } antecedent)
                {
                    resolved = antecedent.Name;
                    entityId ??= antecedent.EntityId;
                    organisationId ??= antecedent.OrganisationId;
                    recent.Remember(antecedent.Kind, antecedent);
                }
                else if (_classifier.NearestPersonBefore(speaker.Start) is { } person && stands == "person")
                {
                    resolved = person.Name;
                    entityId ??= person.EntityId;
                }
            }
            else
            {
                if (kind == SpeakerKind.Role) organisationId = roles.OrganisationOf(Words, speaker.Start, speaker.End, organisationId);
                if (kind == SpeakerKind.NamedPerson && organisationId is null && cueText == "added") organisationId = officerBefore;
                if (kind == SpeakerKind.Role && entityId is null && !IsSpokesperson(speaker)) unnamedOfficer = organisationId;
                recent.Remember(kind, new Antecedent(text, kind, entityId, organisationId));
            }

            quotes.Add(new Quote(f.Content, cueText, cueSpan, f.Kind, text, span, kind, entityId, organisationId, resolved));
        }

        return quotes.ToImmutable();
    }

    /// <summary>A spokesperson speaks for many people; an officer ("Chief Executive Officer of Alibaba") is one.</summary>
    private bool IsSpokesperson(SpeakerPhrase speaker) =>
        Enumerable.Range(speaker.Start, speaker.End - speaker.Start).Any(i => _lexicon.SpokespersonNouns.Contains(Words.Lower(i)));

    private sealed record Found(TextSpan Content, QuoteKind Kind, CueMatch? Cue, SpeakerPhrase? Speaker, bool Continued = false);

    private sealed record Attribution(CueMatch Cue, SpeakerPhrase Speaker, bool SpeakerAfterQuote);

    /// <summary>
    /// "an Alibaba spokesperson said … the spokesperson added": a definite role names the one met before with the same
    /// head noun, and speaks for the same organisation.
    /// </summary>
    private sealed class RoleOrganisations
    {
        private readonly Dictionary<string, int> _byHead = new(StringComparer.Ordinal);

        public int? OrganisationOf(TokenWords words, int start, int end, int? named)
        {
            var head = words.Lower(end - 1);
            if (named is { } organisation)
            {
                _byHead[head] = organisation;
                return organisation;
            }

            return words.Lower(start) == "the" && _byHead.TryGetValue(head, out var earlier) ? earlier : null;
        }
    }

    private sealed class RecentSpeakers
    {
        private Antecedent? _person;
        private Antecedent? _organisation;
        private Antecedent? _any;

        public Antecedent? For(string stands) => stands switch
        {
            "person" => _person,
            "organisation" => _organisation ?? _any,
            _ => _any,
        };

        public void Remember(SpeakerKind kind, Antecedent antecedent)
        {
            _any = antecedent;
            if (kind is SpeakerKind.NamedPerson or SpeakerKind.Role or SpeakerKind.Unnamed) _person = antecedent;
            if (kind is SpeakerKind.Organisation or SpeakerKind.Outlet) _organisation = antecedent;
        }
    }
}

internal sealed record CueMatch(int Start, int End, CuePattern Pattern);

internal sealed record Antecedent(string Name, SpeakerKind Kind, int? EntityId, int? OrganisationId);
