using System.Collections.Frozen;
using Dossier.Claims;
using Dossier.Entities;
using Dossier.Linking.Stance;

namespace Dossier.Linking;

/// <summary>Claims of different articles that make one proposition about one subject, with their provenance.</summary>
/// <param name="Earliest">The claim of the earliest article (by publication date, then by order in the store).</param>
/// <param name="IndependentSources">Distinct stories among the claim's articles, where a cited source shared by several counts once.</param>
/// <param name="Denials">Claims of other articles that deny it.</param>
/// <param name="CitationChain">The sources the texts name for it, earliest article first ("Financial Times", "a declassified intelligence memo").</param>
public sealed record ClaimCluster(
    string Id,
    IReadOnlyList<ClaimRef> Claims,
    ClaimRef Earliest,
    int IndependentSources,
    IReadOnlyList<ClaimRef> Denials,
    IReadOnlyList<string> CitationChain);

public sealed record ClaimLinkingResult(IReadOnlyList<ClaimLink> Links, IReadOnlyList<ClaimCluster> Clusters);

/// <summary>Settings of claim linking; <see cref="Threshold"/> is the share of the smaller claim's content words the other must have.</summary>
public sealed record ClaimLinkingOptions
{
    public double Threshold { get; init; } = 0.4;

    /// <summary>
    /// Earlier claims one claim is compared with at most: those sharing the most and rarest subjects with it, then
    /// the most recent. A bound per claim, not per subject, keeps the cost linear however many claims a subject gathers.
    /// </summary>
    public int MaxComparisonsPerClaim { get; init; } = 200;
}

/// <summary>
/// Links claims across articles. Candidates come from an inverted index on the claims' subjects (canonical entities,
/// or their names when the entity model is absent), never all pairs; a candidate pair is linked when the claims
/// share enough content words. The relation is <c>denies</c> when exactly one side is a denial or negation,
/// <c>repeats</c> when both articles are one story or rest on the same cited source, and <c>supports</c> otherwise.
/// A denial that answers a claim of its own article (<see cref="Claim.RespondsTo"/>) is also paired with every claim
/// that the answered claim is linked to, so the denial in one article meets the allegation in another.
/// Claims are taken in order and compared with earlier ones only, so a store links each new page of documents against
/// the latest stored claims of their subjects (<see cref="LinkNewAsync"/>) and gets the links of linking them all at once.
/// </summary>
public sealed class ClaimLinker(ClaimLinkingOptions? options = null)
{
    private static readonly FrozenSet<string> DenialCues =
        EmbeddedData.ReadLines("Linking.Data.claim-denial-cues.txt").ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> AttributionWords =
        EmbeddedData.ReadLines("Linking.Data.claim-attribution-words.txt").ToFrozenSet(StringComparer.Ordinal);

    private readonly ClaimLinkingOptions _options = options ?? new ClaimLinkingOptions();

    public ClaimLinkingResult Link(IReadOnlyList<LinkableDocument> documents, IReadOnlyList<StoryCluster> stories, CancellationToken cancellationToken = default)
    {
        var (claims, links, storyOf, byId) = LinkAll(documents, stories, cancellationToken);
        return new ClaimLinkingResult(links, Cluster(claims, links, storyOf, byId));
    }

    /// <summary>The links of <see cref="Link"/> without the claim clusters, which read the texts around every linked claim.</summary>
    public IReadOnlyList<ClaimLink> LinkClaims(IReadOnlyList<LinkableDocument> documents, IReadOnlyList<StoryCluster> stories, CancellationToken cancellationToken = default) =>
        LinkAll(documents, stories, cancellationToken).Links;

    /// <summary>
    /// The links that claims stored after every claim of <paramref name="index"/> make, among themselves and with the
    /// indexed ones: those <see cref="LinkClaims"/> adds when it is given every document in stored order, read from the
    /// index for the new claims' subjects only. <paramref name="newClaims"/> are in stored order.
    /// </summary>
    public async Task<IReadOnlyList<ClaimLink>> LinkNewAsync(IReadOnlyList<IndexedClaim> newClaims, IClaimIndexTransaction index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newClaims);
        ArgumentNullException.ThrowIfNull(index);
        if (newClaims.Count == 0) return [];
        var keys = newClaims.SelectMany(c => c.Keys).Distinct(StringComparer.Ordinal).ToList();
        var stored = await index.MembersAsync(keys, _options.MaxComparisonsPerClaim, cancellationToken);

        // Earlier claims first, in stored order, so that ties between candidates fall as they would over the whole store.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var claims = new List<Prepared>();
        var local = new Dictionary<(long, int), int>();
        var earlier = stored.SelectMany(m => m.Latest).DistinctBy(c => (c.Sequence, c.Index)).ToList();
        earlier.Sort((a, b) => a.CompareOrder(b));
        foreach (var claim in earlier)
        {
            local[(claim.Sequence, claim.Index)] = claims.Count;
            claims.Add(Prepare(claim, vocabulary));
        }

        var members = stored.ToDictionary(
            m => m.Key, m => new KeyMembers(m.Count - m.Latest.Count, m.Latest.Select(c => local[(c.Sequence, c.Index)]).ToList()), StringComparer.Ordinal);
        var firstNew = claims.Count;
        foreach (var claim in newClaims) claims.Add(Prepare(claim, vocabulary));

        var stories = await index.StoriesAsync(claims.Select(c => c.Claim.DocumentId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var links = Compare(claims, firstNew, members, id => stories.TryGetValue(id, out var story) ? story : null, cancellationToken);

        // A denial stored earlier that answers an earlier claim now linked to a new one denies that new one too.
        var linkedEarlier = links.Keys.SelectMany(k => (int[])[k.Item1, k.Item2]).Where(i => i < firstNew)
            .Select(i => claims[i].Claim.DocumentId).Distinct(StringComparer.Ordinal).ToList();
        if (linkedEarlier.Count > 0)
        {
            foreach (var answer in await index.AnswersAsync(linkedEarlier, cancellationToken))
            {
                if (local.TryAdd((answer.Sequence, answer.Index), claims.Count)) claims.Add(Prepare(answer, vocabulary));
            }
        }

        AddAnswers(claims, links);
        return Sorted(claims, links);
    }

    /// <summary>A claim of a document in the form linking compares and a store keeps; <paramref name="sequence"/> is the document's place in stored order.</summary>
    public static IndexedClaim Index(LinkableDocument document, LinkableClaim claim, long sequence)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(claim);
        // What a claim says, not whom it is about or who reports it: every claim about Alibaba shares "Alibaba", and
        // sharing it (or "reported") is no sign that two claims state one proposition.
        var subjectWords = claim.SubjectNames.SelectMany(StanceText.ContentWords).ToHashSet(StringComparer.Ordinal);
        var words = StanceText.ContentWords(claim.Text)
            .Where(w => !DenialCues.Contains(w) && !AttributionWords.Contains(w) && !subjectWords.Contains(w))
            .Select(Stem)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var keys = claim.Subjects.Select(id => "E:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (keys.Count == 0) keys.AddRange(claim.SubjectNames.Select(name => "N:" + EntityKey.For(name, EntityLabel.ORG)));
        var sourceKey = string.IsNullOrWhiteSpace(claim.Source) ? null : EntityKey.For(claim.Source, EntityLabel.ORG);
        return new IndexedClaim(sequence, document.Id, claim.Index, claim.Span, words, keys.Distinct(StringComparer.Ordinal).ToList(), claim.Status, claim.Source,
            sourceKey, claim.RespondsTo);
    }

    private (List<Prepared> Claims, List<ClaimLink> Links, Dictionary<string, string> StoryOf, Dictionary<string, LinkableDocument> Documents) LinkAll(
        IReadOnlyList<LinkableDocument> documents, IReadOnlyList<StoryCluster> stories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(stories);
        var storyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var story in stories)
        {
            foreach (var id in story.DocumentIds) storyOf[id] = story.Id;
        }

        var claims = new List<Prepared>();
        var byId = new Dictionary<string, LinkableDocument>(StringComparer.Ordinal);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (!byId.TryAdd(document.Id, document)) continue;
            foreach (var claim in document.Claims) claims.Add(Prepare(Index(document, claim, byId.Count - 1), vocabulary));
        }

        var links = Compare(claims, 0, new Dictionary<string, KeyMembers>(StringComparer.Ordinal), id => storyOf.GetValueOrDefault(id), cancellationToken);
        AddAnswers(claims, links);
        return (claims, Sorted(claims, links), storyOf, byId);
    }

    /// <summary>
    /// Compares each claim from <paramref name="firstNew"/> on, in order, with the earlier claims that share its subjects
    /// (those in <paramref name="index"/>, which it then joins): the link of every pair that states one proposition.
    /// </summary>
    private Dictionary<(int, int), ClaimLink> Compare(
        List<Prepared> claims, int firstNew, Dictionary<string, KeyMembers> index, Func<string, string?> storyOf, CancellationToken cancellationToken)
    {
        var links = new Dictionary<(int, int), ClaimLink>();
        var affinity = new Dictionary<int, double>();
        var candidates = new List<(int Claim, double Affinity)>();
        for (var c = firstNew; c < claims.Count; c++)
        {
            if (((c - firstNew) & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            var claim = claims[c];
            affinity.Clear();
            foreach (var key in claim.Claim.Keys)
            {
                if (!index.TryGetValue(key, out var members)) index[key] = members = new KeyMembers(0, []);
                // A rare subject says more than a common one that every other claim shares (inverse frequency).
                var weight = 1 / (1 + Math.Log(1 + members.Count));
                // Newest first: when a subject has more earlier claims than the budget, the recent ones are the likelier restatements.
                var latest = members.Latest;
                for (var m = latest.Count - 1; m >= Math.Max(0, latest.Count - _options.MaxComparisonsPerClaim); m--)
                {
                    affinity[latest[m]] = affinity.GetValueOrDefault(latest[m]) + weight;
                }

                latest.Add(c);
            }

            candidates.Clear();
            foreach (var (other, score) in affinity) candidates.Add((other, score));
            if (candidates.Count > _options.MaxComparisonsPerClaim)
            {
                candidates.Sort((x, y) => x.Affinity != y.Affinity ? y.Affinity.CompareTo(x.Affinity) : claims[y.Claim].Claim.CompareOrder(claims[x.Claim].Claim));
                candidates.RemoveRange(_options.MaxComparisonsPerClaim, candidates.Count - _options.MaxComparisonsPerClaim);
            }

            foreach (var (other, _) in candidates)
            {
                if (claims[other].Claim.DocumentId == claim.Claim.DocumentId) continue;
                var link = Compare(claims[other], claim, storyOf);
                if (link is not null) links[(other, c)] = link;
            }
        }

        return links;
    }

    /// <summary>The links in stored order of their claims: by the earlier end, then by the later one.</summary>
    private static List<ClaimLink> Sorted(List<Prepared> claims, Dictionary<(int, int), ClaimLink> links)
    {
        var keys = links.Keys.ToList();
        keys.Sort((x, y) =>
        {
            var byFrom = claims[x.Item1].Claim.CompareOrder(claims[y.Item1].Claim);
            return byFrom != 0 ? byFrom : claims[x.Item2].Claim.CompareOrder(claims[y.Item2].Claim);
        });
        return keys.Select(key => links[key]).ToList();
    }

    private ClaimLink? Compare(Prepared earlier, Prepared later, Func<string, string?> storyOf)
    {
        var shared = SharedCount(earlier.Words, later.Words);
        var smaller = Math.Min(earlier.Words.Length, later.Words.Length);
        if (smaller == 0) return null;
        var overlap = (double)shared / smaller;
        if (overlap < _options.Threshold) return null;

        var confidence = Math.Round(Math.Min(0.99, 0.3 + 0.7 * overlap), 3);
        var sameStory = storyOf(earlier.Claim.DocumentId) is { } a && storyOf(later.Claim.DocumentId) is { } b && a == b;
        var sameSource = earlier.Claim.SourceKey is not null && earlier.Claim.SourceKey == later.Claim.SourceKey;
        ClaimRelation relation;
        string why;
        if (earlier.Claim.Denies != later.Claim.Denies)
        {
            relation = ClaimRelation.Denies;
            why = $"{shared} shared content words; one side denies ({(earlier.Claim.Denies ? earlier.Claim.Status : later.Claim.Status)})";
        }
        else if (sameStory || sameSource)
        {
            relation = ClaimRelation.Repeats;
            why = $"{shared} shared content words; " + (sameStory ? "both articles are one story" : $"both rest on {earlier.Claim.Source}");
        }
        else
        {
            relation = ClaimRelation.Supports;
            why = $"{shared} shared content words in independent articles";
        }

        return new ClaimLink(earlier.Claim.Ref, later.Claim.Ref, relation, confidence, earlier.Claim.Span, later.Claim.Span, why);
    }

    /// <summary>Words common to two sorted, distinct word-id arrays.</summary>
    private static int SharedCount(int[] a, int[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { shared++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }

        return shared;
    }

    /// <summary>A denial answering a claim of its own article also denies the claims of other articles linked to that claim.</summary>
    private static void AddAnswers(List<Prepared> claims, Dictionary<(int, int), ClaimLink> links)
    {
        var position = new Dictionary<(string, int), int>();
        for (var i = 0; i < claims.Count; i++) position[(claims[i].Claim.DocumentId, claims[i].Claim.Index)] = i;
        // The links of each claim, so that a denial looks at its answered claim's links only, not at all of them.
        var linksOf = new Dictionary<int, List<(int From, int To)>>();
        foreach (var (from, to) in links.Keys)
        {
            foreach (var end in (int[])[from, to])
            {
                if (!linksOf.TryGetValue(end, out var touching)) linksOf[end] = touching = [];
                touching.Add((from, to));
            }
        }

        for (var denial = 0; denial < claims.Count; denial++)
        {
            var claim = claims[denial];
            if (claim.Claim.RespondsTo is not { } answered || !position.TryGetValue((claim.Claim.DocumentId, answered), out var target)) continue;
            foreach (var (from, to) in linksOf.GetValueOrDefault(target) ?? [])
            {
                var link = links[(from, to)];
                if (link.Relation == ClaimRelation.Denies) continue;
                var other = from == target ? to : from;
                if (claims[other].Claim.DocumentId == claim.Claim.DocumentId || claims[other].Claim.Denies) continue;
                var key = claims[other].Claim.CompareOrder(claim.Claim) < 0 ? (other, denial) : (denial, other);
                if (links.ContainsKey(key)) continue;
                var (first, second) = (claims[key.Item1], claims[key.Item2]);
                links[key] = new ClaimLink(first.Claim.Ref, second.Claim.Ref, ClaimRelation.Denies, Math.Round(link.Confidence * 0.9, 3), first.Claim.Span, second.Claim.Span,
                    $"the denial answers claim {answered} of its own article, which is linked to this claim ({link.Explanation})");
            }
        }
    }

    private static List<ClaimCluster> Cluster(
        List<Prepared> claims, List<ClaimLink> links, Dictionary<string, string> storyOf, Dictionary<string, LinkableDocument> documents)
    {
        var position = new Dictionary<ClaimRef, int>();
        for (var i = 0; i < claims.Count; i++) position[claims[i].Claim.Ref] = i;
        var parent = Enumerable.Range(0, claims.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }

        foreach (var link in links.Where(l => l.Relation != ClaimRelation.Denies))
        {
            var (a, b) = (Find(position[link.From]), Find(position[link.To]));
            if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
        }

        // The denials touching each claim, so that a cluster looks at its own denials only (all of them for each would be quadratic).
        var denialsOf = new Dictionary<int, List<ClaimLink>>();
        foreach (var denial in links.Where(l => l.Relation == ClaimRelation.Denies))
        {
            foreach (var end in (int[])[position[denial.From], position[denial.To]])
            {
                if (!denialsOf.TryGetValue(end, out var touching)) denialsOf[end] = touching = [];
                touching.Add(denial);
            }
        }

        var clusters = new List<ClaimCluster>();
        foreach (var group in Enumerable.Range(0, claims.Count).GroupBy(Find).Where(g => g.Count() > 1 || denialsOf.ContainsKey(g.Key)))
        {
            var members = group.OrderBy(i => documents[claims[i].Claim.DocumentId].Published ?? DateTimeOffset.MaxValue)
                .ThenBy(i => claims[i].Claim.Sequence).ThenBy(i => claims[i].Claim.Index).ToList();
            var refs = members.Select(i => claims[i].Claim.Ref).ToList();
            var inCluster = refs.ToHashSet();
            var denying = members
                .SelectMany(i => denialsOf.GetValueOrDefault(i) ?? [])
                .Where(d => inCluster.Contains(d.From) != inCluster.Contains(d.To))
                .Select(d => inCluster.Contains(d.From) ? d.To : d.From)
                .Distinct()
                .ToList();

            // Copies of one story, or articles resting on one cited source, corroborate nothing: they count once.
            var independent = members
                .Select(i => claims[i].Claim.SourceKey ?? (storyOf.TryGetValue(claims[i].Claim.DocumentId, out var story) ? story : claims[i].Claim.DocumentId))
                .Distinct(StringComparer.Ordinal)
                .Count();
            var chain = members.SelectMany(i => Citations(documents[claims[i].Claim.DocumentId], claims[i].Claim)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            clusters.Add(new ClaimCluster($"claims-{refs[0].DocumentId}-{refs[0].ClaimIndex}", refs, refs[0], independent, denying, chain));
        }

        return clusters;
    }

    private static Prepared Prepare(IndexedClaim claim, Dictionary<string, int> vocabulary) =>
        new(claim, claim.Words.Select(word => vocabulary.TryGetValue(word, out var id) ? id : vocabulary[word] = vocabulary.Count).Order().ToArray());

    /// <summary>The claim's own source first, then the sources its text names nearby; read only for clustered claims, as it costs.</summary>
    private static List<string> Citations(LinkableDocument document, IndexedClaim claim)
    {
        var citations = CitationChain.Near(document.Text, claim.Span.Start, claim.Span.End).ToList();
        if (claim.Source is { Length: > 0 } source && !citations.Contains(source, StringComparer.OrdinalIgnoreCase)) citations.Insert(0, source);
        return citations;
    }

    /// <summary>A light suffix strip so that "alleged"/"alleges" and "ties"/"tie" meet.</summary>
    private static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal)) return word[..^3];
        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)) return word[..^2];
        if (word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal)) return word[..^2];
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)) return word[..^1];
        if (word.Length > 4 && word.EndsWith('e')) return word[..^1];
        return word;
    }

    /// <summary>A claim with its words as ids of one linking's vocabulary, sorted, for a merge-like overlap count.</summary>
    private sealed record Prepared(IndexedClaim Claim, int[] Words);

    /// <summary>The claims holding one subject key, in stored order: <paramref name="Earlier"/> of them not read, then those read.</summary>
    private sealed record KeyMembers(long Earlier, List<int> Latest)
    {
        public long Count => Earlier + Latest.Count;
    }
}
