namespace Dossier.Screening.Matching;

/// <summary>Edit-based similarity of two name parts.</summary>
public static class StringSimilarity
{
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a == b) return 1;
        var range = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        Span<bool> aMatched = a.Length <= 128 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 128 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - range);
            var to = Math.Min(b.Length - 1, i + range);
            for (var j = from; j <= to; j++)
            {
                if (bMatched[j] || a[i] != b[j]) continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }

        if (matches == 0) return 0;
        var transpositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aMatched[i]) continue;
            while (!bMatched[k]) k++;
            if (a[i] != b[k]) transpositions++;
            k++;
        }

        var m = (double)matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3.0;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>
    /// Edit distance where swapping two neighbouring letters is one edit, as typing slips are ("appel"/"apple"), or
    /// <paramref name="max"/> + 1 as soon as it is known to exceed <paramref name="max"/>.
    /// </summary>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max || LetterCountDistance(a, b) > max) return max + 1;
        var width = b.Length + 1;
        Span<int> beforePrevious = width <= 256 ? stackalloc int[width] : new int[width];
        Span<int> previous = width <= 256 ? stackalloc int[width] : new int[width];
        Span<int> current = width <= 256 ? stackalloc int[width] : new int[width];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, beforePrevious[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max) return max + 1;
            // The rows move down by one; the oldest is written over whole as the next current row.
            var oldest = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = oldest;
        }

        return previous[b.Length];
    }

    /// <summary>
    /// A lower bound of <see cref="Levenshtein"/> from letter counts alone: the letters one part has more of than the other,
    /// on the side with more. An edit changes that by at most one and a swap not at all, so parts with few letters in
    /// common are turned away in one pass, without the table. Zero (no bound) when either has a character other than a
    /// lower-case ASCII letter or digit, which folded name parts never do.
    /// </summary>
    internal static int LetterCountDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> counts = stackalloc int[36];
        counts.Clear();
        foreach (var c in a)
        {
            var slot = Slot(c);
            if (slot < 0) return 0;
            counts[slot]++;
        }

        foreach (var c in b)
        {
            var slot = Slot(c);
            if (slot < 0) return 0;
            counts[slot]--;
        }

        int surplus = 0, shortfall = 0;
        foreach (var count in counts)
        {
            if (count > 0) surplus += count;
            else shortfall -= count;
        }

        return Math.Max(surplus, shortfall);
    }

    private static int Slot(char c) => c is >= 'a' and <= 'z' ? c - 'a' : c is >= '0' and <= '9' ? 26 + c - '0' : -1;
}
