using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text;

namespace Dossier.Screening.Matching;

/// <summary>How one part (or run of parts) of the query met one of the candidate's.</summary>
public sealed record TokenMatch(string Query, string Candidate, string How, double Similarity);

/// <summary>The comparison of two names: a score in 0–1 and what it rests on.</summary>
public sealed record NameComparison(
    double Score,
    double QueryCoverage,
    double CandidateCoverage,
    IReadOnlyList<TokenMatch> Matches,
    IReadOnlyList<string> UnmatchedQuery,
    IReadOnlyList<string> UnmatchedCandidate,
    IReadOnlyList<string> Discounted)
{
    public static NameComparison Empty { get; } = new(0, 0, 0, [], [], [], []);

    public string Explain()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"name {Score:0.00}: ");
        builder.Append(Matches.Count == 0 ? "no part matched" : string.Join(", ", Matches.Select(m => m.How == "exact" ? m.Query : $"{m.Query}~{m.Candidate} ({m.How} {m.Similarity:0.00})")));
        if (UnmatchedQuery.Count > 0) builder.Append("; query only: ").Append(string.Join(' ', UnmatchedQuery));
        if (UnmatchedCandidate.Count > 0) builder.Append("; list only: ").Append(string.Join(' ', UnmatchedCandidate));
        if (Discounted.Count > 0) builder.Append("; discounted: ").Append(string.Join(", ", Discounted));
        return builder.ToString();
    }
}

/// <summary>
/// Compares two folded names part by part, in any order: exact parts, nicknames, initials, fuzzy parts (Jaro-Winkler),
/// and a part that is two or three parts of the other name written together ("huawei" / "hua wei"). Each part counts by
/// its rarity weight; legal forms and stopwords count nothing, generic words and initials little. The score blends how
/// much of each side's weight was matched, so that neither a shared generic word nor a partial name reaches a high score.
/// </summary>
public sealed class NameComparer(MatchingParameters parameters, TokenWeights weights, NicknameTable nicknames)
{
    public MatchingParameters Parameters => parameters;

    public TokenWeights Weights => weights;

    public double Weight(NameToken token) => token.Role switch
    {
        TokenRole.LegalForm or TokenRole.Stopword => 0,
        TokenRole.Generic => parameters.GenericWeight * weights.Idf(token.Text),
        TokenRole.Initial => parameters.InitialWeight * weights.Idf(token.Text),
        _ => weights.Idf(token.Text),
    };

    /// <param name="allowShortForm">
    /// Whether a short organisation name may stand for a longer one whose other parts are generic ("Huawei" for "Huawei
    /// Technologies Company"). Screening allows it only where the lists themselves use the short form for that name.
    /// </param>
    /// <param name="shortFormListed">
    /// Whether the lists themselves give the short name for this full name: then it is the group's own name ("Huawei" for
    /// "Huawei Investment &amp; Holding"), not a sister company's.
    /// </param>
    public NameComparison Compare(NormalizedName query, NormalizedName candidate, bool isPerson, bool explain, bool allowShortForm = true, bool shortFormListed = false) =>
        Compare(query, PartWeights(query), candidate, PartWeights(candidate), isPerson, explain, allowShortForm, shortFormListed);

    /// <summary>Each part's <see cref="Weight"/>, in the name's order.</summary>
    public double[] PartWeights(NormalizedName name)
    {
        var weights = new double[name.Tokens.Count];
        for (var i = 0; i < weights.Length; i++) weights[i] = Weight(name.Tokens[i]);
        return weights;
    }

    /// <summary>
    /// <see cref="Compare(NormalizedName, NormalizedName, bool, bool, bool, bool)"/> with each name's <see cref="PartWeights"/>
    /// worked out once by the caller (who must not change them): screening compares every list name with many queries, and
    /// looking up each part's rarity again for every pair was a fifth of its work.
    /// </summary>
    /// <param name="workspace">Room reused from one comparison to the next by a caller that compares many names on one thread; null makes its own.</param>
    internal NameComparison Compare(
        NormalizedName query, double[] qw, NormalizedName candidate, double[] cw, bool isPerson, bool explain, bool allowShortForm, bool shortFormListed,
        Workspace? workspace = null)
    {
        workspace ??= new Workspace();
        var q = query.Tokens;
        var c = candidate.Tokens;
        if (Score(query, qw, candidate, cw, isPerson, allowShortForm, shortFormListed, workspace) is not { } score)
        {
            return explain ? NameComparison.Empty with { Discounted = Discounted(q, c) } : NameComparison.Empty;
        }

        if (!explain) return new NameComparison(score.Value, score.QueryCoverage, score.CandidateCoverage, [], [], [], []);
        var matches = workspace.Accepted.Select(pair => new TokenMatch(Join(q, pair.Query, pair.QueryLength), Join(c, pair.Candidate, pair.CandidateLength), pair.How, pair.Similarity)).ToList();
        var qPair = workspace.QueryParts(q.Count);
        var cPair = workspace.CandidateParts(c.Count);
        var unmatchedQuery = q.Where((t, i) => qPair[i] < 0 && qw[i] > 0).Select(t => t.Text).ToList();
        var unmatchedCandidate = c.Where((t, j) => cPair[j] < 0 && cw[j] > 0).Select(t => t.Text).ToList();
        return new NameComparison(score.Value, score.QueryCoverage, score.CandidateCoverage, matches, unmatchedQuery, unmatchedCandidate, Discounted(q, c));
    }

    /// <summary>
    /// The score of <see cref="Compare(NormalizedName, double[], NormalizedName, double[], bool, bool, bool, bool, Workspace?)"/>
    /// alone, with nothing allocated: screening compares each query with dozens of list names and keeps the score of few.
    /// Null where either name has no part that counts. The accepted pairs and each part's pair are left in the workspace.
    /// </summary>
    internal Scored? Score(
        NormalizedName query, double[] qw, NormalizedName candidate, double[] cw, bool isPerson, bool allowShortForm, bool shortFormListed, Workspace workspace)
    {
        var q = query.Tokens;
        var c = candidate.Tokens;
        double qTotal = 0, cTotal = 0;
        for (var i = 0; i < q.Count; i++) qTotal += qw[i];
        for (var j = 0; j < c.Count; j++) cTotal += cw[j];
        if (qTotal <= 0 || cTotal <= 0) return null;

        var pairs = workspace.Pairs;
        pairs.Clear();
        var acceptedPairs = workspace.Accepted;
        acceptedPairs.Clear();
        for (var i = 0; i < q.Count; i++)
        {
            if (qw[i] <= 0) continue;
            for (var j = 0; j < c.Count; j++)
            {
                if (cw[j] <= 0) continue;
                var (similarity, how) = TokenSimilarity(q[i], c[j], isPerson, ceiling: false, NoOutline, NoOutline);
                if (similarity > 0) pairs.Add(new Pair(i, 1, j, 1, similarity, how));
            }
        }

        AddConcatenations(q, qw, c, cw, pairs, queryJoined: false);
        AddConcatenations(c, cw, q, qw, pairs, queryJoined: true);
        if (!isPerson)
        {
            AddAcronyms(q, qw, c, pairs, queryIsAcronym: true);
            AddAcronyms(c, cw, q, pairs, queryIsAcronym: false);
        }
        pairs.Sort((a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : (b.QueryLength + b.CandidateLength).CompareTo(a.QueryLength + a.CandidateLength));

        // Which accepted pair each part went to (-1: none), so that parts can be asked whether they met each other.
        // Longer than the names where a workspace is reused: every use below goes by the names' part counts.
        var qPair = workspace.QueryParts(q.Count);
        var cPair = workspace.CandidateParts(c.Count);
        Array.Fill(qPair, -1, 0, q.Count);
        Array.Fill(cPair, -1, 0, c.Count);
        double qMatched = 0, cMatched = 0;
        var allExact = true;
        var matchedParts = 0;
        foreach (var pair in pairs)
        {
            if (AnyUsed(qPair, pair.Query, pair.QueryLength) || AnyUsed(cPair, pair.Candidate, pair.CandidateLength)) continue;
            allExact &= pair.How == "exact";
            if (pair.How != "initial" && (pair.QueryLength > 1 || q[pair.Query].Script != TokenScript.Syllabic)) matchedParts++;
            for (var k = 0; k < pair.QueryLength; k++)
            {
                qPair[pair.Query + k] = acceptedPairs.Count;
                qMatched += qw[pair.Query + k] * pair.Similarity;
            }

            for (var k = 0; k < pair.CandidateLength; k++)
            {
                cPair[pair.Candidate + k] = acceptedPairs.Count;
                cMatched += cw[pair.Candidate + k] * pair.Similarity;
            }

            acceptedPairs.Add(pair);
        }

        var qCoverage = qMatched / qTotal;
        var cCoverage = cMatched / cTotal;
        var pooled = (qMatched + cMatched) / (qTotal + cTotal);
        var score = parameters.CoverageBlend * Math.Min(qCoverage, cCoverage) + (1 - parameters.CoverageBlend) * pooled;
        if (isPerson)
        {
            // People's names are written with parts left out (middle names, patronymics, a second surname), so one name
            // of two parts or more held whole in the other counts; not a single part ("Akbar"), an initial ("Mike P.")
            // or a Han or Hangul syllable, which many names share. Parts left over on both sides ("Habib Ben Mohamed" /
            // "Habib Ben Ahmed") disagree, and count against.
            if (matchedParts >= 2) score += parameters.ContainmentWeight * (Math.Max(qCoverage, cCoverage) - score);
            score -= parameters.ConflictPenalty * Math.Min(1 - qCoverage, 1 - cCoverage);
            if (LineageDisagrees(q, qPair, c, cPair) || InitialsDisagree(q, qPair, c, cPair) || LastPartsDisagree(q, qPair, c, cPair)) score *= parameters.PartConflictFactor;
        }

        // "Huawei" and "Huawei Technologies Company": every distinctive part matched exactly and what is left on either
        // side is generic, so the short form names the same organisation; unless what is left names another company
        // of the group ("Deutsche Bank Trust", "Banco Santander México").
        var sisterCompany = !isPerson && !shortFormListed && (IsSisterCompany(q, qPair, c) || IsSisterCompany(c, cPair, q));
        if (!isPerson && allowShortForm && allExact && !sisterCompany && score < parameters.GenericRemainderFloor && OnlyGenericLeft(q, qPair, c, cPair, pairs)) score = parameters.GenericRemainderFloor;
        if (sisterCompany) score *= parameters.SisterCompanyFactor;
        if (NumbersDisagree(q, c)) score *= parameters.NumberMismatchFactor;
        return new Scored(Math.Clamp(score, 0, 1), qCoverage, cCoverage);
    }

    /// <summary>
    /// A score that <see cref="Score"/> cannot exceed for these names, worked out without pairing their parts: each part
    /// counts as if it met its likeliest partner at the highest similarity that partner could have (from the parts'
    /// lengths and letter counts, not their edit distance), and the rules that only lower a score are left out. Screening
    /// compares a query with dozens of list names that share a word with it and reach the threshold rarely; most are
    /// turned away by this alone. 1 where the parameters would let a rule raise a score.
    /// </summary>
    internal double Ceiling(
        NormalizedName query, double[] qw, PartOutline[] qo, NormalizedName candidate, double[] cw, PartOutline[] co, bool isPerson, bool allowShortForm,
        Workspace workspace)
    {
        if (!_ceilingHolds) return 1;
        var q = query.Tokens;
        var c = candidate.Tokens;
        double qTotal = 0, cTotal = 0;
        for (var i = 0; i < q.Count; i++)
        {
            // A part of negative weight would take off less than the ceiling's take.
            if (qw[i] < 0) return 1;
            qTotal += qw[i];
        }

        for (var j = 0; j < c.Count; j++)
        {
            if (cw[j] < 0) return 1;
            cTotal += cw[j];
        }

        if (qTotal <= 0 || cTotal <= 0) return 0;

        var qBest = workspace.QueryCeilings(q.Count);
        var cBest = workspace.CandidateCeilings(c.Count);
        Array.Clear(qBest, 0, q.Count);
        Array.Clear(cBest, 0, c.Count);
        for (var i = 0; i < q.Count; i++)
        {
            if (qw[i] <= 0) continue;
            for (var j = 0; j < c.Count; j++)
            {
                if (cw[j] <= 0) continue;
                var (similarity, _) = TokenSimilarity(qo[i].Part, co[j].Part, isPerson, ceiling: true, qo[i], co[j]);
                qBest[i] = Math.Max(qBest[i], similarity);
                cBest[j] = Math.Max(cBest[j], similarity);
            }
        }

        JoinedCeilings(qo, qw, co, qBest, cBest);
        JoinedCeilings(co, cw, qo, cBest, qBest);
        if (!isPerson)
        {
            // Acronyms are found as Score finds them: by first letters, which is cheap.
            var pairs = workspace.Pairs;
            pairs.Clear();
            AddAcronyms(q, qw, c, pairs, queryIsAcronym: true);
            AddAcronyms(c, cw, q, pairs, queryIsAcronym: false);
            foreach (var pair in pairs)
            {
                for (var k = 0; k < pair.QueryLength; k++) qBest[pair.Query + k] = Math.Max(qBest[pair.Query + k], pair.Similarity);
                for (var k = 0; k < pair.CandidateLength; k++) cBest[pair.Candidate + k] = Math.Max(cBest[pair.Candidate + k], pair.Similarity);
            }
        }

        // Each part is in one accepted pair at most, so it adds at most its weight times its best similarity.
        double qMatched = 0, cMatched = 0;
        for (var i = 0; i < q.Count; i++) qMatched += qw[i] * qBest[i];
        for (var j = 0; j < c.Count; j++) cMatched += cw[j] * cBest[j];
        var qCoverage = qMatched / qTotal;
        var cCoverage = cMatched / cTotal;
        var score = parameters.CoverageBlend * Math.Min(qCoverage, cCoverage) + (1 - parameters.CoverageBlend) * (qMatched + cMatched) / (qTotal + cTotal);
        if (isPerson) score = Math.Max(score, score + parameters.ContainmentWeight * (Math.Max(qCoverage, cCoverage) - score));
        else if (allowShortForm) score = Math.Max(score, parameters.GenericRemainderFloor);
        return Math.Clamp(score, 0, 1);
    }

    /// <summary>
    /// Whether, as <see cref="Ceiling"/> assumes, every rule of <see cref="Score"/> beyond the coverages only lowers a score,
    /// no similarity exceeds 1 (so that no coverage does), and a higher similarity stays higher when raised to the exponent.
    /// </summary>
    private readonly bool _ceilingHolds =
        parameters.CoverageBlend is >= 0 and <= 1 && parameters.ContainmentWeight is >= 0 and <= 1 && parameters.ConflictPenalty >= 0
        && parameters.PartConflictFactor is >= 0 and <= 1 && parameters.SisterCompanyFactor is >= 0 and <= 1 && parameters.NumberMismatchFactor is >= 0 and <= 1
        && parameters.FuzzyExponent > 0 && parameters.InitialSimilarity <= 1 && parameters.NicknameSimilarity <= 1 && parameters.OneEditSimilarity <= 1;

    /// <summary>
    /// The ceiling of <see cref="AddConcatenations"/>: a part may be a run of two to four of the other name's parts written
    /// together where the run's length and letters are within one edit of its own, and then it and the run's parts may
    /// meet at similarity 1. The words that end a run there are not asked about, which can only let more runs in.
    /// </summary>
    private static void JoinedCeilings(PartOutline[] single, double[] singleWeights, PartOutline[] runs, double[] singleBest, double[] runBest)
    {
        for (var i = 0; i < single.Length; i++)
        {
            var length = single[i].Part.Text.Length;
            if (singleWeights[i] <= 0 || length < 4) continue;
            for (var start = 0; start < runs.Length - 1; start++)
            {
                var joined = runs[start].Part.Text.Length;
                for (var end = start + 1; end < Math.Min(runs.Length, start + 4); end++)
                {
                    joined += runs[end].Part.Text.Length;
                    if (joined > length + 1) break;
                    if (joined < length - 1 || PartOutline.LetterCountDistance(single[i], runs.AsSpan(start..(end + 1))) > 1) continue;
                    singleBest[i] = 1;
                    for (var k = start; k <= end; k++) runBest[k] = 1;
                }
            }
        }
    }

    /// <summary>What <see cref="Ceiling"/> needs of each part of a name, in the name's order; worked out once per name.</summary>
    internal PartOutline[] Outline(NormalizedName name)
    {
        var outline = new PartOutline[name.Tokens.Count];
        for (var i = 0; i < outline.Length; i++) outline[i] = PartOutline.Of(name.Tokens[i], nicknames);
        return outline;
    }

    /// <param name="ceiling">
    /// Whether to give instead the highest similarity the parts could have, from their outlines: the same steps, but for
    /// the edit distance, which is bounded from below by the parts' lengths and letter counts. The outlines are read only then.
    /// </param>
    private (double Similarity, string How) TokenSimilarity(NameToken a, NameToken b, bool isPerson, bool ceiling, in PartOutline aOutline, in PartOutline bOutline)
    {
        if (a.Text == b.Text) return (1, "exact");
        var aInitial = a.Role == TokenRole.Initial;
        var bInitial = b.Role == TokenRole.Initial;
        if (aInitial || bInitial)
        {
            if (aInitial && bInitial) return (0, "");
            var initial = aInitial ? a.Text[0] : b.Text[0];
            var full = aInitial ? b.Text : a.Text;
            return full[0] == initial ? (parameters.InitialSimilarity, "initial") : (0, "");
        }

        if (isPerson && (!ceiling || aOutline.InNicknames && bOutline.InNicknames) && nicknames.AreVariants(a.Text, b.Text))
        {
            return (parameters.NicknameSimilarity, "name variant");
        }

        if (char.IsAsciiDigit(a.Text[0]) || char.IsAsciiDigit(b.Text[0])) return (0, "");
        if ((a.Script == TokenScript.Abjad) != (b.Script == TokenScript.Abjad) && SameConsonants(a.Text, b.Text))
        {
            return (parameters.NicknameSimilarity, "transliterated consonants");
        }

        if (Math.Min(a.Text.Length, b.Text.Length) < 4) return (0, "");

        // A Han or Hangul syllable that differs is a different character, not a typo.
        if (a.Script == TokenScript.Syllabic || b.Script == TokenScript.Syllabic) return (0, "");
        var longer = Math.Max(a.Text.Length, b.Text.Length);
        double similarity;
        bool oneEdit;
        if (ceiling)
        {
            var fewestEdits = Math.Max(Math.Abs(a.Text.Length - b.Text.Length), PartOutline.LetterCountDistance(aOutline, bOutline));
            similarity = Math.Max(0, 1 - fewestEdits / (double)longer);
            oneEdit = fewestEdits <= 1;
        }
        else
        {
            similarity = FuzzySimilarity(a.Text, b.Text, parameters.FuzzyMinimum);
            oneEdit = Math.Round((1 - similarity) * longer) == 1;
        }

        if (similarity < parameters.FuzzyMinimum) return (0, "");
        if (longer >= 5 && oneEdit) similarity = Math.Max(similarity, parameters.OneEditSimilarity);
        return (Math.Pow(similarity, parameters.FuzzyExponent), a.FromScript || b.FromScript ? "transliterated" : "fuzzy");
    }

    /// <summary>One part on one side equal (or nearly) to two or three adjacent parts on the other written together.</summary>
    private void AddConcatenations(IReadOnlyList<NameToken> single, double[] singleWeights, IReadOnlyList<NameToken> runs, double[] runWeights, List<Pair> pairs, bool queryJoined)
    {
        // Runs are written into one buffer, not a new string per length: this runs for every pair of names screened.
        var longest = 0;
        for (var i = 0; i < single.Count; i++) longest = Math.Max(longest, single[i].Text.Length);
        Span<char> room = longest + 2 <= 256 ? stackalloc char[longest + 2] : new char[longest + 2];
        for (var i = 0; i < single.Count; i++)
        {
            if (singleWeights[i] <= 0 || single[i].Text.Length < 4) continue;
            var target = single[i].Text;
            var buffer = room[..(target.Length + 2)];
            for (var start = 0; start < runs.Count; start++)
            {
                if (runs[start].Text.Length > buffer.Length) continue;
                runs[start].Text.CopyTo(buffer);
                var joinedLength = runs[start].Text.Length;
                for (var length = 2; length <= 4 && start + length <= runs.Count; length++)
                {
                    // A legal form may be part of the run: "SiemensAG" is "Siemens AG" written together.
                    if (runWeights[start + length - 1] <= 0 && runs[start + length - 1].Role is not (TokenRole.Stopword or TokenRole.LegalForm)) break;
                    var next = runs[start + length - 1].Text;
                    if (joinedLength + next.Length > buffer.Length) break;
                    next.CopyTo(buffer[joinedLength..]);
                    joinedLength += next.Length;
                    ReadOnlySpan<char> joined = buffer[..joinedLength];
                    // Written together, only an exact or one-letter difference counts: "alibaba" must not meet "ali basati".
                    var similarity = joined.SequenceEqual(target) ? 1
                        : joinedLength >= 8 && StringSimilarity.Levenshtein(joined, target, 1) <= 1 ? Math.Pow(FuzzySimilarity(joined.ToString(), target), parameters.FuzzyExponent)
                        : 0;
                    if (similarity <= 0) continue;
                    pairs.Add(queryJoined ? new Pair(start, length, i, 1, similarity, "joined") : new Pair(i, 1, start, length, similarity, "joined"));
                }
            }
        }
    }

    /// <summary>
    /// An organisation's acronym on one side and the words it abbreviates on the other ("PLA" / "People's Liberation
    /// Army", "ABC" / "A.B.C."), with or without its small words ("BOA" / "Bank of America").
    /// </summary>
    private void AddAcronyms(IReadOnlyList<NameToken> acronyms, double[] acronymWeights, IReadOnlyList<NameToken> words, List<Pair> pairs, bool queryIsAcronym)
    {
        for (var i = 0; i < acronyms.Count; i++)
        {
            var acronym = acronyms[i].Text;
            if (acronymWeights[i] <= 0 || acronym.Length is < 2 or > 6 || !IsAsciiLetters(acronym)) continue;
            for (var start = 0; start < words.Count; start++)
            {
                if (words[start].Role is TokenRole.LegalForm or TokenRole.Stopword || words[start].Text[0] != acronym[0]) continue;
                foreach (var skipSmallWords in (ReadOnlySpan<bool>)[false, true])
                {
                    var letters = 0;
                    var end = start;
                    while (end < words.Count && letters < acronym.Length && words[end].Role != TokenRole.LegalForm)
                    {
                        if (!(skipSmallWords && words[end].Role == TokenRole.Stopword))
                        {
                            if (words[end].Text[0] != acronym[letters]) break;
                            letters++;
                        }

                        end++;
                    }

                    if (letters != acronym.Length || end - start < 2) continue;
                    var length = end - start;
                    pairs.Add(queryIsAcronym
                        ? new Pair(i, 1, start, length, parameters.InitialSimilarity, "acronym")
                        : new Pair(start, length, i, 1, parameters.InitialSimilarity, "acronym"));
                }
            }
        }
    }

    private static bool IsAsciiLetters(string text)
    {
        foreach (var letter in text)
        {
            if (!char.IsAsciiLetter(letter)) return false;
        }

        return true;
    }

    /// <summary>
    /// One minus the edit distance over the longer length: "scholze"/"scholz" 0.86, but "lukashevich"/"lukashenko" 0.64,
    /// where Jaro-Winkler's shared-prefix bonus would call them near-equal.
    /// </summary>
    public static double FuzzySimilarity(string a, string b)
    {
        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0) return 1;
        var limit = longer / 2;
        var distance = StringSimilarity.Levenshtein(a, b, limit);
        return distance > limit ? 0 : 1 - distance / (double)longer;
    }

    /// <summary>
    /// <see cref="FuzzySimilarity(string, string)"/> where only a value of at least <paramref name="minimum"/> matters (any
    /// lower one may come back as 0): lengths too far apart are not compared, and the comparison stops at the distance
    /// that the minimum allows.
    /// </summary>
    public static double FuzzySimilarity(string a, string b, double minimum)
    {
        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0) return 1;
        // One edit more than the minimum allows, so that rounding cannot turn away a distance that just passes.
        var limit = Math.Min(longer / 2, (int)Math.Ceiling((1 - minimum) * longer) + 1);
        if (Math.Abs(a.Length - b.Length) > limit) return 0;
        var distance = StringSimilarity.Levenshtein(a, b, limit);
        return distance > limit ? 0 : 1 - distance / (double)longer;
    }

    /// <summary>The consonant skeleton ("mohamed" → "mhmd"): all that Arabic or Hebrew writing shows of most names.</summary>
    internal static string Consonants(string token)
    {
        Span<char> buffer = stackalloc char[SkeletonRoom];
        return new string(buffer[..Consonants(token, buffer)]);
    }

    /// <summary>
    /// Whether two parts have the same <see cref="Consonants(string)"/> of two letters or more, compared where they are
    /// written: a Latin part meets every list part transliterated from Arabic, and a string for each was most of what
    /// comparing them allocated.
    /// </summary>
    private static bool SameConsonants(string a, string b)
    {
        Span<char> left = stackalloc char[SkeletonRoom];
        Span<char> right = stackalloc char[SkeletonRoom];
        var length = Consonants(a, left);
        return length >= 2 && Consonants(b, right) == length && left[..length].SequenceEqual(right[..length]);
    }

    /// <summary>The longest skeleton kept: a longer one is cut there.</summary>
    private const int SkeletonRoom = 64;

    /// <summary>Writes the skeleton into <paramref name="buffer"/> (at most <see cref="SkeletonRoom"/> letters); returns its length.</summary>
    private static int Consonants(string token, Span<char> buffer)
    {
        var room = Math.Min(token.Length, SkeletonRoom);
        var length = 0;
        foreach (var c in token)
        {
            if (length == room) break;
            if (c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'w' or 'h') continue;
            if (length > 0 && buffer[length - 1] == c) continue;
            buffer[length++] = c;
        }

        return length;
    }

    // The part arrays below hold, for each part, the accepted pair it went to (-1: it met nothing), as Compare fills them.

    private static bool OnlyGenericLeft(IReadOnlyList<NameToken> q, int[] qPair, IReadOnlyList<NameToken> c, int[] cPair, List<Pair> pairs)
    {
        // Words left on both sides ("Saudi Arabian Gas" / "Saudi Arabian Oil") are a difference, not a short form.
        if (GenericLeft(q, qPair) && GenericLeft(c, cPair)) return false;
        var exactRegular = false;
        for (var i = 0; i < q.Count; i++)
        {
            if (q[i].Role == TokenRole.Regular && qPair[i] < 0) return false;
            if (q[i].Role == TokenRole.Initial && qPair[i] < 0) return false;
        }

        for (var j = 0; j < c.Count; j++)
        {
            if (c[j].Role is TokenRole.Regular or TokenRole.Initial && cPair[j] < 0) return false;
            if (c[j].Role == TokenRole.Regular && cPair[j] >= 0) exactRegular = true;
        }

        return exactRegular && pairs.Count > 0;
    }

    private static bool GenericLeft(IReadOnlyList<NameToken> tokens, int[] pairOf)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (pairOf[i] < 0 && tokens[i].Role == TokenRole.Generic) return true;
        }

        return false;
    }

    /// <summary>Both names have numbers, and none of the query's is one of the candidate's.</summary>
    private static bool NumbersDisagree(IReadOnlyList<NameToken> q, IReadOnlyList<NameToken> c)
    {
        var queryHasNumber = false;
        for (var i = 0; i < q.Count; i++)
        {
            if (!char.IsAsciiDigit(q[i].Text[0])) continue;
            queryHasNumber = true;
            for (var j = 0; j < c.Count; j++)
            {
                if (char.IsAsciiDigit(c[j].Text[0]) && string.Equals(q[i].Text, c[j].Text, StringComparison.Ordinal)) return false;
            }
        }

        if (!queryHasNumber) return false;
        for (var j = 0; j < c.Count; j++)
        {
            if (char.IsAsciiDigit(c[j].Text[0])) return true;
        }

        return false;
    }

    private static List<string> Discounted(IReadOnlyList<NameToken> q, IReadOnlyList<NameToken> c) =>
        q.Concat(c).Where(t => t.Role is TokenRole.LegalForm or TokenRole.Stopword or TokenRole.Generic)
            .Select(t => t.Text + " (" + t.Role switch { TokenRole.LegalForm => "legal form", TokenRole.Stopword => "stopword", _ => "generic word" } + ")")
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static bool AnyUsed(int[] pairOf, int start, int length)
    {
        for (var k = 0; k < length; k++)
        {
            if (pairOf[start + k] >= 0) return true;
        }

        return false;
    }

    /// <summary>
    /// Both names are written "own name bin father's name", and either the own names did not meet each other ("Ahmad bin
    /// Hasan" and "Hasan bin Ahmad" are son and father), or the names after the same "bin" met nothing at all ("Mohamed
    /// ben Hamid" / "Mohamed ben Abdallah"). A forebear's name met elsewhere is a name shortened ("Osama bin Laden").
    /// </summary>
    private static bool LineageDisagrees(IReadOnlyList<NameToken> q, int[] qPair, IReadOnlyList<NameToken> c, int[] cPair)
    {
        var qCount = LineagePositions(q, []);
        if (qCount == 0) return false;
        var cCount = LineagePositions(c, []);
        if (cCount == 0) return false;
        Span<int> qPositions = stackalloc int[qCount];
        Span<int> cPositions = stackalloc int[cCount];
        LineagePositions(q, qPositions);
        LineagePositions(c, cPositions);
        if (qPair[qPositions[0]] < 0 || qPair[qPositions[0]] != cPair[cPositions[0]]) return true;
        for (var k = 1; k < Math.Min(qCount, cCount); k++)
        {
            if (qPair[qPositions[k]] < 0 && cPair[cPositions[k]] < 0) return true;
        }

        return false;
    }

    /// <summary>The part before the first lineage word, then the part after each one; counted, and written where there is room.</summary>
    private static int LineagePositions(IReadOnlyList<NameToken> tokens, Span<int> positions)
    {
        var count = 0;
        for (var i = 1; i < tokens.Count - 1; i++)
        {
            if ((tokens[i].Traits & TokenTrait.Lineage) == 0) continue;
            if (count == 0)
            {
                if (positions.Length > 0) positions[0] = i - 1;
                count = 1;
            }

            if (count < positions.Length) positions[count] = i + 1;
            count++;
        }

        return count;
    }

    /// <summary>Each name has an initial that met nothing in the other: "William G. Frost" and "William W. Frost".</summary>
    private static bool InitialsDisagree(IReadOnlyList<NameToken> q, int[] qPair, IReadOnlyList<NameToken> c, int[] cPair) =>
        UnmatchedInitial(q, qPair) && UnmatchedInitial(c, cPair);

    /// <summary>
    /// The last full part of each name met nothing in the other: the family names differ ("Yusuf al-San'ani" / "Yusuf
    /// al-Madani"), however much of the rest is shared.
    /// </summary>
    private static bool LastPartsDisagree(IReadOnlyList<NameToken> q, int[] qPair, IReadOnlyList<NameToken> c, int[] cPair) =>
        LastPart(q) is var i and >= 0 && qPair[i] < 0 && LastPart(c) is var j and >= 0 && cPair[j] < 0;

    private static int LastPart(IReadOnlyList<NameToken> tokens)
    {
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            if (tokens[i].Role == TokenRole.Regular) return i;
        }

        return -1;
    }

    private static bool UnmatchedInitial(IReadOnlyList<NameToken> tokens, int[] pairOf)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Role == TokenRole.Initial && pairOf[i] < 0) return true;
        }

        return false;
    }

    /// <summary>
    /// One name has a part the other lacks that marks a company of its own within a group: a line of business ("Trust",
    /// "Holdings"), or a country after the first word ("Banco Santander México"). Legal forms count here too, as
    /// "Holdings" is one.
    /// </summary>
    private static bool IsSisterCompany(IReadOnlyList<NameToken> tokens, int[] pairOf, IReadOnlyList<NameToken> other)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (pairOf[i] >= 0) continue;
            var marks = (token.Traits & TokenTrait.BusinessLine) != 0 || (i > 0 && (token.Traits & TokenTrait.Country) != 0);
            if (marks && !Mentions(other, token.Text)) return true;
        }

        return false;
    }

    /// <summary>Whether a name has the word, in the singular or the plural ("holding" / "holdings").</summary>
    private static bool Mentions(IReadOnlyList<NameToken> tokens, string word)
    {
        var stem = word.AsSpan().TrimEnd('s');
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Text.AsSpan().TrimEnd('s').SequenceEqual(stem)) return true;
        }

        return false;
    }

    private static string Join(IReadOnlyList<NameToken> tokens, int start, int length) =>
        length == 1 ? tokens[start].Text : string.Join(' ', Enumerable.Range(start, length).Select(k => tokens[k].Text));

    internal readonly record struct Scored(double Value, double QueryCoverage, double CandidateCoverage);

    /// <summary>Passed for the outlines where the exact similarity is asked for, which reads none.</summary>
    private static readonly PartOutline NoOutline = default;

    internal readonly record struct Pair(int Query, int QueryLength, int Candidate, int CandidateLength, double Similarity, string How);

    /// <summary>
    /// A part, its letter counts in 32 bins (a to z, digits, and five for any other character) each held to 255, and
    /// whether the nickname table has it. The part is held here too: the ceiling reads parts from one array, not through
    /// the name's list.
    /// </summary>
    internal readonly record struct PartOutline(NameToken Part, Vector256<byte> Letters, int LetterCount, bool InNicknames)
    {
        public static PartOutline Of(NameToken part, NicknameTable nicknames)
        {
            Span<byte> bins = stackalloc byte[Vector256<byte>.Count];
            bins.Clear();
            var count = 0;
            foreach (var letter in part.Text)
            {
                var bin = letter is >= 'a' and <= 'z' ? letter - 'a' : char.IsAsciiDigit(letter) ? 26 : 27 + letter % 5;
                if (bins[bin] == byte.MaxValue) continue;
                bins[bin]++;
                count++;
            }

            return new PartOutline(part, Vector256.Create<byte>(bins), count, nicknames.Contains(part.Text));
        }

        /// <summary>
        /// A lower bound of the edit distance (swaps of neighbours counted as one edit) from the letter counts alone, as
        /// <see cref="StringSimilarity.LetterCountDistance"/> bounds it: the larger of the letters one part has more of
        /// and those it has fewer of. Binning letters together or holding a count down only lowers it.
        /// </summary>
        public static int LetterCountDistance(in PartOutline a, in PartOutline b)
        {
            var differences = Vector256.Max(a.Letters, b.Letters) - Vector256.Min(a.Letters, b.Letters);
            var (lower, upper) = Vector256.Widen(differences);
            // The surplus and the shortfall sum to the differences, and differ by the difference of the counts.
            return (Vector256.Sum(lower + upper) + Math.Abs(a.LetterCount - b.LetterCount)) / 2;
        }

        /// <summary>
        /// <see cref="LetterCountDistance(in PartOutline, in PartOutline)"/> between a part and a run of parts written
        /// together, from half the differences (the larger of surplus and shortfall is at least that); none (0) where a
        /// count may have been held down, which summed over the run could hide a difference.
        /// </summary>
        public static int LetterCountDistance(in PartOutline part, ReadOnlySpan<PartOutline> run)
        {
            if (part.Part.Text.Length >= byte.MaxValue) return 0;
            var (lower, upper) = Vector256.Widen(part.Letters);
            var (runLower, runUpper) = (Vector256<ushort>.Zero, Vector256<ushort>.Zero);
            foreach (var other in run)
            {
                if (other.Part.Text.Length >= byte.MaxValue) return 0;
                var (otherLower, otherUpper) = Vector256.Widen(other.Letters);
                runLower += otherLower;
                runUpper += otherUpper;
            }

            var differences = Vector256.Max(lower, runLower) - Vector256.Min(lower, runLower) + Vector256.Max(upper, runUpper) - Vector256.Min(upper, runUpper);
            return (Vector256.Sum(differences) + 1) / 2;
        }
    }

    /// <summary>The pairs of parts one comparison weighs, kept for the next comparison: screening compares a query with dozens of names.</summary>
    internal sealed class Workspace
    {
        private int[] _queryParts = new int[8];
        private int[] _candidateParts = new int[8];
        private double[] _queryCeilings = new double[8];
        private double[] _candidateCeilings = new double[8];

        internal List<Pair> Pairs { get; } = [];

        /// <summary>The pairs the last comparison accepted, in the order it accepted them.</summary>
        internal List<Pair> Accepted { get; } = [];

        /// <summary>Room for a pair index per query part, at least <paramref name="count"/> long.</summary>
        internal int[] QueryParts(int count) => _queryParts.Length >= count ? _queryParts : _queryParts = new int[count];

        /// <summary>Room for a pair index per candidate part, at least <paramref name="count"/> long.</summary>
        internal int[] CandidateParts(int count) => _candidateParts.Length >= count ? _candidateParts : _candidateParts = new int[count];

        /// <summary>Room for the best similarity each query part could reach, at least <paramref name="count"/> long.</summary>
        internal double[] QueryCeilings(int count) => _queryCeilings.Length >= count ? _queryCeilings : _queryCeilings = new double[count];

        /// <summary>Room for the best similarity each candidate part could reach, at least <paramref name="count"/> long.</summary>
        internal double[] CandidateCeilings(int count) => _candidateCeilings.Length >= count ? _candidateCeilings : _candidateCeilings = new double[count];
    }
}
