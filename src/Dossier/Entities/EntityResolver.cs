using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Entities.Ner;
using Dossier.Text;

namespace Dossier.Entities;

/// <summary>
/// Groups the names found in one document into entities and attaches descriptions and pronouns to them.
/// Names join an entity when they are the same name up to case, periods, a leading "the" and legal endings
/// ("Alibaba Group Holding" and "Alibaba"), a known alias ("U.S.", "United States"), a person's surname or given
/// name alone ("Carafano"), an organisation's name without the place or nationality it opens with ("Communist
/// Party"), or an acronym of it ("PLA"). "The company", "the e-commerce giant" and "its" go to the organisation the
/// text is about: the one named most often so far, ahead if it opened a sentence. A description headed by a noun for
/// what a firm runs or sells ("the short-video app") goes only to the organisation the text last called so ("the
/// famous Tiktok app"), never by salience.
/// </summary>
public sealed class EntityResolver(EntityLexicons lexicons)
{
    /// <param name="Cued">The sentence itself says what the name is ("companies such as X"); such a label outvotes the tagger's.</param>
    public readonly record struct NameChunk(int FirstToken, int EndToken, EntityLabel Label, bool Cued = false);

    private static readonly string[] Determiners = ["the", "The"];
    private static readonly string[] AppositiveOpeners = ["the", "The", "a", "A", "an", "An", "former", "Former"];
    private static readonly string[] AcronymSkips = ["of", "the", "and", "for", "'s", "&", "de"];

    private sealed class Cluster
    {
        public List<int> Names { get; } = [];
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public int[] LabelVotes { get; } = new int[4];
        // The first label with the most votes.
        public EntityLabel Label
        {
            get
            {
                var best = 0;
                for (var label = 1; label < LabelVotes.Length; label++)
                {
                    if (LabelVotes[label] > LabelVotes[best]) best = label;
                }

                return (EntityLabel)best;
            }
        }
    }

    /// <summary>A comparison key for a name: lower case, no periods, no leading "the".</summary>
    public static string Key(IEnumerable<string> words)
    {
        var parts = words.Select(word => NerText.Normalize(word).Replace(".", "", StringComparison.Ordinal).ToLowerInvariant())
            .Where(word => word.Length > 0).ToList();
        if (parts.Count > 1 && parts[0] == "the") parts.RemoveAt(0);
        return string.Join(' ', parts);
    }

    public EntityLayer Resolve(string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences, IReadOnlyList<NameChunk> names)
    {
        // Every token's text is read at least once and many several times: cut each out once.
        var tokenTexts = new string[tokens.Length];
        for (var t = 0; t < tokens.Length; t++) tokenTexts[t] = text.Substring(tokens[t].Span.Start, tokens[t].Span.Length);
        string Word(int t) => tokenTexts[t];
        names = WithLowerCaseHeads(names, tokens.Length, Word);
        var sentenceOf = new int[tokens.Length];
        var chunkAt = new int[tokens.Length];
        Array.Fill(chunkAt, -1);
        for (var s = 0; s < sentences.Length; s++)
        {
            for (var t = sentences[s].FirstToken; t < sentences[s].EndToken && t < tokens.Length; t++) sentenceOf[t] = s;
        }

        for (var i = 0; i < names.Count; i++)
        {
            for (var t = names[i].FirstToken; t < names[i].EndToken; t++) chunkAt[t] = i;
        }

        names = ApplyLabelCues(names, tokens.Length, Word);
        var placeWords = names.Where(n => n.Label is EntityLabel.LOC or EntityLabel.MISC && n.EndToken - n.FirstToken == 1)
            .Select(n => Word(n.FirstToken)).ToHashSet(StringComparer.Ordinal);
        var clusters = new List<Cluster>();
        var clusterOf = new int[names.Count];
        var nameWords = new List<string>[names.Count];

        // "the Party" for the Chinese Communist Party refers to it as "the company" does, by a common noun: a mention,
        // neither an alias nor a name another mention could join.
        var definiteHead = new bool[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var words = nameWords[i] = NameWords(names[i], Word);
            var key = Canonical(Key(words));
            var core = Canonical(Key(StripSuffixes(words)));
            var found = FindCluster(clusters, names, nameWords, i, key, core, placeWords);
            if (found < 0 && words.Count == 1 && names[i].FirstToken > 0 && Determiners.Contains(Word(names[i].FirstToken - 1))
                && LatestOrganisationEndingIn(clusters, nameWords, words[0]) is >= 0 and var organisation)
            {
                definiteHead[i] = true;
                clusterOf[i] = organisation;
                continue;
            }

            if (found < 0)
            {
                clusters.Add(new Cluster());
                found = clusters.Count - 1;
            }

            var cluster = clusters[found];
            cluster.Names.Add(i);
            cluster.Keys.Add(key);
            if (core.Length > 0) cluster.Keys.Add(core);
            cluster.LabelVotes[(int)names[i].Label] += names[i].Cued ? 2 : 1;
            clusterOf[i] = found;
        }

        var mentions = new List<EntityMention>();
        for (var i = 0; i < names.Count; i++)
        {
            var chunk = names[i];
            var span = new TextSpan(tokens[chunk.FirstToken].Span.Start, tokens[chunk.EndToken - 1].Span.End);
            if (definiteHead[i])
            {
                mentions.Add(new EntityMention(new TextSpan(tokens[chunk.FirstToken - 1].Span.Start, span.End), EntityLabel.ORG, clusterOf[i], MentionKind.Nominal));
                continue;
            }

            var label = clusters[clusterOf[i]].Label;
            var title = label == EntityLabel.PER ? TitleOf(text, tokens, sentences[sentenceOf[chunk.FirstToken]], chunk, Word) : null;
            mentions.Add(new EntityMention(span, label, clusterOf[i], MentionKind.Name, title));
        }

        AddDescriptions(text, tokens, sentenceOf, names, clusterOf, clusters, chunkAt, mentions, Word);
        mentions.Sort((a, b) => a.Span.CompareTo(b.Span));

        var entities = clusters.Select((cluster, id) =>
        {
            var surfaces = cluster.Names.Select(n => text[tokens[names[n].FirstToken].Span.Start..tokens[names[n].EndToken - 1].Span.End]).ToList();
            var name = cluster.Names.Select((n, k) => (Tokens: names[n].EndToken - names[n].FirstToken, Surface: surfaces[k], Order: k))
                .OrderByDescending(x => x.Tokens).ThenBy(x => x.Order).First().Surface;
            var aliases = surfaces.Where(surface => surface != name).Distinct(StringComparer.Ordinal).ToImmutableArray();
            return new DocumentEntity(id, name, cluster.Label, aliases);
        }).ToImmutableArray();
        return new EntityLayer([.. mentions], entities);
    }

    /// <summary>
    /// "the Democratic party" after "the Democratic Party": a name whose next word, in lower case, completes an
    /// organisation's name found elsewhere in the text is that organisation's name with its head written small.
    /// </summary>
    private static List<NameChunk> WithLowerCaseHeads(IReadOnlyList<NameChunk> names, int tokenCount, Func<int, string> word)
    {
        string KeyOf(int first, int end) => Key(Enumerable.Range(first, end - first).Select(word));
        var organisations = names.Where(n => n.Label == EntityLabel.ORG && n.EndToken - n.FirstToken >= 2)
            .Select(n => KeyOf(n.FirstToken, n.EndToken)).ToHashSet(StringComparer.Ordinal);
        var result = names.ToList();
        for (var i = 0; i < result.Count; i++)
        {
            var (first, end) = (result[i].FirstToken, result[i].EndToken);
            if (end >= tokenCount || (i + 1 < result.Count && result[i + 1].FirstToken == end)) continue;
            var next = word(end);
            if (next.Length == 0 || !char.IsLower(next[0]) || !organisations.Contains(KeyOf(first, end + 1))) continue;
            result[i] = result[i] with { EndToken = end + 1, Label = EntityLabel.ORG };
        }

        return result;
    }

    /// <summary>
    /// What the sentence says a name is, where the tagger guessed otherwise: "companies such as Huawei and Hikvision",
    /// "one of its companies, Mercury," and a list whose other members are organisations ("TikTok, WeChat, and Alibaba").
    /// </summary>
    private List<NameChunk> ApplyLabelCues(IReadOnlyList<NameChunk> names, int tokenCount, Func<int, string> word)
    {
        var result = names.ToList();
        bool IsOrgHead(int t) => t >= 0 && t < tokenCount && IsNominalHead(word(t));
        for (var i = 0; i < result.Count; i++)
        {
            var first = result[i].FirstToken;
            // HEAD such as A, B and C
            var k = first;
            var j = i;
            while (j > 0 && k - 1 >= 0 && word(k - 1) is "," or "and" or "or" && result[j - 1].EndToken == k - 1)
            {
                j--;
                k = result[j].FirstToken;
            }

            if (k >= 3 && word(k - 1) == "as" && word(k - 2) == "such" && IsNominalHead(word(k - 3).ToLowerInvariant())) result[i] = result[i] with { Label = EntityLabel.ORG, Cued = true };
            // app of NAME, Chief Executive Officer of NAME
            if (first >= 2 && word(first - 1) == "of" && lexicons.OrganisationOfCues.Contains(word(first - 2))) result[i] = result[i] with { Label = EntityLabel.ORG, Cued = true };
            // HEAD, NAME,  ("one of Alibaba's influential companies, Mercury,")
            if (first >= 2 && word(first - 1) == "," && IsOrgHead(first - 2) && result[i].EndToken < tokenCount && word(result[i].EndToken) == ",")
            {
                result[i] = result[i] with { Label = EntityLabel.ORG, Cued = true };
            }
        }

        // A list of names, "A, B, and C": if most are organisations, all are.
        var start = 0;
        while (start < result.Count)
        {
            var end = start + 1;
            while (end < result.Count && result[end].FirstToken - result[end - 1].EndToken is 1 or 2 && Joins(result[end - 1].EndToken, result[end].FirstToken, word)) end++;
            if (end - start >= 3)
            {
                var orgs = 0;
                for (var m = start; m < end; m++) orgs += result[m].Label == EntityLabel.ORG ? 1 : 0;
                if (2 * orgs > end - start)
                {
                    for (var m = start; m < end; m++) result[m] = result[m] with { Label = EntityLabel.ORG, Cued = result[m].Cued || result[m].Label != EntityLabel.ORG };
                }
            }

            start = end;
        }

        return result;
    }

    private static bool Joins(int from, int to, Func<int, string> word)
    {
        for (var t = from; t < to; t++)
        {
            if (word(t) is not ("," or "and" or "or")) return false;
        }

        return true;
    }

    private bool IsNominalHead(string w) =>
        w.Length > 2 && char.IsLower(w[0]) && (lexicons.NominalHeads.Contains(w) || (w.EndsWith('s') && lexicons.NominalHeads.Contains(w[..^1])) ||
                                               (w.EndsWith("ies", StringComparison.Ordinal) && lexicons.NominalHeads.Contains(w[..^3] + "y")));

    private string Canonical(string key) => lexicons.Aliases.GetValueOrDefault(key, key);

    private static List<string> NameWords(NameChunk chunk, Func<int, string> word)
    {
        var words = new List<string>();
        for (var t = chunk.FirstToken; t < chunk.EndToken; t++) words.Add(NerText.Normalize(word(t)));
        if (words.Count > 1 && words[^1] == "'s") words.RemoveAt(words.Count - 1);
        return words;
    }

    private List<string> StripSuffixes(List<string> words)
    {
        var core = words.ToList();
        while (core.Count > 1 && OrganisationSuffixes.Contains(core[^1])) core.RemoveAt(core.Count - 1);
        if (core.Count > 1 && core[^1] == ",") core.RemoveAt(core.Count - 1);
        return core;
    }

    /// <param name="placeWords">Words the document names as places or nationalities on their own ("China", "Chinese").</param>
    private static int FindCluster(List<Cluster> clusters, IReadOnlyList<NameChunk> names, List<string>[] nameWords, int i, string key, string core, HashSet<string> placeWords)
    {
        var words = nameWords[i];
        // The most recent match wins: a later "Smith" is more likely the Smith just mentioned.
        for (var c = clusters.Count - 1; c >= 0; c--)
        {
            if (clusters[c].Keys.Contains(key) || (core.Length > 0 && clusters[c].Keys.Contains(core))) return c;
        }

        var label = names[i].Label;
        for (var c = clusters.Count - 1; c >= 0; c--)
        {
            var cluster = clusters[c];
            if (cluster.Label != label) continue;
            foreach (var n in cluster.Names)
            {
                var other = nameWords[n];
                if (label == EntityLabel.PER && IsPartOfName(words, other)) return c;
                if (label != EntityLabel.PER && words.Count == 1 && other.Count > 1 && other[0] == words[0] && char.IsUpper(words[0][0])) return c;
                if (label != EntityLabel.PER && other.Count == 1 && words.Count > 1 && words[0] == other[0] && char.IsUpper(other[0][0])) return c;
                if (label != EntityLabel.PER && (IsTailOf(words, other, placeWords) || IsTailOf(other, words, placeWords))) return c;
                if (IsAcronymOf(words, other) || IsAcronymOf(other, words)) return c;
            }
        }

        return -1;
    }

    /// <summary>
    /// "the Party" after "the Chinese Communist Party": a definite name of one word that ends a longer organisation's name
    /// stands for the organisation so named that the text mentioned last.
    /// </summary>
    private static int LatestOrganisationEndingIn(List<Cluster> clusters, List<string>[] nameWords, string head)
    {
        var found = -1;
        for (var c = 0; c < clusters.Count; c++)
        {
            var cluster = clusters[c];
            if (cluster.Label != EntityLabel.ORG || !cluster.Names.Any(n => nameWords[n].Count > 1 && nameWords[n][^1] == head)) continue;
            if (found < 0 || cluster.Names[^1] > clusters[found].Names[^1]) found = c;
        }

        return found;
    }

    private static bool IsPartOfName(List<string> a, List<string> b) => PersonNames.IsShortFormOf(a, b) || PersonNames.IsShortFormOf(b, a);

    // "the Communist Party" after "the Chinese Communist Party": an organisation's name, two words at least, without the
    // place or nationality it opens with; not "the Democratic Party of Japan" after "the Liberal Democratic Party of Japan".
    private static bool IsTailOf(List<string> tail, List<string> name, HashSet<string> placeWords) =>
        tail.Count >= 2 && name.Count > tail.Count && name.Skip(name.Count - tail.Count).SequenceEqual(tail, StringComparer.Ordinal)
        && name.Take(name.Count - tail.Count).All(placeWords.Contains);

    private static bool IsAcronymOf(List<string> acronym, List<string> name)
    {
        if (acronym.Count != 1 || name.Count < 2) return false;
        var letters = acronym[0].Replace(".", "", StringComparison.Ordinal);
        if (letters.Length < 2 || !letters.All(char.IsUpper)) return false;
        var initials = string.Concat(name.Where(w => !AcronymSkips.Contains(w) && w.Length > 0 && char.IsLetter(w[0])).Select(w => char.ToUpperInvariant(w[0])));
        return initials == letters;
    }

    /// <summary>A person's title: title words right before the name, or an appositive role ("The former director of X, William Evanina").</summary>
    private string? TitleOf(string text, ImmutableArray<Token> tokens, Sentence sentence, NameChunk chunk, Func<int, string> word)
    {
        var k = chunk.FirstToken - 1;
        while (k >= sentence.FirstToken && (lexicons.TitleWords.Contains(word(k)) || (word(k) == "of" && k - 1 >= sentence.FirstToken && lexicons.TitleWords.Contains(word(k - 1)))))
        {
            k--;
        }

        if (k + 1 < chunk.FirstToken && word(k + 1) != "of") return Slice(text, tokens, k + 1, chunk.FirstToken);

        // Role, Name  — the role runs back to the sentence start or the previous comma.
        if (chunk.FirstToken - 1 > sentence.FirstToken && word(chunk.FirstToken - 1) == ",")
        {
            var end = chunk.FirstToken - 1;
            var start = end - 1;
            while (start > sentence.FirstToken && word(start - 1) != "," && end - start < 14) start--;
            if ((start == sentence.FirstToken || word(start - 1) == ",") && IsRole(word, start, end)) return Slice(text, tokens, start, end);
        }

        // Name, role,
        if (chunk.EndToken + 1 < sentence.EndToken && word(chunk.EndToken) == ",")
        {
            var start = chunk.EndToken + 1;
            var end = start;
            while (end < sentence.EndToken && word(end) is not ("," or "." or ";") && end - start < 14) end++;
            if (end < sentence.EndToken && word(end) is "," or "." or ";" && IsRole(word, start, end)) return Slice(text, tokens, start, end);
        }

        return null;
    }

    private bool IsRole(Func<int, string> word, int start, int end)
    {
        if (end - start < 2) return false;
        var first = word(start);
        if (!AppositiveOpeners.Contains(first) && !lexicons.TitleWords.Contains(first)) return false;
        for (var t = start; t < end; t++)
        {
            var w = word(t);
            if (lexicons.TitleWords.Contains(w) || lexicons.TitleWords.Contains(Capitalise(w)) || RoleNouns.Contains(w)) return true;
        }

        return false;
    }

    private static readonly string[] RoleNouns =
        ["director", "professional", "expert", "analyst", "spokesperson", "spokesman", "spokeswoman", "official", "executive", "chairman", "founder", "head", "leader",
         "minister", "secretary", "adviser", "advisor", "president", "member", "fellow", "researcher", "professor", "economist", "chief", "officer", "lawyer", "attorney", "candidate"];

    private static string Capitalise(string w) => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..];

    private static string Slice(string text, ImmutableArray<Token> tokens, int first, int end) =>
        text[tokens[first].Span.Start..tokens[end - 1].Span.End];

    private void AddDescriptions(
        string text, ImmutableArray<Token> tokens, int[] sentenceOf, IReadOnlyList<NameChunk> names, int[] clusterOf, List<Cluster> clusters,
        int[] chunkAt, List<EntityMention> mentions, Func<int, string> word)
    {
        var nameIndex = 0;
        var seen = new int[clusters.Count];
        var openedSentence = new bool[clusters.Count];
        var lastSentenceOf = new int[clusters.Count];
        Array.Fill(lastSentenceOf, -100);

        // The organisation each offering noun last described ("the famous Tiktok app" → app: Tiktok).
        var describedBy = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < tokens.Length; t++)
        {
            while (nameIndex < names.Count && names[nameIndex].EndToken <= t)
            {
                var c = clusterOf[nameIndex];
                seen[c]++;
                var after = names[nameIndex].EndToken;
                if (clusters[c].Label == EntityLabel.ORG && after + 1 < tokens.Length && chunkAt[after] < 0 && lexicons.OfferingNouns.Contains(word(after))
                    && EndsNounPhrase(word(after + 1)))
                {
                    describedBy[word(after)] = c;
                }

                var first = names[nameIndex].FirstToken;
                if (first == 0 || sentenceOf[first - 1] != sentenceOf[first] || (first >= 2 && sentenceOf[first - 2] != sentenceOf[first] && !char.IsLetterOrDigit(word(first - 1)[0])))
                {
                    openedSentence[c] = true;
                }

                lastSentenceOf[c] = sentenceOf[first];
                nameIndex++;
            }

            if (chunkAt[t] >= 0) continue;
            var w = word(t);
            var sentence = sentenceOf[t];
            if (Determiners.Contains(w) || (w is "a" or "an" && t >= 2 && word(t - 1) == "," && chunkAt[t - 2] >= 0))
            {
                var head = NominalHead(tokens, t, chunkAt, names, word);
                if (head < 0) continue;
                var target = -1;
                var headWord = word(head);
                // "Alibaba, a Chinese e-commerce giant" and "the Chinese e-commerce giant, Alibaba,": the appositive names it.
                if (w is "a" or "an") target = clusterOf[chunkAt[t - 2]];
                else if (head + 2 < tokens.Length && word(head + 1) == "," && chunkAt[head + 2] >= 0 && names[chunkAt[head + 2]].FirstToken == head + 2) target = clusterOf[chunkAt[head + 2]];
                else if (describedBy.TryGetValue(headWord, out var described)) target = described;
                else if (lexicons.NominalHeads.Contains(headWord)) target = MostSalient(clusters, seen, openedSentence, lastSentenceOf, sentence, 1000);
                if (target < 0 || clusters[target].Label != EntityLabel.ORG) continue;
                if (lexicons.OfferingNouns.Contains(headWord)) describedBy[headWord] = target;
                mentions.Add(new EntityMention(new TextSpan(tokens[t].Span.Start, tokens[head].Span.End), EntityLabel.ORG, target, MentionKind.Nominal));
                seen[target]++;
                lastSentenceOf[target] = sentence;
                t = head;
            }
            else if (w is "its" or "Its")
            {
                var target = MostSalient(clusters, seen, openedSentence, lastSentenceOf, sentence, 1);
                if (target >= 0) mentions.Add(new EntityMention(tokens[t].Span, EntityLabel.ORG, target, MentionKind.Pronoun));
            }
            else if (w is "he" or "He" or "his" or "His" or "him" or "she" or "She" or "her" or "Her")
            {
                var target = -1;
                for (var c = 0; c < clusters.Count; c++)
                {
                    if (clusters[c].Label == EntityLabel.PER && sentence - lastSentenceOf[c] <= 2 && (target < 0 || lastSentenceOf[c] >= lastSentenceOf[target])) target = c;
                }

                if (target >= 0)
                {
                    mentions.Add(new EntityMention(tokens[t].Span, EntityLabel.PER, target, MentionKind.Pronoun));
                    lastSentenceOf[target] = sentence;
                }
            }
        }
    }

    /// <summary>Words that may follow an organisation's name and an offering noun when the noun heads the phrase ("Tiktok app of
    /// Bytdance", "the WeChat app, which"), not when it modifies another noun ("TikTok app users").</summary>
    private static readonly string[] NounPhraseFollowers =
        ["of", "and", "or", "is", "was", "has", "had", "which", "that", "in", "on", "to", "for", "by", "with", "will", "would", "can", "could", "may", "might", "did", "does"];

    private static bool EndsNounPhrase(string next) => next.Length > 0 && (!char.IsLetterOrDigit(next[0]) || NounPhraseFollowers.Contains(next));

    private bool IsDescriptionHead(string w) => w.Length > 0 && char.IsLower(w[0]) && (lexicons.NominalHeads.Contains(w) || lexicons.OfferingNouns.Contains(w));

    // The determiner, up to three modifiers that are not names (a nationality is allowed), then a singular head noun.
    private int NominalHead(ImmutableArray<Token> tokens, int determiner, int[] chunkAt, IReadOnlyList<NameChunk> names, Func<int, string> word)
    {
        for (var j = determiner + 1; j < tokens.Length && j <= determiner + 4; j++)
        {
            if (chunkAt[j] >= 0 && names[chunkAt[j]].Label != EntityLabel.MISC) return -1;
            var w = word(j);
            if (w.Length == 0 || !char.IsLetter(w[0])) return -1;
            if (IsDescriptionHead(w))
            {
                var next = j + 1 < tokens.Length ? word(j + 1) : ".";
                if (next.Length == 0 || char.IsUpper(next[0]) || next == "of" || IsDescriptionHead(next)) return -1;

                // "the cloud-streamed gaming service providers": an offering noun often modifies the noun after it, so it
                // heads a description only before punctuation, a function word or a past tense ("the app crashed").
                return lexicons.NominalHeads.Contains(w) || EndsNounPhrase(next) || next.EndsWith("ed", StringComparison.Ordinal) ? j : -1;
            }

            if (chunkAt[j] < 0 && char.IsUpper(w[0])) return -1;
        }

        return -1;
    }

    /// <summary>The organisation named most often so far, a sentence opener counting half a mention more; ties go to the latest.</summary>
    private static int MostSalient(List<Cluster> clusters, int[] seen, bool[] openedSentence, int[] lastSentenceOf, int sentence, int window)
    {
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < clusters.Count; c++)
        {
            if (clusters[c].Label != EntityLabel.ORG || seen[c] == 0 || sentence - lastSentenceOf[c] > window) continue;
            var score = seen[c] + (openedSentence[c] ? 0.5 : 0);
            if (score > bestScore || (score == bestScore && lastSentenceOf[c] >= lastSentenceOf[best]))
            {
                best = c;
                bestScore = score;
            }
        }

        return best;
    }
}
