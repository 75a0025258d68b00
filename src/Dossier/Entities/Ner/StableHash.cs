namespace Dossier.Entities.Ner;

/// <summary>
/// A 64-bit hash that is the same in every process, unlike <see cref="string.GetHashCode()"/>, so that feature
/// buckets and gazetteer keys computed at training time match those computed at run time.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 0xcbf29ce484222325UL;
    private const ulong FnvPrime = 0x100000001b3UL;

    public static ulong Of(ReadOnlySpan<char> text)
    {
        var h = FnvOffset;
        foreach (var c in text)
        {
            h ^= c;
            h *= FnvPrime;
        }

        return Finish(h);
    }

    public static ulong OfLower(ReadOnlySpan<char> text)
    {
        var h = FnvOffset;
        foreach (var c in text)
        {
            h ^= char.ToLowerInvariant(c);
            h *= FnvPrime;
        }

        return Finish(h);
    }

    public static ulong Mix(ulong a, ulong b) => Finish(a * 0x9E3779B97F4A7C15UL + b + 0x632BE59BD9B4E019UL);

    public static ulong Mix(ulong a, ulong b, ulong c) => Mix(Mix(a, b), c);

    public static ulong Mix(ulong a, ulong b, ulong c, ulong d) => Mix(Mix(Mix(a, b), c), d);

    // SplitMix64's finaliser: spreads every input bit over the output, so the top bits make good bucket indices.
    private static ulong Finish(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
