namespace Dossier.Entities.Ner;

/// <summary>The tag set the sequence model predicts: IOB2 over the four CoNLL-2003 types.</summary>
public static class NerLabels
{
    public const int Outside = 0;

    /// <summary>Tag names by index: O, then B-/I- pairs for PER, ORG, LOC, MISC.</summary>
    public static IReadOnlyList<string> Names { get; } = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

    public static int Count => 9;

    public static bool IsBegin(int tag) => tag != Outside && tag % 2 == 1;

    public static bool IsInside(int tag) => tag != Outside && tag % 2 == 0;

    /// <summary>0 PER, 1 ORG, 2 LOC, 3 MISC; -1 for O.</summary>
    public static int TypeOf(int tag) => tag == Outside ? -1 : (tag - 1) / 2;

    public static int Begin(int type) => 1 + 2 * type;

    public static int Inside(int type) => 2 + 2 * type;

    public static EntityLabel LabelOf(int type) => (EntityLabel)type;

    /// <summary>IOB2 forbids I-X unless the previous tag is B-X or I-X.</summary>
    public static bool Allowed(int previous, int tag) =>
        !IsInside(tag) || (previous != Outside && TypeOf(previous) == TypeOf(tag));

    public static int Parse(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal)) return i;
        }

        throw new FormatException($"Unknown entity tag '{name}'.");
    }
}
