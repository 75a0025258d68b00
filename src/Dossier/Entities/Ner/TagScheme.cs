namespace Dossier.Entities.Ner;

/// <summary>
/// How entity spans are spelt as per-token tags inside a model. IOB2 marks the first token (B) and the rest (I);
/// BILOU also marks the last (L) and single-token names (U), which Ratinov and Roth found learns better.
/// Whatever the scheme inside, the tagger answers in IOB2 (<see cref="NerLabels"/>). Span types are numbered from 0;
/// the entity tagger has four (PER, ORG, LOC, MISC), other span taggers their own.
/// </summary>
internal sealed class TagScheme
{
    private readonly bool _bilou;
    private readonly int _types;

    private TagScheme(bool bilou, int types = 4)
    {
        _bilou = bilou;
        _types = types;
        // Viterbi asks these for every token and tag pair; answering from tables keeps divisions out of its loop.
        AllowedPrevious = new int[Count][];
        Starts = new bool[Count];
        Ends = new bool[Count];
        for (var tag = 0; tag < Count; tag++)
        {
            var previous = new List<int>();
            for (var p = 0; p < Count; p++)
            {
                if (Allowed(p, tag)) previous.Add(p);
            }

            AllowedPrevious[tag] = [.. previous];
            Starts[tag] = CanStart(tag);
            Ends[tag] = CanEnd(tag);
        }
    }

    public static TagScheme Iob2 { get; } = new(false);
    public static TagScheme Bilou { get; } = new(true);

    /// <summary>IOB2 over <paramref name="types"/> span types: O, then B- and I- for each type.</summary>
    public static TagScheme Iob2Of(int types) => types == 4 ? Iob2 : new(false, types);

    public static TagScheme ForCount(int count) => count switch
    {
        9 => Iob2,
        17 => Bilou,
        _ => throw new InvalidDataException($"No tag scheme has {count} tags."),
    };

    public int Count => 1 + Width * _types;

    private int Width => _bilou ? 4 : 2;

    /// <summary>The span type (for entities 0 PER, 1 ORG, 2 LOC, 3 MISC); -1 for O.</summary>
    public int TypeOf(int tag) => tag == 0 ? -1 : (tag - 1) / Width;

    // Position within the type's block: 0 B, 1 I, 2 L, 3 U.
    private int Part(int tag) => (tag - 1) % Width;

    /// <summary>Whether a tag may follow another: inside and last tags continue a span of their own type; others may not.</summary>
    public bool Allowed(int previous, int tag)
    {
        var continuesSpan = tag != 0 && Part(tag) is 1 or 2;
        var previousOpen = previous != 0 && Part(previous) is 0 or 1;
        if (!_bilou)
        {
            return !continuesSpan || (previous != 0 && TypeOf(previous) == TypeOf(tag));
        }

        if (continuesSpan) return previousOpen && TypeOf(previous) == TypeOf(tag);
        return !previousOpen;
    }

    /// <summary>For each tag, the tags that may precede it, in ascending order.</summary>
    public int[][] AllowedPrevious { get; }

    /// <summary><see cref="CanStart"/> for each tag.</summary>
    public bool[] Starts { get; }

    /// <summary><see cref="CanEnd"/> for each tag.</summary>
    public bool[] Ends { get; }

    public bool CanStart(int tag) => tag == 0 || Part(tag) is 0 or 3;

    /// <summary>BILOU spans must be closed (L or U) by the end of a sentence.</summary>
    public bool CanEnd(int tag) => !_bilou || tag == 0 || Part(tag) is 2 or 3;

    public int[] FromIob2(int[] iob2)
    {
        if (!_bilou) return iob2;
        var tags = new int[iob2.Length];
        foreach (var chunk in ConllScore.Chunks(iob2))
        {
            var b = 1 + 4 * chunk.Type;
            if (chunk.End - chunk.Start == 1)
            {
                tags[chunk.Start] = b + 3;
                continue;
            }

            tags[chunk.Start] = b;
            for (var t = chunk.Start + 1; t < chunk.End - 1; t++) tags[t] = b + 1;
            tags[chunk.End - 1] = b + 2;
        }

        return tags;
    }

    public int[] ToIob2(int[] tags)
    {
        if (!_bilou) return tags;
        var iob2 = new int[tags.Length];
        for (var t = 0; t < tags.Length; t++)
        {
            var type = TypeOf(tags[t]);
            if (type < 0) continue;
            iob2[t] = Part(tags[t]) is 0 or 3 ? NerLabels.Begin(type) : NerLabels.Inside(type);
        }

        return iob2;
    }
}
