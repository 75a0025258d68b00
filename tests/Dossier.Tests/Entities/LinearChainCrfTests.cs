using Dossier.Entities.Ner;
using Dossier.Text.Sequence;

namespace Dossier.Tests.Entities;

public sealed class LinearChainCrfTests
{
    // Every tag sequence of the given length, valid or not.
    private static IEnumerable<int[]> Sequences(int length, int labels) =>
        length == 0 ? [[]] : Sequences(length - 1, labels).SelectMany(prefix => Enumerable.Range(0, labels).Select(y => (int[])[.. prefix, y]));

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 11)]
    public void ForwardBackwardAgreesWithSummingOverEveryValidSequence(int length, int seed)
    {
        var scheme = TagScheme.Iob2;
        var L = scheme.Count;
        var random = new Random(seed);
        var transitions = Enumerable.Range(0, (L + 1) * L).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var lattice = new LinearChainCrf.Lattice(scheme, length);
        for (var i = 0; i < lattice.Emission.Length; i++) lattice.Emission[i] = random.NextDouble() * 6 - 3;
        int[] gold = [.. Enumerable.Range(0, length).Select(t => t == 0 ? NerLabels.Begin(1) : NerLabels.Inside(1))];

        var negativeLogLikelihood = lattice.Run(transitions, gold);

        double Score(int[] tags) =>
            Enumerable.Range(0, length).Sum(t => lattice.Emission[t * L + tags[t]] + transitions[(t == 0 ? L : tags[t - 1]) * L + tags[t]]);
        var valid = Sequences(length, L)
            .Where(tags => scheme.Starts[tags[0]] && Enumerable.Range(1, length - 1).All(t => scheme.Allowed(tags[t - 1], tags[t])))
            .ToArray();
        var z = valid.Sum(tags => Math.Exp(Score(tags)));
        Assert.Equal(Math.Log(z) - Score(gold), negativeLogLikelihood, 9);
        for (var t = 0; t < length; t++)
        {
            for (var y = 0; y < L; y++)
            {
                var marginal = valid.Where(tags => tags[t] == y).Sum(tags => Math.Exp(Score(tags))) / z;
                Assert.Equal(marginal, lattice.Marginal[t * L + y], 9);
            }
        }

        for (var p = 0; p <= L; p++)
        {
            for (var y = 0; y < L; y++)
            {
                var expected = valid.Sum(tags => Math.Exp(Score(tags)) / z *
                    Enumerable.Range(0, length).Count(t => tags[t] == y && (t == 0 ? L : tags[t - 1]) == p));
                Assert.Equal(expected, lattice.PairMarginal[p * L + y], 9);
            }
        }
    }
}
