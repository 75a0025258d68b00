using System.Runtime.Intrinsics;

namespace Dossier.Text;

/// <summary>Arithmetic on float spans that the hand-written models share.</summary>
internal static class FloatSpans
{
    /// <summary>The dot product, eight lanes at a time where the hardware has them (a sum in another order than one at a
    /// time, but always the same order for the same lengths, so a model scores the same on one machine run to run).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && a.Length >= Vector256<float>.Count)
        {
            var acc = Vector256<float>.Zero;
            for (; i + Vector256<float>.Count <= a.Length; i += Vector256<float>.Count) acc += Vector256.Create(a[i..]) * Vector256.Create(b[i..]);
            sum = Vector256.Sum(acc);
        }

        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
