namespace Dossier.Text;

/// <summary>
/// One dictionary key for a pair of ids (a word and its neighbour, say). The plain pair of halves hashes to their XOR in
/// a <see cref="Dictionary{TKey, TValue}"/> of longs, which sends (a, b) and (b, a) and many more to one bucket; multiplied
/// by an odd constant the key is still one of its own per pair, but its halves are well mixed.
/// </summary>
internal static class PairKey
{
    public static long Of(int first, int second) => (long)((((ulong)(uint)first << 32) | (uint)second) * 0x9E3779B97F4A7C15UL);
}
