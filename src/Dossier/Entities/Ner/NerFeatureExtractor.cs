namespace Dossier.Entities.Ner;

/// <summary>The hashed feature buckets of one sentence: token t's features are Features[Offsets[t]..Offsets[t + 1]].</summary>
internal sealed record SentenceFeatures(int[] Features, int[] Offsets)
{
    public int Length => Offsets.Length - 1;

    /// <summary>The real-valued features read from pretrained word vectors, when the model has them.</summary>
    public TokenVectors? Vectors { get; init; }
}

/// <summary>
/// Which word vectors each token of a sentence reads: token t's slot k (the word before it, itself, the word after it,
/// ...) reads row Rows[t * Slots + k] of <paramref name="Table"/>, or nothing where that is -1. Each slot has its own
/// dense block of weights, so the model learns how a neighbour's vector bears on the token's tag apart from its own.
/// </summary>
internal sealed record TokenVectors(WordVectorTable Table, int Slots, int[] Rows)
{
    /// <summary>
    /// Per token, the row its word reads in training when its own vector is left out (see vector dropout): the capitalised
    /// stand-in for a capitalised word when the model has one, as a word the vectors do not know reads it; null: nothing.
    /// </summary>
    public int[]? LeftOutRows { get; init; }

    /// <summary>How many weights the dense blocks of a model with <paramref name="labels"/> tags hold: one per slot, tag and dimension.</summary>
    public int WeightCount(int labels) => Slots * labels * Table.Dimensions;
}

/// <summary>
/// Turns the tokens of one document into hashed feature buckets: the word and its context window, shape,
/// affixes, gazetteer matches, word classes, evidence from the rest of the document (how the same word is written
/// elsewhere) and, on the second pass, the first pass's tags for the same words elsewhere in the document.
/// </summary>
internal sealed class NerFeatureExtractor
{
    private const int Cap = 1, AllCaps = 2, HasDigit = 4, Initial = 8, Lower = 16, HasLetter = 32;

    // Padding hashes for the positions before and after a sentence.
    private const ulong SentenceStart = 0xAAAA, SentenceEnd = 0xBBBB;

    private readonly Gazetteer _gazetteer;
    private readonly WordClusters _clusters;
    private readonly int _shift;

    private readonly TagScheme _scheme;
    private readonly NerFeatureSet _featureSet;
    private readonly WordVectorTable? _wordVectors;
    private readonly int _capitalisedStandIn;

    /// <param name="wordVectors">The pretrained vectors read when <paramref name="featureSet"/> has <see cref="NerFeatureSet.DenseWordVectors"/>.</param>
    public NerFeatureExtractor(
        Gazetteer gazetteer, WordClusters clusters, int bucketBits, TagScheme scheme, NerFeatureSet featureSet = NerFeatureSet.None, WordVectorTable? wordVectors = null)
    {
        if ((featureSet & NerFeatureSet.DenseWordVectors) != 0 && wordVectors is null)
        {
            throw new ArgumentException("Dense word vector features need the word vector table.", nameof(wordVectors));
        }

        if ((featureSet & NerFeatureSet.CaseSplitVectorBlocks) != 0 && (featureSet & NerFeatureSet.CapitalisedDenseWordVectors) != 0)
        {
            throw new ArgumentException("The case-split vector blocks and the capitalised vector blocks both use slots 3 to 5; choose one.", nameof(featureSet));
        }

        _wordVectors = (featureSet & NerFeatureSet.DenseWordVectors) != 0 ? wordVectors : null;
        _capitalisedStandIn = _wordVectors is not null && (featureSet & NerFeatureSet.CapitalisedVectorStandIn) != 0 ? _wordVectors.CapitalisedStandInRow : -1;
        _scheme = scheme;
        _featureSet = featureSet;
        _gazetteer = gazetteer;
        _clusters = clusters;
        _shift = 64 - bucketBits;
    }

    internal struct TokenInfo
    {
        public ulong Word, LowerWord, Shape, ShortShape, Cluster, SecondCluster, PretrainedCluster, GazBegin, GazInside, GazSingle, GazEnd;
        public ulong Prefix1, Prefix2, Prefix3, Prefix4, Suffix1, Suffix2, Suffix3, Suffix4;
        public ulong RunHead, AfterRun;
        public int Flags;
        public int VectorRow;
        public bool RunEnd;
        public string Text;
    }

    /// <summary>What the features of a document are read from; computed once and shared by both passes.</summary>
    internal sealed class PreparedDocument
    {
        internal PreparedDocument(TokenInfo[][] infos, bool[] headline, bool[] tableRow, HashSet<ulong> lowerSeen, HashSet<ulong> capSeen, ulong kind)
        {
            Kind = kind;
            Infos = infos;
            Headline = headline;
            TableRow = tableRow;
            LowerSeen = lowerSeen;
            CapSeen = capSeen;
        }

        internal TokenInfo[][] Infos { get; }
        internal bool[] Headline { get; }
        internal bool[] TableRow { get; }
        internal HashSet<ulong> LowerSeen { get; }
        internal HashSet<ulong> CapSeen { get; }

        /// <summary>A hash of the document's kind (see <see cref="NerFeatureSet.DocumentKind"/>).</summary>
        internal ulong Kind { get; }
    }

    public PreparedDocument Prepare(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var infos = new TokenInfo[sentences.Count][];
        var headline = new bool[sentences.Count];
        var tableRow = new bool[sentences.Count];
        var lowerSeen = new HashSet<ulong>();
        var capSeen = new HashSet<ulong>();
        for (var s = 0; s < sentences.Count; s++)
        {
            infos[s] = Describe(sentences[s]);
            headline[s] = IsHeadline(infos[s]);
            tableRow[s] = IsTableRow(infos[s]);
            for (var t = 0; t < infos[s].Length; t++)
            {
                ref var info = ref infos[s][t];
                if ((info.Flags & Lower) != 0) lowerSeen.Add(info.LowerWord);
                else if ((info.Flags & Cap) != 0 && (info.Flags & Initial) == 0 && !headline[s]) capSeen.Add(info.LowerWord);
            }
        }

        return new PreparedDocument(infos, headline, tableRow, lowerSeen, capSeen, DocumentKind(sentences, headline, tableRow));
    }

    /// <param name="firstPass">The first pass's tags per sentence, or null on the first pass itself.</param>
    public SentenceFeatures[] Extract(IReadOnlyList<IReadOnlyList<string>> sentences, int[][]? firstPass) => Extract(Prepare(sentences), firstPass);

    /// <param name="firstPass">The first pass's tags per sentence, or null on the first pass itself.</param>
    /// <param name="tokenFeatures">
    /// Features already extracted from the same document with the same number of buckets (the first pass's): every
    /// token's features from them are the same as this extractor's, so they are copied instead of hashed again.
    /// </param>
    public SentenceFeatures[] Extract(PreparedDocument document, int[][]? firstPass, SentenceFeatures[]? tokenFeatures = null)
    {
        var infos = document.Infos;
        Dictionary<ulong, int[]>? predicted = firstPass is null ? null : PredictedTypes(infos, firstPass);
        var result = new SentenceFeatures[infos.Length];
        var buffer = new List<int>(64 * 40);
        for (var s = 0; s < infos.Length; s++)
        {
            var tokens = infos[s];
            var offsets = new int[tokens.Length + 1];
            buffer.Clear();
            for (var t = 0; t < tokens.Length; t++)
            {
                offsets[t] = buffer.Count;
                if (tokenFeatures is not null)
                {
                    var known = tokenFeatures[s];
                    buffer.AddRange(known.Features.AsSpan(known.Offsets[t], known.Offsets[t + 1] - known.Offsets[t]));
                }
                else
                {
                    AddTokenFeatures(buffer, tokens, t, document.Headline[s], document);
                    if (document.TableRow[s]) AddTableFeatures(buffer, tokens, t);
                }

                if (firstPass is not null) AddSecondPassFeatures(buffer, tokens, t, firstPass[s], predicted!);
            }

            offsets[tokens.Length] = buffer.Count;
            result[s] = new SentenceFeatures([.. buffer], offsets) { Vectors = _wordVectors is null ? null : TokenVectors(tokens) };
        }

        return result;
    }

    // Slots 0-2: the vectors of the word before, the word and the word after; with the capitalised variant, slots 3-5 the
    // same where that word is capitalised; with the case split, slots 0-2 for a token that is not capitalised and 3-5 for
    // one that is.
    private TokenVectors TokenVectors(TokenInfo[] tokens)
    {
        var caseSplit = (_featureSet & NerFeatureSet.CaseSplitVectorBlocks) != 0;
        var slots = caseSplit || (_featureSet & NerFeatureSet.CapitalisedDenseWordVectors) != 0 ? 6 : 3;
        var rows = new int[tokens.Length * slots];
        for (var t = 0; t < tokens.Length; t++)
        {
            var half = caseSplit && (tokens[t].Flags & Cap) != 0 ? 3 : 0;
            for (var k = 0; k < 3; k++)
            {
                var at = t + k - 1;
                var row = at >= 0 && at < tokens.Length ? tokens[at].VectorRow : -1;
                if (caseSplit)
                {
                    rows[t * slots + k + half] = row;
                    rows[t * slots + k + 3 - half] = -1;
                    continue;
                }

                rows[t * slots + k] = row;
                if (slots == 6) rows[t * slots + k + 3] = row >= 0 && (tokens[at].Flags & Cap) != 0 ? row : -1;
            }
        }

        var leftOut = _capitalisedStandIn < 0 ? null : tokens.Select(token => (token.Flags & Cap) != 0 ? _capitalisedStandIn : -1).ToArray();
        return new TokenVectors(_wordVectors!, slots, rows) { LeftOutRows = leftOut };
    }

    private TokenInfo[] Describe(IReadOnlyList<string> sentence)
    {
        var infos = new TokenInfo[sentence.Count];
        Span<char> shape = stackalloc char[24];
        Span<char> shortShape = stackalloc char[24];
        var lowerHashes = new ulong[sentence.Count];
        for (var t = 0; t < sentence.Count; t++)
        {
            var word = NerText.Normalize(sentence[t]);
            ref var info = ref infos[t];
            info.Text = word;
            info.Word = StableHash.Of(word);
            info.LowerWord = StableHash.OfLower(word);
            lowerHashes[t] = info.LowerWord;
            var shapeLength = 0;
            var shortLength = 0;
            var letters = 0;
            var uppers = 0;
            foreach (var c in word)
            {
                var kind = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
                if (char.IsLetter(c)) letters++;
                if (char.IsUpper(c)) uppers++;
                if (kind == 'd') info.Flags |= HasDigit;
                if (shapeLength < shape.Length) shape[shapeLength++] = kind;
                if ((shortLength == 0 || shortShape[shortLength - 1] != kind) && shortLength < shortShape.Length) shortShape[shortLength++] = kind;
            }

            info.Shape = StableHash.Of(shape[..shapeLength]);
            info.ShortShape = StableHash.Of(shortShape[..shortLength]);
            if (word.Length > 0 && char.IsUpper(word[0])) info.Flags |= Cap;
            if (word.Length > 0 && char.IsLower(word[0])) info.Flags |= Lower;
            if (letters > 0) info.Flags |= HasLetter;
            if (letters > 0 && uppers == letters) info.Flags |= AllCaps;
            if (t == 0 || (t <= 2 && IsOpener(sentence, t))) info.Flags |= Initial;
            var span = word.AsSpan();
            info.Prefix1 = StableHash.Of(span[..Math.Min(1, span.Length)]);
            info.Prefix2 = span.Length >= 2 ? StableHash.Of(span[..2]) : 0;
            info.Prefix3 = span.Length >= 3 ? StableHash.Of(span[..3]) : 0;
            info.Prefix4 = span.Length >= 4 ? StableHash.Of(span[..4]) : 0;
            info.Suffix1 = StableHash.OfLower(span[^Math.Min(1, span.Length)..]);
            info.Suffix2 = span.Length >= 2 ? StableHash.OfLower(span[^2..]) : 0;
            info.Suffix3 = span.Length >= 3 ? StableHash.OfLower(span[^3..]) : 0;
            info.Suffix4 = span.Length >= 4 ? StableHash.OfLower(span[^4..]) : 0;
            info.VectorRow = _wordVectors?.RowOf(info.LowerWord) ?? -1;
            if (info.VectorRow < 0 && (info.Flags & Cap) != 0 && _capitalisedStandIn >= 0) info.VectorRow = _capitalisedStandIn;
            info.Cluster = _clusters.PathOf(info.LowerWord);
            info.SecondCluster = _clusters.PathOf((_featureSet & NerFeatureSet.CasedSecondClasses) != 0 ? info.Word : info.LowerWord, 1);
            if ((_featureSet & NerFeatureSet.PretrainedClasses) != 0 && ((_featureSet & NerFeatureSet.CapitalisedPretrainedClasses) == 0 || (info.Flags & Cap) != 0))
            {
                info.PretrainedCluster = _clusters.PathOf(info.LowerWord, WordClusters.PretrainedTree);
            }
        }

        Span<ulong> begins = sentence.Count <= 256 ? stackalloc ulong[sentence.Count] : new ulong[sentence.Count];
        Span<ulong> insides = sentence.Count <= 256 ? stackalloc ulong[sentence.Count] : new ulong[sentence.Count];
        Span<ulong> singles = sentence.Count <= 256 ? stackalloc ulong[sentence.Count] : new ulong[sentence.Count];
        Span<ulong> ends = sentence.Count <= 256 ? stackalloc ulong[sentence.Count] : new ulong[sentence.Count];
        _gazetteer.Match(lowerHashes, begins, insides, singles, ends);
        for (var t = 0; t < sentence.Count; t++)
        {
            infos[t].GazBegin = begins[t];
            infos[t].GazInside = insides[t];
            infos[t].GazSingle = singles[t];
            infos[t].GazEnd = ends[t];
        }

        if ((_featureSet & NerFeatureSet.RunHeads) != 0) MarkRuns(infos);
        return infos;
    }

    // Newswire opens sports reports with the sport in capitals ("SOCCER - ..."); results tables mark them too.
    private static ulong DocumentKind(IReadOnlyList<IReadOnlyList<string>> sentences, bool[] headline, bool[] tableRow)
    {
        var topic = sentences.Count > 0 && headline[0] && sentences[0].Count > 0 ? StableHash.OfLower(NerText.Normalize(sentences[0][0])) : 0UL;
        var tables = tableRow.Count(row => row) >= 2 ? 1UL : 0UL;
        return StableHash.Mix(topic, tables);
    }

    // Every word of a run of capitalised words learns the lists of the run's last word and of the word after it.
    private static void MarkRuns(TokenInfo[] infos)
    {
        var start = 0;
        while (start < infos.Length)
        {
            if ((infos[start].Flags & Cap) == 0)
            {
                start++;
                continue;
            }

            var end = start;
            while (end + 1 < infos.Length && (infos[end + 1].Flags & Cap) != 0) end++;
            var head = infos[end].GazBegin | infos[end].GazInside;
            var after = end + 1 < infos.Length ? infos[end + 1].GazBegin | infos[end + 1].GazInside : 0;
            for (var k = start; k <= end; k++)
            {
                infos[k].RunHead = head;
                infos[k].AfterRun = after;
                infos[k].RunEnd = k == end;
            }

            start = end + 1;
        }
    }

    // A word right after an opening quote or dash at the start of a sentence is sentence-initial too.
    private static bool IsOpener(IReadOnlyList<string> sentence, int t)
    {
        for (var k = 0; k < t; k++)
        {
            var w = sentence[k];
            if (w.Length == 0 || char.IsLetterOrDigit(w[0])) return false;
        }

        return true;
    }

    // Headlines and sports tables are written in capitals, where capitalisation says nothing about names.
    private static bool IsHeadline(TokenInfo[] tokens)
    {
        var letters = 0;
        foreach (var info in tokens)
        {
            if ((info.Flags & HasLetter) == 0) continue;
            if ((info.Flags & AllCaps) == 0) return false;
            letters++;
        }

        return letters >= 2;
    }

    // Results tables ("Barnsley 3 1 1 1 5 4 4") are mostly numbers; the names in them are teams and players.
    private static bool IsTableRow(TokenInfo[] tokens)
    {
        var numbers = 0;
        foreach (var info in tokens)
        {
            if ((info.Flags & HasDigit) != 0 && (info.Flags & HasLetter) == 0) numbers++;
        }

        return numbers >= 2 && numbers * 2 >= tokens.Length;
    }

    private void AddTableFeatures(List<int> f, TokenInfo[] tokens, int t)
    {
        var next = t + 1 < tokens.Length ? tokens[t + 1].ShortShape : SentenceEnd;
        var next2 = t + 2 < tokens.Length ? tokens[t + 2].ShortShape : SentenceEnd;
        Add(f, StableHash.Mix(70, tokens[t].ShortShape, (ulong)Math.Min(t, 3)));
        Add(f, StableHash.Mix(71, tokens[t].ShortShape, next, next2));
    }

    private void Add(List<int> buffer, ulong hash) => buffer.Add((int)(hash >> _shift));

    /// <summary>What a position before or after the sentence reads as: all zero.</summary>
    private static readonly TokenInfo NoToken;

    private void AddTokenFeatures(List<int> f, TokenInfo[] tokens, int t, bool headline, PreparedDocument document)
    {
        // The neighbours are read in place: a token's description is large, and copying four of them per token was
        // a good part of the features' cost.
        ref readonly var w = ref tokens[t];
        ref readonly var prev = ref t > 0 ? ref tokens[t - 1] : ref NoToken;
        ref readonly var next = ref t + 1 < tokens.Length ? ref tokens[t + 1] : ref NoToken;
        ref readonly var prev2 = ref t > 1 ? ref tokens[t - 2] : ref NoToken;
        ref readonly var next2 = ref t + 2 < tokens.Length ? ref tokens[t + 2] : ref NoToken;
        // Padding positions have zero hashes, which stand for "no token here".
        const ulong start = SentenceStart, end = SentenceEnd;
        var prevWord = t > 0 ? prev.LowerWord : start;
        var nextWord = t + 1 < tokens.Length ? next.LowerWord : end;
        var prevShape = t > 0 ? prev.ShortShape : start;
        var nextShape = t + 1 < tokens.Length ? next.ShortShape : end;
        var flags = (ulong)w.Flags;
        var caseContext = (headline ? 1UL : 0UL) | ((flags & Initial) != 0 ? 2UL : 0UL);

        Add(f, StableHash.Mix(1, 0));
        Add(f, StableHash.Mix(2, w.Word));
        Add(f, StableHash.Mix(3, w.LowerWord));
        Add(f, StableHash.Mix(4, prevWord));
        Add(f, StableHash.Mix(5, nextWord));
        Add(f, StableHash.Mix(6, t > 1 ? prev2.LowerWord : start));
        Add(f, StableHash.Mix(7, t + 2 < tokens.Length ? next2.LowerWord : end));
        Add(f, StableHash.Mix(8, prevWord, w.LowerWord));
        Add(f, StableHash.Mix(9, w.LowerWord, nextWord));
        Add(f, StableHash.Mix(10, w.Shape));
        Add(f, StableHash.Mix(11, w.ShortShape, caseContext));
        Add(f, StableHash.Mix(12, prevShape, w.ShortShape, nextShape));
        Add(f, StableHash.Mix(13, prevShape, w.ShortShape));
        Add(f, StableHash.Mix(14, w.ShortShape, nextShape));
        Add(f, StableHash.Mix(15, w.Prefix1));
        if (w.Prefix2 != 0) Add(f, StableHash.Mix(16, w.Prefix2));
        if (w.Prefix3 != 0) Add(f, StableHash.Mix(17, w.Prefix3));
        if (w.Prefix4 != 0) Add(f, StableHash.Mix(18, w.Prefix4));
        Add(f, StableHash.Mix(19, w.Suffix1));
        if (w.Suffix2 != 0) Add(f, StableHash.Mix(20, w.Suffix2));
        if (w.Suffix3 != 0) Add(f, StableHash.Mix(21, w.Suffix3));
        if (w.Suffix4 != 0) Add(f, StableHash.Mix(22, w.Suffix4));
        Add(f, StableHash.Mix(23, w.LowerWord, caseContext));
        Add(f, StableHash.Mix(25, prevWord, w.ShortShape));
        Add(f, StableHash.Mix(26, w.ShortShape, nextWord));
        Add(f, StableHash.Mix(27, t > 0 ? prev.Word : start));
        Add(f, StableHash.Mix(28, t + 1 < tokens.Length ? next.Word : end));
        if ((_featureSet & NerFeatureSet.NoWordWindow) == 0) Add(f, StableHash.Mix(29, prevWord, w.LowerWord, nextWord));
        if ((_featureSet & NerFeatureSet.CharacterTrigrams) != 0 && (w.Flags & HasLetter) != 0) AddTrigrams(f, w.Text);
        if (_wordVectors is not null && (_featureSet & NerFeatureSet.MissingVectorIndicators) != 0)
        {
            // The same positions as the dense slots (see TokenVectors); a position outside the sentence has no word to miss.
            for (var k = 0; k < 3; k++)
            {
                var at = t + k - 1;
                if (at >= 0 && at < tokens.Length && tokens[at].VectorRow < 0) Add(f, StableHash.Mix(80, (ulong)k, (ulong)(tokens[at].Flags & Cap)));
            }
        }

        AddGazetteer(f, 30, w.GazBegin, 0);
        AddGazetteer(f, 30, w.GazInside, 1);
        // A single word on a list says less than a phrase of several matched whole (and ending here).
        AddGazetteer(f, 30, w.GazSingle, 2);
        AddGazetteer(f, 30, w.GazEnd, 3);
        if (t > 0) AddGazetteer(f, 31, prev.GazBegin | prev.GazInside, 0);
        if (t + 1 < tokens.Length) AddGazetteer(f, 31, next.GazBegin | next.GazInside, 1);
        var any = w.GazBegin | w.GazInside;
        if (any != 0) AddGazetteer(f, 32, any, (w.Flags & Cap) != 0 ? 1UL : 0UL);
        if ((_featureSet & NerFeatureSet.ShapeWithGazetteer) != 0 && any != 0) AddGazetteer(f, 33, any, StableHash.Mix(w.ShortShape, caseContext));
        if ((_featureSet & NerFeatureSet.RunHeads) != 0 && (w.Flags & Cap) != 0)
        {
            // The last word's own lists are already its features; the run's other words read them from here.
            if (!w.RunEnd) AddGazetteer(f, 34, w.RunHead, caseContext);
            AddGazetteer(f, 35, w.AfterRun, w.RunEnd ? 1UL : 0UL);
        }

        if ((_featureSet & NerFeatureSet.DocumentKind) != 0 && (w.Flags & (Cap | AllCaps)) != 0)
        {
            Add(f, StableHash.Mix(37, document.Kind, caseContext));
            AddGazetteer(f, 38, any, document.Kind);
            if (w.Cluster != 0) Add(f, StableHash.Mix(39, WordClusters.Prefix(w.Cluster, 6), document.Kind));
        }

        if (w.Cluster != 0)
        {
            Add(f, StableHash.Mix(40, WordClusters.Prefix(w.Cluster, 4)));
            Add(f, StableHash.Mix(41, WordClusters.Prefix(w.Cluster, 6)));
            Add(f, StableHash.Mix(42, WordClusters.Prefix(w.Cluster, 10)));
            Add(f, StableHash.Mix(43, WordClusters.Prefix(w.Cluster, 20)));
            Add(f, StableHash.Mix(44, WordClusters.Prefix(w.Cluster, 10), caseContext | (flags & Cap)));
        }

        if (t > 0 && prev.Cluster != 0) Add(f, StableHash.Mix(45, WordClusters.Prefix(prev.Cluster, 8)));
        if (t + 1 < tokens.Length && next.Cluster != 0) Add(f, StableHash.Mix(46, WordClusters.Prefix(next.Cluster, 8)));

        AddTreeFeatures(f, 80, w.SecondCluster, prev.SecondCluster, next.SecondCluster);
        AddTreeFeatures(f, 90, w.PretrainedCluster, prev.PretrainedCluster, next.PretrainedCluster);

        if ((w.Flags & Cap) != 0)
        {
            var seenLower = document.LowerSeen.Contains(w.LowerWord) ? 1UL : 0UL;
            var seenCap = document.CapSeen.Contains(w.LowerWord) ? 1UL : 0UL;
            Add(f, StableHash.Mix(50, caseContext, seenLower, seenCap));
        }
    }

    // Lower-cased letter trigrams inside the word: those at its edges are already its prefix and suffix.
    private void AddTrigrams(List<int> f, string word)
    {
        Span<char> gram = stackalloc char[3];
        var limit = Math.Min(word.Length - 1, 24);
        for (var i = 1; i + 3 <= limit; i++)
        {
            for (var k = 0; k < 3; k++) gram[k] = char.ToLowerInvariant(word[i + k]);
            Add(f, StableHash.Mix(36, StableHash.Of(gram)));
        }
    }

    /// <summary>
    /// A later tree's classes: the word's path prefixes and its neighbours' (templates <paramref name="template"/> to
    /// <paramref name="template"/> + 5); nothing for a word the tree does not know, or where there is no neighbour.
    /// </summary>
    private void AddTreeFeatures(List<int> f, ulong template, ulong word, ulong previous, ulong next)
    {
        if (word != 0)
        {
            Add(f, StableHash.Mix(template, WordClusters.Prefix(word, 4)));
            Add(f, StableHash.Mix(template + 1, WordClusters.Prefix(word, 6)));
            Add(f, StableHash.Mix(template + 2, WordClusters.Prefix(word, 10)));
            Add(f, StableHash.Mix(template + 3, WordClusters.Prefix(word, 20)));
        }

        if (previous != 0) Add(f, StableHash.Mix(template + 4, WordClusters.Prefix(previous, 8)));
        if (next != 0) Add(f, StableHash.Mix(template + 5, WordClusters.Prefix(next, 8)));
    }

    private void AddGazetteer(List<int> f, ulong template, ulong lists, ulong position)
    {
        while (lists != 0)
        {
            var list = (ulong)System.Numerics.BitOperations.TrailingZeroCount(lists);
            lists &= lists - 1;
            Add(f, StableHash.Mix(template, list, position));
        }
    }

    private Dictionary<ulong, int[]> PredictedTypes(TokenInfo[][] infos, int[][] tags)
    {
        var counts = new Dictionary<ulong, int[]>();
        for (var s = 0; s < infos.Length; s++)
        {
            for (var t = 0; t < infos[s].Length; t++)
            {
                var type = _scheme.TypeOf(tags[s][t]);
                if (type < 0 || (infos[s][t].Flags & Cap) == 0) continue;
                if (!counts.TryGetValue(infos[s][t].LowerWord, out var byType)) counts[infos[s][t].LowerWord] = byType = new int[5];
                byType[type]++;
            }
        }

        return counts;
    }

    private void AddSecondPassFeatures(List<int> f, TokenInfo[] tokens, int t, int[] tags, Dictionary<ulong, int[]> predicted)
    {
        var own = tags[t];
        var before = t > 0 ? tags[t - 1] : 99;
        var after = t + 1 < tags.Length ? tags[t + 1] : 99;
        Add(f, StableHash.Mix(60, (ulong)own));
        Add(f, StableHash.Mix(61, (ulong)before, (ulong)own));
        Add(f, StableHash.Mix(62, (ulong)own, (ulong)after));
        if ((tokens[t].Flags & Cap) == 0 || !predicted.TryGetValue(tokens[t].LowerWord, out var byType)) return;
        // Count the other occurrences only, so that the feature says what the rest of the document thinks.
        var ownType = _scheme.TypeOf(own);
        var best = -1;
        var bestCount = 0;
        var total = 0;
        for (var type = 0; type < 4; type++)
        {
            var count = byType[type] - (type == ownType ? 1 : 0);
            total += count;
            if (count > 0) Add(f, StableHash.Mix(64, (ulong)type));
            if (count > bestCount)
            {
                best = type;
                bestCount = count;
            }
        }

        if (best < 0) return;
        Add(f, StableHash.Mix(63, (ulong)best, bestCount == total ? 1UL : 0UL));
        Add(f, StableHash.Mix(65, (ulong)best, (ulong)(ownType + 1)));
    }
}
