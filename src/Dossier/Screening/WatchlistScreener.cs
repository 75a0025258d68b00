using Dossier.Entities;
using Dossier.Linking;
using Dossier.Screening.Matching;

namespace Dossier.Screening;

/// <summary>
/// Screens names against a set of list entries held in memory. Candidates come from an inverted index of name parts
/// (exact parts, parts within edit distance two, nicknames, parts written together or apart); each candidate is then
/// compared in full. Build once per set of lists; safe to query from several threads.
/// </summary>
public sealed class WatchlistScreener
{
    private const int MaxCandidates = 48;
    private const int MinFuzzyLength = 4;

    /// <summary>How far below the minimum a candidate's ceiling must lie to be dropped unscored, beyond any rounding.</summary>
    private const double CeilingMargin = 1e-9;

    private readonly List<WatchlistEntry> _entries;
    private readonly List<Variant> _variants = [];
    private readonly Dictionary<string, int[]> _postings;
    private readonly Dictionary<string, string[]> _deletions;
    private readonly Dictionary<string, string[]> _skeletons;
    private readonly NameNormalizer _normalizer;
    private readonly NicknameTable _nicknames;
    private readonly double[] _variantWeights;
    private readonly double[][] _variantPartWeights;
    private readonly NameComparer.PartOutline[][] _variantOutlines;
    private readonly Dictionary<string, HashSet<string>> _shortForms;
    private readonly string[][] _entryKeys;

    /// <summary>
    /// Per-query working arrays over all names and entries, reused instead of dictionaries rebuilt for every query. One is
    /// kept for the next query; a query that finds it taken (another thread's) makes its own. Taking it is one interlocked
    /// exchange: a shared bag's lock was a tenth of screening's time.
    /// </summary>
    private Scratch? _spareScratch;

    private long _comparisonsMade;
    private long _comparisonsTurnedAway;

    public WatchlistScreener(IEnumerable<WatchlistEntry> entries, MatchingParameters? parameters = null, NameNormalizer? normalizer = null)
    {
        _normalizer = normalizer ?? new NameNormalizer();
        _nicknames = new NicknameTable();
        _entries = entries.ToList();
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var e = 0; e < _entries.Count; e++)
        {
            var entry = _entries[e];
            foreach (var name in entry.Names.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var normalized = _normalizer.Normalize(name, entry.Kind == EntryKind.Person);
                if (normalized.Tokens.Count == 0) continue;
                var id = _variants.Count;
                _variants.Add(new Variant(e, normalized));
                foreach (var token in normalized.Tokens.Select(t => t.Text).Distinct(StringComparer.Ordinal))
                {
                    if (!postings.TryGetValue(token, out var list)) postings[token] = list = [];
                    list.Add(id);
                }
            }
        }

        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _shortForms = ShortForms(_variants);
        var keys = _variants.ToLookup(v => v.Entry, v => v.Name.Key);
        _entryKeys = Enumerable.Range(0, _entries.Count).Select(e => keys[e].Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        Weights = new TokenWeights(_postings.ToDictionary(p => p.Key, p => p.Value.Length, StringComparer.Ordinal), _variants.Count);
        Comparer = new NameComparer(parameters ?? MatchingParameters.Default, Weights, _nicknames);
        _variantWeights = _variants.Select(v => v.Name.Tokens.Sum(Comparer.Weight)).ToArray();
        _variantPartWeights = _variants.Select(v => Comparer.PartWeights(v.Name)).ToArray();
        _variantOutlines = _variants.Select(v => Comparer.Outline(v.Name)).ToArray();
        var deletions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var token in _postings.Keys)
        {
            if (token.Length < MinFuzzyLength || char.IsAsciiDigit(token[0])) continue;
            foreach (var key in DeletionKeys(token))
            {
                if (!deletions.TryGetValue(key, out var list)) deletions[key] = list = [];
                list.Add(token);
            }
        }

        _deletions = deletions.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _skeletons = _postings.Keys.Where(t => !char.IsAsciiDigit(t[0]))
            .GroupBy(NameComparer.Consonants, StringComparer.Ordinal)
            .Where(g => g.Key.Length >= 2)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public int EntryCount => _entries.Count;

    public int NameCount => _variants.Count;

    public TokenWeights Weights { get; }

    public NameComparer Comparer { get; }

    public NameNormalizer Normalizer => _normalizer;

    /// <summary>How many name comparisons this screener has made in full, and how many it turned away by their ceiling alone.</summary>
    internal (long Made, long TurnedAway) Comparisons => (Interlocked.Read(ref _comparisonsMade), Interlocked.Read(ref _comparisonsTurnedAway));

    /// <summary>The candidates scoring at least <paramref name="minimumScore"/> (default: the decision threshold), best first.</summary>
    public IReadOnlyList<ScreeningCandidate> Screen(ScreeningQuery query, int limit = 10, double? minimumScore = null, bool explain = true)
    {
        var minimum = minimumScore ?? Comparer.Parameters.Threshold;
        var isPerson = query.Kind == EntryKind.Person;
        var names = query.Names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase).Take(16)
            .Select(n => _normalizer.Normalize(n, isPerson)).Where(n => n.Tokens.Count > 0).ToList();
        if (names.Count == 0) return [];

        var ranked = new PriorityQueue<int, double>(MaxCandidates + 1);
        var shortFormOf = names.Select(n => _shortForms.GetValueOrDefault(n.Key)).ToArray();
        var namePartWeights = names.Select(Comparer.PartWeights).ToArray();
        var nameOutlines = names.Select(Comparer.Outline).ToArray();
        var attributes = PartyAttributes.Of(query);
        long compared = 0, turnedAway = 0;
        // The ranking keeps one name an entry, so each entry's best comparison is settled by its own names, in ranked order.
        var best = new List<(double Score, NormalizedName Query, Variant Variant, bool ShortForm)>(MaxCandidates);
        var scratch = Interlocked.Exchange(ref _spareScratch, null) ?? new Scratch(_variants.Count, _entries.Count);
        try
        {
            foreach (var name in names) Accumulate(name, scratch);
            var queryWeight = names.Max(n => n.Tokens.Sum(Comparer.Weight));

            // Rank by a cheap pooled coverage, so that "Huawei" finds the entries called just that before "Huawei Device Co."
            // One slot per entry (its best-estimated name), so that an entry with many aliases does not crowd out others.
            foreach (var variantId in scratch.TouchedVariants)
            {
                var estimate = 2 * scratch.Matched[variantId] / (queryWeight + _variantWeights[variantId] + 1e-9);
                var entry = _variants[variantId].Entry;
                if (scratch.BestVariant[entry] < 0) scratch.TouchedEntries.Add(entry);
                else if (estimate <= scratch.BestEstimate[entry]) continue;
                scratch.BestVariant[entry] = variantId;
                scratch.BestEstimate[entry] = estimate;
            }

            foreach (var entry in scratch.TouchedEntries)
            {
                ranked.Enqueue(scratch.BestVariant[entry], scratch.BestEstimate[entry]);
                if (ranked.Count > MaxCandidates) ranked.Dequeue();
            }

            while (ranked.TryDequeue(out var variantId, out _))
            {
                var variant = _variants[variantId];
                var person = isPerson || _entries[variant.Entry].Kind == EntryKind.Person;
                (double Score, NormalizedName Query, Variant Variant, bool ShortForm)? entryBest = null;
                for (var n = 0; n < names.Count; n++)
                {
                    var name = names[n];
                    if (name.IsAcronym && !variant.Name.IsAcronym) continue;
                    var shortForm = shortFormOf[n] is { } fullNames && NamedAs(variant.Entry, fullNames);
                    // A comparison whose ceiling could neither pass the features' cut below nor beat this entry's best name
                    // so far would change nothing: the entry would be dropped, or keep the name it has.
                    var ceiling = Comparer.Ceiling(name, namePartWeights[n], nameOutlines[n], variant.Name, _variantPartWeights[variantId], _variantOutlines[variantId], person, shortForm, scratch.Comparisons)
                        + CeilingMargin;
                    if (EntityFeatures.Ceiling(ceiling, attributes, Comparer.Parameters) < minimum - CeilingMargin || entryBest is { } leader && ceiling <= leader.Score)
                    {
                        turnedAway++;
                        continue;
                    }

                    compared++;
                    var score = Comparer.Score(name, namePartWeights[n], variant.Name, _variantPartWeights[variantId], person, shortForm, shortForm, scratch.Comparisons)?.Value ?? 0;
                    if (entryBest is not { } current || score > current.Score) entryBest = (score, name, variant, shortForm);
                }

                if (entryBest is { } found) best.Add(found);
            }
        }
        finally
        {
            scratch.Clear();
            Volatile.Write(ref _spareScratch, scratch);
            Interlocked.Add(ref _comparisonsMade, compared);
            Interlocked.Add(ref _comparisonsTurnedAway, turnedAway);
        }

        var results = new List<ScreeningCandidate>();
        foreach (var found in best)
        {
            var entryIndex = found.Variant.Entry;
            // Most candidates fall short of the minimum by more than any feature could add: they are dropped before their
            // features and explanations are worked out, which only the candidates kept need.
            if (EntityFeatures.Ceiling(found.Score, attributes, Comparer.Parameters) < minimum - CeilingMargin) continue;
            var entry = _entries[entryIndex];
            var (score, features) = EntityFeatures.Apply(found.Score, attributes, PartyAttributes.Of(entry), Comparer.Parameters);
            if (IsWeak(found.Query, isPerson) && !features.Any(f => f.Effect > 0 && f.Feature is "country" or "birth date" or "identifier"))
            {
                var before = score;
                score *= Comparer.Parameters.WeakNameFactor;
                features.Add(new FeatureExplanation("weak name", score - before, isPerson
                    ? "a single name part, with no birth date, country or identifier to back it"
                    : found.Query.IsAcronym ? "a short acronym, with no country or identifier to back it"
                    : "only generic words, with no country or identifier to back them"));
            }

            if (score < minimum) continue;
            var person = isPerson || entry.Kind == EntryKind.Person;
            var comparison = explain ? Comparer.Compare(found.Query, found.Variant.Name, person, explain: true, found.ShortForm, found.ShortForm) : NameComparison.Empty with { Score = found.Score };
            results.Add(new ScreeningCandidate(entry, score, score >= Comparer.Parameters.Threshold, found.Query.Original, found.Variant.Name.Original, comparison, features));
        }

        // Most queries find nothing: the grouping and ordering below need not be built for them.
        if (results.Count == 0) return [];

        // A list that repeats an entry per edition (DoD 1260H) shows it once, with its newest listing.
        return results
            .GroupBy(r => (r.Entry.List, Name: r.Entry.Name.ToUpperInvariant()))
            .Select(g => g.OrderByDescending(r => r.Score).ThenByDescending(r => r.Entry.ListedOn, StringComparer.Ordinal).First())
            // Features can lift two candidates to the same capped score; the better name comes first.
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.Name.Score).ThenBy(r => r.Entry.List, StringComparer.Ordinal).ThenBy(r => r.Entry.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>
    /// Names that many parties could bear: a person's single name part ("Zhang"), an organisation's name of generic words
    /// only ("People's Liberation Army", "Heritage Foundation"), an acronym of two or three letters ("PLA").
    /// </summary>
    private static bool IsWeak(NormalizedName name, bool isPerson)
    {
        if (name.IsAcronym) return name.Tokens[0].Text.Length < 4;
        return isPerson
            ? name.Tokens.Count(t => t.Role is TokenRole.Regular or TokenRole.Generic) <= 1
            : !name.Tokens.Any(t => t.Role == TokenRole.Regular);
    }

    /// <summary>
    /// Where an entry is also known by a shorter name whose parts its full name contains ("Huawei" for "Huawei
    /// Technologies Co., Ltd."), the short name may stand for that full name in any list; not for another full name that
    /// adds parts of its own ("Chengdu Huawei Technologies", "Huawei Technologies (Australia)"), which is another company.
    /// </summary>
    private static Dictionary<string, HashSet<string>> ShortForms(List<Variant> variants)
    {
        var shortForms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var entry in variants.GroupBy(v => v.Entry))
        {
            var names = entry.Where(v => v.Name.Key.Length > 0).Select(v => (v.Name.Key, Parts: v.Name.Key.Split(' '))).DistinctBy(n => n.Key).ToList();
            foreach (var shortName in names)
            {
                foreach (var fullName in names)
                {
                    if (fullName.Parts.Length <= shortName.Parts.Length || shortName.Parts.Except(fullName.Parts, StringComparer.Ordinal).Any()) continue;
                    if (!shortForms.TryGetValue(shortName.Key, out var full)) shortForms[shortName.Key] = full = new HashSet<string>(StringComparer.Ordinal);
                    full.Add(fullName.Key);
                }
            }
        }

        return shortForms;
    }

    private bool NamedAs(int entry, HashSet<string> fullNames)
    {
        foreach (var key in _entryKeys[entry])
        {
            if (fullNames.Contains(key)) return true;
        }

        return false;
    }

    /// <summary>The hits for an organisation or person that an analysis found (its name and aliases); none for other kinds.</summary>
    public IReadOnlyList<ScreeningCandidate> ScreenEntity(CanonicalEntity entity, int limit = 20)
    {
        if (entity.Label is not (EntityLabel.ORG or EntityLabel.PER)) return [];
        var kind = entity.Label == EntityLabel.PER ? EntryKind.Person : EntryKind.Organization;
        return Screen(new ScreeningQuery(entity.Name, kind, Aliases: entity.Aliases), limit);
    }

    private void Accumulate(NormalizedName name, Scratch accumulated)
    {
        var tokens = name.Tokens;
        var seen = accumulated.Seen;
        seen.Clear();
        var deletions = _deletions.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> keyRoom = stackalloc char[64];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var weight = Comparer.Weight(token);
            if (weight <= 0 || token.Role == TokenRole.Initial) continue;
            Add(token.Text, weight, accumulated, seen);
            foreach (var variant in _nicknames.VariantsOf(token.Text)) Add(variant, weight * 0.9, accumulated, seen);
            if (token.Script == TokenScript.Abjad && _skeletons.TryGetValue(NameComparer.Consonants(token.Text), out var spelled))
            {
                foreach (var spelling in spelled) Add(spelling, weight * 0.9, accumulated, seen);
            }

            if (token.Text.Length >= MinFuzzyLength && !char.IsAsciiDigit(token.Text[0]))
            {
                // The keys are looked up as spans of one buffer: a string for each would be most of what a query allocates.
                var text = token.Text;
                var key = text.Length <= keyRoom.Length ? keyRoom : new char[text.Length];
                for (var deleted = -1; deleted < text.Length; deleted++)
                {
                    var keyLength = DeletionKey(text, deleted, key);
                    if (!deletions.TryGetValue(key[..keyLength], out var similar)) continue;
                    foreach (var other in similar)
                    {
                        if (seen.Contains(other)) continue;
                        var similarity = NameComparer.FuzzySimilarity(text, other, Comparer.Parameters.FuzzyMinimum);
                        if (similarity >= Comparer.Parameters.FuzzyMinimum) Add(other, weight * similarity, accumulated, seen);
                    }
                }
            }

            if (token.Text.Length >= 6) AddSplits(token.Text, weight, accumulated, seen);
            var joined = token.Text;
            for (var k = i + 1; k < Math.Min(tokens.Count, i + 4); k++)
            {
                joined += tokens[k].Text;
                Add(joined, weight, accumulated, seen);
            }
        }
    }

    /// <summary>A part written together ("alexanderzakharov") found as the parts the lists write apart.</summary>
    private void AddSplits(string token, double weight, Scratch accumulated, HashSet<string> seen)
    {
        // Parts are looked up as spans and made strings only when found: most cuts find nothing.
        var postings = _postings.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var cut = 3; cut <= token.Length - 3; cut++)
        {
            var head = token.AsSpan(0, cut);
            if (!postings.ContainsKey(head)) continue;
            var tail = token.AsSpan(cut);
            if (postings.ContainsKey(tail))
            {
                Add(head.ToString(), weight / 2, accumulated, seen);
                Add(tail.ToString(), weight / 2, accumulated, seen);
                continue;
            }

            for (var second = 3; second <= tail.Length - 3; second++)
            {
                if (!postings.ContainsKey(tail[..second]) || !postings.ContainsKey(tail[second..])) continue;
                Add(head.ToString(), weight / 3, accumulated, seen);
                Add(tail[..second].ToString(), weight / 3, accumulated, seen);
                Add(tail[second..].ToString(), weight / 3, accumulated, seen);
            }
        }
    }

    private void Add(string token, double weight, Scratch accumulated, HashSet<string> seen)
    {
        if (!seen.Add(token) || !_postings.TryGetValue(token, out var variants)) return;
        foreach (var variant in variants) accumulated.Add(variant, weight);
    }

    /// <summary>The part itself and every form with one letter deleted: two parts share a key when they are at most two edits apart.</summary>
    private static IEnumerable<string> DeletionKeys(string token)
    {
        var key = new char[token.Length];
        for (var deleted = -1; deleted < token.Length; deleted++) yield return new string(key, 0, DeletionKey(token, deleted, key));
    }

    /// <summary>Writes the part with the letter at <paramref name="deleted"/> left out (none when -1) into <paramref name="key"/>; returns its length.</summary>
    private static int DeletionKey(string token, int deleted, Span<char> key)
    {
        if (deleted < 0)
        {
            token.CopyTo(key);
            return token.Length;
        }

        token.AsSpan(0, deleted).CopyTo(key);
        token.AsSpan(deleted + 1).CopyTo(key[deleted..]);
        return token.Length - 1;
    }

    private readonly record struct Variant(int Entry, NormalizedName Name);

    /// <summary>
    /// The weight each name gathered for a query (in the order names were first reached), each entry's best name, and the
    /// room its comparisons work in.
    /// </summary>
    private sealed class Scratch
    {
        public Scratch(int variants, int entries)
        {
            Matched = new double[variants];
            Reached = new bool[variants];
            BestVariant = new int[entries];
            BestEstimate = new double[entries];
            Array.Fill(BestVariant, -1);
        }

        public double[] Matched { get; }

        public bool[] Reached { get; }

        public List<int> TouchedVariants { get; } = [];

        public int[] BestVariant { get; }

        public double[] BestEstimate { get; }

        public List<int> TouchedEntries { get; } = [];

        /// <summary>Room for comparing the query with its candidates, kept from one query to the next.</summary>
        public NameComparer.Workspace Comparisons { get; } = new();

        /// <summary>The list parts one name has already looked up.</summary>
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public void Add(int variant, double weight)
        {
            if (!Reached[variant])
            {
                Reached[variant] = true;
                TouchedVariants.Add(variant);
            }

            Matched[variant] += weight;
        }

        public void Clear()
        {
            foreach (var variant in TouchedVariants)
            {
                Matched[variant] = 0;
                Reached[variant] = false;
            }

            foreach (var entry in TouchedEntries) BestVariant[entry] = -1;
            TouchedVariants.Clear();
            TouchedEntries.Clear();
        }
    }
}
