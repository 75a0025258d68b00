namespace Dossier.Entities.Ner;

/// <summary>
/// Name lists as phrase hashes: each phrase (its tokens, lower-cased) maps to the set of lists that hold it.
/// Only hashes are kept, so the lists themselves need not ship; a match marks the tokens it covers, the first as
/// "begins a list-L phrase", the rest as "inside one", as in Ratinov and Roth's gazetteer features.
/// </summary>
public sealed class Gazetteer
{
    public const int MaxLists = 64;

    private const int FilterBits = 24;

    private readonly Dictionary<ulong, ulong> _phrases;

    // A two-probe Bloom filter over the phrase hashes, small enough to stay in cache: nearly every run of tokens is
    // no phrase, and the filter says so without the cache misses of a lookup in the large dictionary.
    private readonly ulong[] _filter;

    private Gazetteer(IReadOnlyList<string> listNames, Dictionary<ulong, ulong> phrases, int maxTokens)
    {
        ListNames = listNames;
        _phrases = phrases;
        MaxTokens = maxTokens;
        _filter = new ulong[phrases.Count == 0 ? 1 : (1 << FilterBits) / 64];
        foreach (var key in phrases.Keys)
        {
            var (first, second) = FilterProbes(key);
            _filter[first >> 6] |= 1UL << (int)first;
            _filter[second >> 6] |= 1UL << (int)second;
        }
    }

    private static (uint First, uint Second) FilterProbes(ulong hash)
    {
        const ulong mask = (1UL << FilterBits) - 1;
        return ((uint)(hash & mask), (uint)((hash >> 32) & mask));
    }

    private bool MayContain(ulong hash)
    {
        var (first, second) = FilterProbes(hash);
        return (_filter[first >> 6] & (1UL << (int)first)) != 0 && (_filter[second >> 6] & (1UL << (int)second)) != 0;
    }

    public static Gazetteer Empty { get; } = new([], [], 0);

    public IReadOnlyList<string> ListNames { get; }
    public int MaxTokens { get; }
    public int PhraseCount => _phrases.Count;

    public static ulong PhraseHash(ReadOnlySpan<ulong> lowerTokenHashes)
    {
        var h = 0x51ED270B27AC7F1DUL;
        foreach (var t in lowerTokenHashes) h = StableHash.Mix(h, t);
        return h;
    }

    /// <summary>Whether some list holds this one word as a whole entry.</summary>
    public bool ContainsWord(string word) => ContainsPhrase([word]);

    /// <summary>Whether some list holds these words as a whole entry.</summary>
    public bool ContainsPhrase(IReadOnlyList<string> words)
    {
        Span<ulong> hashes = words.Count <= 16 ? stackalloc ulong[words.Count] : new ulong[words.Count];
        for (var i = 0; i < words.Count; i++) hashes[i] = StableHash.OfLower(NerText.Normalize(words[i]));
        return _phrases.ContainsKey(PhraseHash(hashes));
    }

    /// <summary>Marks, for each token, the lists in which a phrase begins at it and those in which it is inside one.</summary>
    public void Match(ReadOnlySpan<ulong> lowerTokenHashes, Span<ulong> begins, Span<ulong> insides) =>
        Match(lowerTokenHashes, begins, insides, [], []);

    /// <summary>
    /// As <see cref="Match(ReadOnlySpan{ulong}, Span{ulong}, Span{ulong})"/>, and also the lists that hold the token
    /// alone as a whole entry (<paramref name="singles"/>) and those in which a phrase of several tokens ends at it
    /// (<paramref name="ends"/>); either span may be empty when not wanted.
    /// </summary>
    public void Match(ReadOnlySpan<ulong> lowerTokenHashes, Span<ulong> begins, Span<ulong> insides, Span<ulong> singles, Span<ulong> ends)
    {
        begins.Clear();
        insides.Clear();
        singles.Clear();
        ends.Clear();
        if (_phrases.Count == 0) return;
        var n = lowerTokenHashes.Length;
        for (var start = 0; start < n; start++)
        {
            var h = 0x51ED270B27AC7F1DUL;
            var limit = Math.Min(n, start + MaxTokens);
            for (var end = start; end < limit; end++)
            {
                h = StableHash.Mix(h, lowerTokenHashes[end]);
                if (!MayContain(h) || !_phrases.TryGetValue(h, out var lists)) continue;
                begins[start] |= lists;
                for (var k = start + 1; k <= end; k++) insides[k] |= lists;
                if (end == start && singles.Length > 0) singles[start] |= lists;
                else if (end > start && ends.Length > 0) ends[end] |= lists;
            }
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(ListNames.Count);
        foreach (var name in ListNames) writer.Write(name);
        writer.Write(MaxTokens);
        writer.Write(_phrases.Count);
        // Sorted so that the same lists always give the same bytes.
        foreach (var (key, lists) in _phrases.OrderBy(pair => pair.Key))
        {
            writer.Write(key);
            writer.Write(lists);
        }
    }

    public static Gazetteer Read(BinaryReader reader)
    {
        var names = new string[reader.ReadInt32()];
        for (var i = 0; i < names.Length; i++) names[i] = reader.ReadString();
        var maxTokens = reader.ReadInt32();
        var count = reader.ReadInt32();
        var phrases = new Dictionary<ulong, ulong>(count);
        for (var i = 0; i < count; i++) phrases[reader.ReadUInt64()] = reader.ReadUInt64();
        return new Gazetteer(names, phrases, maxTokens);
    }

    /// <summary>Collects phrases list by list; phrases are given already split into tokens.</summary>
    public sealed class Builder
    {
        private readonly List<string> _names = [];
        private readonly Dictionary<ulong, ulong> _phrases = [];
        private int _maxTokens;

        public int ListIndex(string name)
        {
            var index = _names.IndexOf(name);
            if (index >= 0) return index;
            if (_names.Count == MaxLists) throw new InvalidOperationException($"A gazetteer holds at most {MaxLists} lists.");
            _names.Add(name);
            return _names.Count - 1;
        }

        public void Add(string list, IReadOnlyList<string> tokens, int maxTokens = 8)
        {
            if (tokens.Count == 0 || tokens.Count > maxTokens) return;
            var index = ListIndex(list);
            Span<ulong> hashes = stackalloc ulong[tokens.Count];
            for (var i = 0; i < tokens.Count; i++) hashes[i] = StableHash.OfLower(NerText.Normalize(tokens[i]));
            var key = PhraseHash(hashes);
            _phrases[key] = _phrases.GetValueOrDefault(key) | (1UL << index);
            _maxTokens = Math.Max(_maxTokens, tokens.Count);
        }

        public Gazetteer Build() => new([.. _names], new Dictionary<ulong, ulong>(_phrases), _maxTokens);
    }
}
