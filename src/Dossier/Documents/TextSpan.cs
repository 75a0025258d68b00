namespace Dossier.Documents;

/// <summary>A half-open range [Start, End) of UTF-16 code units in a document's text.</summary>
public readonly record struct TextSpan : IComparable<TextSpan>
{
    public TextSpan(int start, int end)
    {
        if (start < 0) throw new ArgumentOutOfRangeException(nameof(start), start, "A span cannot start before the text.");
        if (end < start) throw new ArgumentOutOfRangeException(nameof(end), end, "A span cannot end before it starts.");
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }
    public int Length => End - Start;
    public bool IsEmpty => End == Start;

    public bool Contains(int position) => position >= Start && position < End;
    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;
    public bool Overlaps(TextSpan other) => other.Start < End && Start < other.End;
    public bool FitsIn(int textLength) => End <= textLength;

    public TextSpan Union(TextSpan other) => new(Math.Min(Start, other.Start), Math.Max(End, other.End));

    public int CompareTo(TextSpan other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : End.CompareTo(other.End);
    }

    public override string ToString() => $"[{Start},{End})";
}
