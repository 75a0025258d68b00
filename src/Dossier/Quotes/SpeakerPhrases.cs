using Dossier.Text;

namespace Dossier.Quotes;

/// <summary>
/// A speaker phrase as token range [Start, End); <see cref="ExtentStart"/> is where the whole subject begins when the
/// speaker is an apposition ("A professional from The Heritage Foundation, Jim Carafano, stated" → Jim Carafano).
/// <see cref="Refers"/> is the phrase a relative "who" stands for ("Sanders, who said …" → Sanders): annotators and
/// readers take "who" as the source, resolved to the name before it.
/// </summary>
internal sealed record SpeakerPhrase(int Start, int End, int ExtentStart, SpeakerPhrase? Refers = null);

/// <summary>Reads the noun phrase next to a cue, leftwards (the subject) or rightwards ("said a Hong Kong-based analyst").</summary>
internal sealed class SpeakerPhrases(TokenWords words, QuoteLexicon lexicon)
{
    private const int MaxTokens = 12;
    private const int MaxLowercaseWords = 5;

    private static readonly HashSet<string> FunctionWords =
        ["the", "a", "an", "of", "for", "from", "at", "in", "with", "and", "&", "one", "some", "many", "several", "most", "few", "all", "both",
         "his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "'s", "’s", "'", "’"];

    private static readonly HashSet<string> LeadingWordsToDrop = ["of", "for", "from", "at", "in", "with", "and", "&", "'s", "’s", "but", "then", "now"];

    /// <summary>
    /// Adverbs that join or qualify a clause, not its subject's first word ("yet Nissan says", "Even the policy manual …
    /// notes"), unless a capital after them makes them part of a name ("Just The News").
    /// </summary>
    private static readonly HashSet<string> LeadingAdverbs = ["yet", "also", "so", "still", "even", "never", "not", "however", "though", "only", "just", "too", "thus"];

    private bool IsLeadingWordToDrop(int i) =>
        LeadingWordsToDrop.Contains(words.Lower(i)) || LeadingAdverbs.Contains(words.Lower(i)) && !(words.IsCapitalised(i) && words.IsCapitalised(i + 1));

    /// <summary>
    /// A source phrase read by another reader (the tagger) tidied as the rules read theirs: no joining word at its start
    /// ("yet Nissan", "also"), no auxiliary or clitic at its end ("you ca" of "you can't"), and a subject pronoun at its
    /// end stands alone ("… distributing 50 lakh masks today I urge": "I"). Null when nothing is left ("but also shows").
    /// </summary>
    public SpeakerPhrase? Trim(SpeakerPhrase phrase)
    {
        var start = phrase.Start;
        var end = phrase.End;
        while (start < end && IsLeadingWordToDrop(start)) start++;
        while (end > start && !words.IsCapitalised(end - 1) && lexicon.SkipBeforeCue.Contains(words.Lower(end - 1))) end--;
        if (end - start > 1 && QuoteFinder.SubjectPronouns.Contains(words.Lower(end - 1))) start = end - 1;
        if (end <= start) return null;
        return phrase with { Start = start, End = end, ExtentStart = phrase.ExtentStart == phrase.Start ? start : phrase.ExtentStart };
    }

    /// <summary>Prepositions a speaker phrase read rightwards keeps ("the director of the FBI"); others end it ("said on Monday").</summary>
    private static readonly HashSet<string> RightPrepositions = ["of", "for", "from", "at"];

    public SpeakerPhrase? LeftOf(int cueStart, int floor)
    {
        var i = cueStart - 1;
        while (i >= floor && (lexicon.SkipBeforeCue.Contains(words.Lower(i)) || IsAdverb(i))) i--;
        if (i < floor) return null;
        if (words.Text(i) == ")")
        {
            // "Sen. Rand Paul (R-Ky.) said": the parenthesis qualifies the speaker.
            var open = PartyTagStart(i, floor);
            if (open < 0) return null;
            i = open - 1;
            if (i < floor) return null;
        }

        if (words.Text(i) == "," && words.Text(i - 1) == ")" && PartyTagStart(i - 1, floor) is var tagOpen and > 0)
        {
            // "Gov. John Kasich (R-OH), said": the tag and its comma qualify the name before them.
            i = tagOpen - 1;
            if (i < floor) return null;
        }
        else if (words.Text(i) == "," && PartyTagStart(i - 1, floor) is var tag and > 0 && words.Text(tag - 1) == ",")
        {
            // "Mitch McConnell, R-Ky., said": the tag between commas qualifies the name before it.
            i = tag - 2;
            if (i < floor) return null;
        }

        var relative = words.Lower(i) is "who" or "which";
        if (relative || words.Text(i) == "," && RelativeClauseStart(i - 1, floor) is >= 0)
        {
            // "Mr. Reid, who represents Nevada, said" and "…, who said": the speaker is the phrase before "who".
            var who = relative ? i : RelativeClauseStart(i - 1, floor);
            var comma = who - 1;
            // "John Weaver, a GOP strategist who has feuded with Manafort, wrote": the clause restricts an apposition.
            if (comma < floor || words.Text(comma) != ",") return relative ? new SpeakerPhrase(i, i + 1, i) : LongApposition(i, floor);
            if (CollectLeft(comma - 1, floor) is not { } antecedent) return relative ? new SpeakerPhrase(i, i + 1, i) : null;
            return relative ? new SpeakerPhrase(i, i + 1, antecedent.Start, antecedent) : antecedent with { ExtentStart = antecedent.Start };
        }

        if (words.Text(i) == ",")
        {
            // "Subject, Apposition, said": take the name of the two.
            if (CollectLeft(i - 1, floor) is not { } inner) return LongApposition(i, floor);
            if (inner.Start - 1 <= floor || words.Text(inner.Start - 1) != ",") return LongApposition(i, floor);
            var outerLast = inner.Start - 2;
            if (PartyTagStart(outerLast, floor) is var parenthesis and >= 0 && words.Text(outerLast) == ")") outerLast = parenthesis - 1;
            if (CollectLeft(outerLast, floor) is not { } outer) return null;
            var chosen = IsName(inner) || !IsName(outer) ? inner : outer;
            if (!IsName(chosen)) chosen = outer;
            return chosen with { ExtentStart = outer.Start };
        }

        return WithHeadBeforePreposition(CollectLeft(i, floor), floor);
    }

    /// <summary>
    /// "Experts on jail suicide told", "China’s ambassador to Britain accused", "A doctor on the scene told": a phrase
    /// after "on", "to" or "about" is that preposition's object, and the noun phrase before the preposition heads the subject.
    /// </summary>
    private SpeakerPhrase? WithHeadBeforePreposition(SpeakerPhrase? phrase, int floor)
    {
        var preposition = phrase is null ? -1 : phrase.Start - 1;
        if (preposition - 1 < floor || words.Lower(preposition) is not ("on" or "to" or "about") || PrepositionalPhrases.Contains(words.Lower(preposition - 1))) return phrase;
        return CollectLeft(preposition - 1, floor) is { } head && head.End == preposition ? new SpeakerPhrase(head.Start, phrase!.End, head.Start) : phrase;
    }

    /// <summary>Words that make a preposition after them part of a fixed phrase ("according to X", "thanks to X"), not of a subject.</summary>
    private static readonly HashSet<string> PrepositionalPhrases = ["according", "thanks", "due", "prior", "next", "close", "owing", "up"];

    /// <summary>
    /// "Karimi, executive director of Interfaith Paths to Peace, said", "John Archer, wearing a Canova T-Shirt, said":
    /// an apposition too long or too verbal for a noun phrase, between a name opening the sentence and the cue; or two
    /// of them ("Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing the EPA, said").
    /// </summary>
    private SpeakerPhrase? LongApposition(int comma, int floor)
    {
        var appositions = 0;
        for (var j = comma - 1; j > floor && comma - j <= MaxAppositionTokens; j--)
        {
            if (words.Text(j) is "." or ";" or ":" or "“" or "”" or "\"" or "(" or ")" || IsCueWord(j)) return null;
            if (words.Text(j) != ",") continue;
            if (CollectLeft(j - 1, floor) is { } name && name.Start == floor && (IsName(name) || EndsInName(name) || QualifiesSubject(j + 1, comma)))
            {
                return name with { ExtentStart = name.Start };
            }

            if (++appositions == MaxAppositions) return null;
        }

        return null;
    }

    /// <summary>How long the appositions between a subject and its cue may be, together ("James Zogby, a Sanders superdelegate from the District and the president of the D.C.-based Arab American Institute, said").</summary>
    private const int MaxAppositionTokens = 24;

    private const int MaxAppositions = 2;

    /// <summary>
    /// "Nate Silver, the polling guru who founded fivethirtyeight.com tweeted", "Katie Packer, who is chairman of Our
    /// Principles Pac said": a relative clause the writer did not close with a comma runs up to the cue; the subject is
    /// the phrase before "who", or the name it is in apposition to. Null unless that phrase starts at <paramref name="floor"/>.
    /// </summary>
    public SpeakerPhrase? SubjectBeforeRelative(int cueStart, int floor)
    {
        var who = floor + 1;
        while (who < cueStart && words.Lower(who) is not ("who" or "whose")) who++;
        if (who >= cueStart) return null;
        var last = words.Text(who - 1) == "," ? who - 2 : who - 1;
        if (last < floor || CollectLeft(last, floor) is not { } inner) return null;
        if (inner.Start == floor) return inner;
        if (inner.Start - 1 <= floor || words.Text(inner.Start - 1) != "," || CollectLeft(inner.Start - 2, floor) is not { } outer || outer.Start != floor) return null;
        return (IsName(inner) || !IsName(outer) ? inner : outer) with { ExtentStart = floor };
    }

    /// <summary>
    /// "The memo, seen by The Financial Times, says", "The defendant, 52, told": an age or a participle phrase between
    /// commas qualifies the subject before it, which speaks whether or not it is a name.
    /// </summary>
    private bool QualifiesSubject(int start, int end) =>
        end - start == 1 && words.Tokens[start].Kind == TokenKind.Number || end - start > 1 && IsVerbForm(start);

    /// <summary>
    /// "Clinton celebrated in Florida … and said it was another step", "Weaver didn't seem impressed, telling reporters":
    /// a cue after "and" or a participle after a comma shares the sentence's subject, taken when the sentence opens with a name.
    /// </summary>
    public SpeakerPhrase? SharedSubject(int cueStart, int sentenceStart)
    {
        sentenceStart = AfterIntroduction(sentenceStart, cueStart);
        var i = cueStart - 1;
        while (i >= sentenceStart && (lexicon.SkipBeforeCue.Contains(words.Lower(i)) || IsAdverb(i))) i--;
        var participle = words.Lower(cueStart).EndsWith("ing", StringComparison.Ordinal) && words.Text(i) == ",";
        if (i < sentenceStart || words.Lower(i) is not ("and" or "but") && !participle) return null;
        // "Eight years ago, he supported Obama and said …": after an introduction the subject pronoun is lower-case.
        if (!words.IsCapitalised(sentenceStart) && lexicon.Pronouns.ContainsKey(words.Lower(sentenceStart)) && words.Lower(sentenceStart) != "it" && sentenceStart + 1 < i)
        {
            return new SpeakerPhrase(sentenceStart, sentenceStart + 1, sentenceStart);
        }

        var end = sentenceStart;
        while (end < i && end - sentenceStart < 5 && (words.IsCapitalised(end) || IsPossessive(end)) && !lexicon.ClauseBoundaries.Contains(words.Lower(end))) end++;
        if (end == sentenceStart || IsPossessive(end - 1) || words.Lower(end) is "'s" or "’s") return null;
        if (end - sentenceStart == 1 && SentenceOpeners.Contains(words.Lower(sentenceStart))) return null;
        return new SpeakerPhrase(sentenceStart, end, sentenceStart);
    }

    /// <summary>
    /// "Trump went after Bush, calling him …", "The Vermont senator emailed supporters saying: …": a participle cue
    /// speaks for the subject of its sentence's main clause, read from the sentence start up to the first verb.
    /// </summary>
    public SpeakerPhrase? ClauseSubject(int sentenceStart, int cueStart)
    {
        sentenceStart = AfterIntroduction(sentenceStart, cueStart);
        // "At the time, she released a statement saying …": a pronoun opening the main clause before its verb is the subject.
        if (sentenceStart + 1 < cueStart && lexicon.Pronouns.ContainsKey(words.Lower(sentenceStart)) && words.Lower(sentenceStart) != "it" &&
            !words.IsCapitalised(sentenceStart + 1) && !words.IsPunctuation(sentenceStart + 1))
        {
            return new SpeakerPhrase(sentenceStart, sentenceStart + 1, sentenceStart);
        }

        // "With Democratic leaders worried about …": an introduction whose comma lies beyond reach is no subject either.
        if (sentenceStart >= cueStart || !words.IsCapitalised(sentenceStart) || ClauseSubjectOpeners.Contains(words.Lower(sentenceStart)) ||
            IntroductionOpeners.Contains(words.Lower(sentenceStart)))
        {
            return null;
        }

        var allCapitalised = true;
        var j = sentenceStart;
        for (; j < cueStart && j - sentenceStart < MaxTokens; j++)
        {
            var lower = words.Lower(j);
            if (words.IsPunctuation(j) && !IsPossessive(j)) break;
            if (lexicon.ClauseBoundaries.Contains(lower) || IsCueWord(j) || IsVerbForm(j) || !words.IsCapitalised(j) && lexicon.SkipBeforeCue.Contains(lower)) break;
            if (!words.IsCapitalised(j) && !IsPossessive(j) && !FunctionWords.Contains(lower))
            {
                // A lower-case word right after a name is its verb ("Trump went"); after "the" or a possessive it is a noun.
                if (allCapitalised && j > sentenceStart) break;
            }

            // "Her campaign quickly blasted out …", "The Vermont senator emailed …": a determiner is capitalised only for
            // opening the sentence; the lower-case word after it is a noun.
            allCapitalised &= words.IsCapitalised(j) && !(j == sentenceStart && FunctionWords.Contains(lower));
        }

        if (j >= cueStart || j == sentenceStart) return null;
        var end = j;
        while (end > sentenceStart && (FunctionWords.Contains(words.Lower(end - 1)) && !IsPossessive(end - 1) || words.IsAdverb(end - 1))) end--;
        return end > sentenceStart && HasContentWord(sentenceStart, end) && !IsTimeOnly(sentenceStart, end) ? new SpeakerPhrase(sentenceStart, end, sentenceStart) : null;
    }

    /// <summary>
    /// Where the main clause begins after an introductory phrase ("Later on Sunday, Carson shared …", "In a statement
    /// released Thursday, Rep. Jeffries reacted …", "Speaking in his real voice again, he …"): after the first comma when
    /// the sentence opens with a preposition, a time word, an adverb or a participle; otherwise the sentence start.
    /// </summary>
    private int AfterIntroduction(int sentenceStart, int limit)
    {
        // "Last month, when I asked Sanders …, he looked …": a second introduction is read past too.
        var start = AfterDateline(sentenceStart, limit);
        for (var introductions = 0; introductions < MaxIntroductions; introductions++)
        {
            var next = PastIntroduction(start, limit);
            if (next == start) break;
            start = next;
        }

        return start;
    }

    private const int MaxIntroductions = 2;

    /// <summary>
    /// "WASHINGTON, Dec. 8 (UPI) — In response to …, …", "NEW YORK (AP) —": a wire dateline, a place in capitals and
    /// then a date or an agency up to a dash, opens no clause ("NATO Secretary General Mark Rutte — …" is no dateline).
    /// </summary>
    private int AfterDateline(int sentenceStart, int limit)
    {
        var placeEnds = false;
        for (var i = sentenceStart; i < Math.Min(limit - 1, sentenceStart + MaxDatelineTokens); i++)
        {
            if (words.Text(i) is "—" or "–" or "-" or "--") return i > sentenceStart ? i + 1 : sentenceStart;
            placeEnds |= words.Text(i) is "," or "(";
            if (!placeEnds && !IsAllCapitals(words.Text(i))) return sentenceStart;
            if (!words.IsCapitalised(i) && !words.IsPunctuation(i) && words.Tokens[i].Kind != TokenKind.Number) return sentenceStart;
            if (words.Text(i) is "." && !words.IsCapitalised(i - 1) || words.Text(i) is ";" or ":" or "“" or "”" or "\"") return sentenceStart;
        }

        return sentenceStart;
    }

    private static bool IsAllCapitals(string word) => word.Length >= 2 && word.Any(char.IsLetter) && word.All(c => char.IsUpper(c) || !char.IsLetter(c));

    private const int MaxDatelineTokens = 10;

    private int PastIntroduction(int start, int limit)
    {
        var first = words.Lower(start);
        var introduces = IntroductionOpeners.Contains(first) || lexicon.TimeWords.Contains(first) ||
                         first.Length > 4 && (first.EndsWith("ing", StringComparison.Ordinal) || first.EndsWith("ly", StringComparison.Ordinal)) ||
                         IntroducingParticiple(start) || EndsInRelativeTime(start, limit);
        if (!introduces) return start;
        for (var i = start + 1; i < Math.Min(limit, start + MaxIntroductionTokens); i++)
        {
            if (words.Text(i) == ",") return i + 1 < limit ? i + 1 : start;
            if (words.Text(i) is "." or ";" or ":" or "“" or "”" or "\"") return start;
        }

        return start;
    }

    private const int MaxIntroductionTokens = 20;

    /// <summary>"Asked about her future, …", "Pressed on the point, …": a past participle and a lower-case word open the sentence ("Alfred Hunt" does not).</summary>
    private bool IntroducingParticiple(int sentenceStart)
    {
        var first = words.Lower(sentenceStart);
        return first.Length > 4 && first.EndsWith("ed", StringComparison.Ordinal) && sentenceStart + 1 < words.Count &&
               !words.IsCapitalised(sentenceStart + 1) && !words.IsPunctuation(sentenceStart + 1);
    }

    /// <summary>"Eight years ago, he …", "Minutes later, she …": a short opening phrase that ends in a relative time word and a comma.</summary>
    private bool EndsInRelativeTime(int sentenceStart, int limit)
    {
        for (var i = sentenceStart + 1; i < Math.Min(limit, sentenceStart + MaxRelativeTimeTokens); i++)
        {
            if (words.Text(i) == ",") return words.Lower(i - 1) is "ago" or "later" or "earlier";
            if (words.IsPunctuation(i)) return false;
        }

        return false;
    }

    private const int MaxRelativeTimeTokens = 5;

    private static readonly HashSet<string> IntroductionOpeners =
        ["in", "on", "at", "after", "before", "during", "when", "while", "as", "since", "following", "despite", "amid", "with", "without",
         "here", "later", "earlier", "then", "now", "meanwhile", "still", "yet", "however", "even", "since", "until", "by", "from", "for", "under", "over",
         "likewise", "instead", "indeed", "moreover", "furthermore", "nevertheless", "nonetheless", "besides", "again", "thus", "otherwise",
         "although", "though", "because", "if", "unless", "once"];

    private static readonly HashSet<string> ClauseSubjectOpeners =
        ["in", "on", "at", "but", "and", "it", "this", "that", "there", "as", "for", "if", "when", "after", "while", "so", "yet", "still", "however", "then", "now", "later", "earlier", "meanwhile", "also"];

    private static readonly HashSet<string> SentenceOpeners = ["the", "a", "an", "in", "on", "at", "but", "and", "it", "this", "that", "there", "as", "for", "if", "when", "after", "while"];

    /// <summary>The "who" or "which" that opens a relative clause ending at <paramref name="last"/>, or -1.</summary>
    private int RelativeClauseStart(int last, int floor)
    {
        for (var j = last; j >= Math.Max(floor, last - 15); j--)
        {
            if (words.Lower(j) is "who" or "whose" or "which") return j;
            if (words.Text(j) is "," or "." or ";" or ":" or "“" or "”" or "\"") return -1;
        }

        return -1;
    }

    public SpeakerPhrase? RightOf(int start, int ceiling)
    {
        var j = start;
        var lowercase = 0;
        while (j < ceiling && j - start < MaxTokens)
        {
            var lower = words.Lower(j);
            if (words.IsPunctuation(j) || lexicon.ClauseBoundaries.Contains(lower) || IsCueWord(j)) break;
            if (lower is "in" or "with" or "on") break;
            if (lower == "and" && !(words.IsCapitalised(j - 1) && words.IsCapitalised(j + 1))) break;
            if (!words.IsCapitalised(j) && !FunctionWords.Contains(lower) && ++lowercase > MaxLowercaseWords) break;
            j++;
        }

        var end = j;
        while (end > start && (FunctionWords.Contains(words.Lower(end - 1)) && !IsPossessive(end - 1) || RightPrepositions.Contains(words.Lower(end - 1)))) end--;
        return end > start && HasContentWord(start, end) && !IsTimeOnly(start, end) ? new SpeakerPhrase(start, end, start) : null;
    }

    private SpeakerPhrase? CollectLeft(int last, int floor)
    {
        // "… distributing 50 lakh masks today I urge": a subject pronoun right before the verb is the whole subject.
        if (QuoteFinder.SubjectPronouns.Contains(words.Lower(last)) && last > floor) return new SpeakerPhrase(last, last + 1, last);
        var j = last;
        var lowercase = 0;
        while (j >= floor && last - j < MaxTokens)
        {
            var lower = words.Lower(j);
            if (words.IsPunctuation(j) && !IsPossessive(j)) break;
            if (lexicon.ClauseBoundaries.Contains(lower) && !OpensNameInsideSentence(j, last) || IsCueWord(j)) break;
            if (lower is "and" or "&" && !(words.IsCapitalised(j - 1) && words.IsCapitalised(j + 1))) break;
            if (!words.IsCapitalised(j) && !FunctionWords.Contains(lower) && ++lowercase > MaxLowercaseWords) break;
            if (IsVerbForm(j)) break;
            j--;
        }

        var start = j + 1;
        while (start <= last && IsLeadingWordToDrop(start)) start++;
        return start <= last && HasContentWord(start, last + 1) && !IsTimeOnly(start, last + 1) ? new SpeakerPhrase(start, last + 1, start) : null;
    }

    /// <summary>
    /// "…,” Will Moy told": a word that would end a subject ("will", "may") written with a capital inside a sentence and
    /// followed by another capitalised word of the phrase is a given name, not a verb.
    /// </summary>
    private bool OpensNameInsideSentence(int i, int last) =>
        i > 0 && i < last && words.IsCapitalised(i) && words.IsCapitalised(i + 1) && !words.IsSentenceEnd(i - 1) &&
        !lexicon.ClauseBoundaries.Contains(words.Lower(i + 1));

    /// <summary>"said Tuesday", "In June, …": a time expression is no speaker.</summary>
    private bool IsTimeOnly(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!lexicon.TimeWords.Contains(words.Lower(i)) && !words.IsPunctuation(i) && !int.TryParse(words.Text(i), out _)) return false;
        }

        return true;
    }

    /// <summary>
    /// The first token of a party tag ending at <paramref name="last"/> ("R-Ky." in "Mitch McConnell, R-Ky., said";
    /// "(D-Wis.)"), or -1: it qualifies the name before it and is never the speaker.
    /// </summary>
    private int PartyTagStart(int last, int floor)
    {
        if (words.Text(last) == ")")
        {
            var open = last - 1;
            while (open >= Math.Max(floor, last - 10) && words.Text(open) != "(") open--;
            return open >= floor && words.Text(open) == "(" ? open : -1;
        }

        var i = last;
        if (words.Text(i) == "." && i > floor) i--;
        var tag = words.Text(i);
        return tag.Length >= 3 && tag[0] is 'D' or 'R' or 'I' && tag[1] == '-' && char.IsUpper(tag[2]) ? i : -1;
    }

    /// <summary>"Republican pollster Daron Shaw", "Carl Bialik": the phrase ends in two capitalised words, or is one, with no time word.</summary>
    public bool EndsInName(SpeakerPhrase phrase)
    {
        if (IsTimeOnly(phrase.Start, phrase.End) || !words.IsCapitalised(phrase.End - 1) || lexicon.TimeWords.Contains(words.Lower(phrase.End - 1))) return false;
        return phrase.End - phrase.Start == 1 || words.IsCapitalised(phrase.End - 2) || IsName(phrase);
    }

    private bool IsName(SpeakerPhrase phrase)
    {
        for (var i = phrase.Start; i < phrase.End; i++)
        {
            if (!words.IsCapitalised(i) && !IsPossessive(i)) return false;
        }

        return true;
    }

    private bool HasContentWord(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!FunctionWords.Contains(words.Lower(i)) && !words.IsPunctuation(i)) return true;
        }

        return false;
    }

    /// <summary>A lower-case reporting verb ends a speaker phrase; "report" does only when "that" follows it.</summary>
    private bool IsCueWord(int i) =>
        !words.IsCapitalised(i) && lexicon.CuesByFirstWord.TryGetValue(words.Lower(i), out var patterns) &&
        patterns.Any(p => p.Words.Length == 1 && (!p.RequiresThat || words.Lower(i + 1) == "that"));

    /// <summary>"made", "refuted", "running": a lower-case verb form ends the subject ("Hong Kong-based" does not).</summary>
    private bool IsVerbForm(int i)
    {
        var lower = words.Lower(i);
        if (words.IsCapitalised(i) || lower.Contains('-') || lower.Length < 4) return false;
        if (lower is "made" or "given" or "taken" or "held" or "sent" or "done" or "seen" or "known" or "shown" or "written" or "brought") return true;
        // "-ing" names things too ("a shopping center"); it is a verb when an object follows ("running the company").
        return lower.EndsWith("ed", StringComparison.Ordinal) ||
               lower.EndsWith("ing", StringComparison.Ordinal) && words.Lower(i + 1) is "the" or "a" or "an" or "his" or "her" or "their" or "its";
    }

    private bool IsPossessive(int i) => words.Lower(i) is "'s" or "’s" or "'" or "’";

    private bool IsAdverb(int i)
    {
        var lower = words.Lower(i);
        return lower.Length > 4 && lower.EndsWith("ly", StringComparison.Ordinal) && !words.IsCapitalised(i);
    }
}
