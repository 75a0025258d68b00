using Dossier.Entities.Ner;

namespace Dossier.Text.Sequence;

/// <summary>How <see cref="LinearChainCrf"/> learns.</summary>
/// <param name="Epochs">Passes over the training sentences.</param>
/// <param name="Variance">
/// The Gaussian prior's variance σ² on each feature weight: the objective is the training log-likelihood minus
/// ‖w‖² / 2σ². Smaller is stronger regularisation.
/// </param>
/// <param name="LearningRate">The first epoch's step size; 0 picks it by trying several on a sample of the data.</param>
internal sealed record CrfOptions(int Epochs, double Variance, double LearningRate = 0);

/// <summary>
/// A linear-chain conditional random field (Lafferty et al. 2001) over the same hashed features, tag pairs and
/// weight layout as <see cref="LinearChainModel"/>, so that a trained CRF is tagged with Viterbi like the
/// perceptron's models. It maximises the L2-regularised conditional log-likelihood by stochastic gradient descent
/// (forward-backward over the tag pairs the scheme allows), one sentence per step with a step size that decays
/// per epoch. Unlike the perceptron, which stops learning from a sentence once it tags it right, it keeps
/// pulling weights towards what separates the gold tags with a margin, and the prior keeps weights of rare
/// features small. Deterministic for a given seed.
/// </summary>
internal static class LinearChainCrf
{
    // Sentences the step size is tried on, and the sizes tried (Bottou's calibration: keep the best objective after one pass).
    private const int CalibrationSentences = 1000;
    private static readonly double[] CandidateRates = [1, 0.5, 0.25, 0.1, 0.05, 0.025, 0.01];

    /// <summary>The weights (bucket b's weight for tag y at b * tags + y) and tag-pair weights, at full precision.</summary>
    public static (float[] Weights, float[] Transitions) TrainWeights(
        IReadOnlyList<(SentenceFeatures Features, int[] Gold)> data, TagScheme scheme, int bucketBits, CrfOptions options, int seed, string name,
        Action<string>? log, bool[]? learnable = null)
    {
        var random = new Random(seed);
        var order = Enumerable.Range(0, data.Count).ToArray();
        var rate = options.LearningRate;
        if (rate <= 0)
        {
            var sample = order.ToArray();
            new Random(seed + 1).Shuffle(sample);
            sample = sample[..Math.Min(CalibrationSentences, sample.Length)];
            var best = double.PositiveInfinity;
            foreach (var candidate in CandidateRates)
            {
                var trial = new Trainer(scheme, bucketBits, options.Variance, sample.Length, learnable);
                trial.Epoch(data, sample, candidate);
                var objective = trial.Objective(data, sample);
                log?.Invoke($"{name}: step size {candidate} gives objective {objective:F1} on {sample.Length} sentences");
                if (objective < best)
                {
                    best = objective;
                    rate = candidate;
                }
            }
        }

        var trainer = new Trainer(scheme, bucketBits, options.Variance, data.Count, learnable);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var step = rate / (1 + epoch);
            var loss = trainer.Epoch(data, order, step);
            log?.Invoke($"{name}: epoch {epoch + 1}/{options.Epochs}, step {step:G3}, negative log-likelihood {loss:F1}");
        }

        return trainer.Result();
    }

    /// <summary>
    /// The state of one run. L2 decay touches every weight at every step; holding the weights as scale × v makes that
    /// one multiplication of the scale, so a step costs only the features of its sentence.
    /// </summary>
    private sealed class Trainer(TagScheme scheme, int bucketBits, double variance, int sentences, bool[]? learnable)
    {
        private readonly int _labels = scheme.Count;
        private readonly float[] _v = new float[(1 << bucketBits) * scheme.Count];
        private readonly float[] _transitions = new float[(scheme.Count + 1) * scheme.Count];
        private readonly double _decayPerSentence = 1 / (variance * sentences);
        private double _scale = 1;

        /// <summary>One pass in the given order; returns the summed negative log-likelihood seen before each step.</summary>
        public double Epoch(IReadOnlyList<(SentenceFeatures Features, int[] Gold)> data, int[] order, double step)
        {
            var loss = 0.0;
            var decay = 1 - step * _decayPerSentence;
            foreach (var index in order)
            {
                var (features, gold) = data[index];
                if (features.Length == 0) continue;
                _scale *= decay;
                // Rescaling before the scale underflows keeps v in range; it costs one pass over the table, rarely.
                if (_scale < 1e-6) Rescale();
                var lattice = new Lattice(scheme, features.Length);
                Emissions(features, lattice.Emission);
                loss += lattice.Run(_transitions, gold);
                Update(features, gold, lattice, step);
            }

            return loss;
        }

        /// <summary>The regularised objective over some sentences (negative log-likelihood plus their share of the prior).</summary>
        public double Objective(IReadOnlyList<(SentenceFeatures Features, int[] Gold)> data, int[] sentences)
        {
            var loss = 0.0;
            foreach (var index in sentences)
            {
                var (features, gold) = data[index];
                if (features.Length == 0) continue;
                var lattice = new Lattice(scheme, features.Length);
                Emissions(features, lattice.Emission);
                loss += lattice.Run(_transitions, gold);
            }

            var squares = 0.0;
            foreach (var value in _v) squares += (double)value * value;
            return loss + squares * _scale * _scale * _decayPerSentence * sentences.Length / 2;
        }

        public (float[] Weights, float[] Transitions) Result()
        {
            Rescale();
            return (_v, _transitions);
        }

        private void Rescale()
        {
            var scale = (float)_scale;
            for (var i = 0; i < _v.Length; i++) _v[i] *= scale;
            _scale = 1;
        }

        private void Emissions(SentenceFeatures sentence, double[] emission)
        {
            var L = _labels;
            var row = new float[L];
            for (var t = 0; t < sentence.Length; t++)
            {
                Array.Clear(row);
                for (var k = sentence.Offsets[t]; k < sentence.Offsets[t + 1]; k++)
                {
                    var weights = _v.AsSpan(sentence.Features[k] * L, L);
                    for (var y = 0; y < L; y++) row[y] += weights[y];
                }

                for (var y = 0; y < L; y++) emission[t * L + y] = row[y] * _scale;
            }
        }

        // The gradient of the log-likelihood: for each feature of token t and each tag, gold indicator minus marginal.
        private void Update(SentenceFeatures sentence, int[] gold, Lattice lattice, double step)
        {
            var L = _labels;
            var delta = new float[L];
            var onV = step / _scale;
            for (var t = 0; t < sentence.Length; t++)
            {
                for (var y = 0; y < L; y++) delta[y] = (float)(onV * ((gold[t] == y ? 1 : 0) - lattice.Marginal[t * L + y]));
                for (var k = sentence.Offsets[t]; k < sentence.Offsets[t + 1]; k++)
                {
                    var bucket = sentence.Features[k];
                    if (learnable is not null && !learnable[bucket]) continue;
                    var weights = _v.AsSpan(bucket * L, L);
                    for (var y = 0; y < L; y++) weights[y] += delta[y];
                }
            }

            // Tag pairs are few and seen in every sentence: they are left out of the prior and stepped directly.
            for (var i = 0; i < _transitions.Length; i++) _transitions[i] += (float)(step * -lattice.PairMarginal[i]);
            for (var t = 0; t < gold.Length; t++) _transitions[(t == 0 ? L : gold[t - 1]) * L + gold[t]] += (float)step;
        }
    }

    /// <summary>Forward-backward over one sentence in log space, restricted to the tag pairs and first tags the scheme allows.</summary>
    internal sealed class Lattice(TagScheme scheme, int length)
    {
        private readonly int _labels = scheme.Count;

        public double[] Emission { get; } = new double[length * scheme.Count];

        /// <summary>p(tag y at token t), at t * tags + y.</summary>
        public double[] Marginal { get; } = new double[length * scheme.Count];

        /// <summary>Expected count of each tag pair over the sentence (row L: the first tag), laid out as the transitions.</summary>
        public double[] PairMarginal { get; } = new double[(scheme.Count + 1) * scheme.Count];

        /// <summary>Fills the marginals and returns -log p(gold).</summary>
        public double Run(float[] transitions, int[] gold)
        {
            var L = _labels;
            var n = length;
            var alpha = new double[n * L];
            var beta = new double[n * L];
            var terms = new double[L];
            for (var y = 0; y < L; y++) alpha[y] = scheme.Starts[y] ? Emission[y] + transitions[L * L + y] : double.NegativeInfinity;
            for (var t = 1; t < n; t++)
            {
                for (var y = 0; y < L; y++)
                {
                    var previous = scheme.AllowedPrevious[y];
                    for (var i = 0; i < previous.Length; i++) terms[i] = alpha[(t - 1) * L + previous[i]] + transitions[previous[i] * L + y];
                    alpha[t * L + y] = LogSumExp(terms.AsSpan(0, previous.Length)) + Emission[t * L + y];
                }
            }

            for (var y = 0; y < L; y++) beta[(n - 1) * L + y] = scheme.Ends[y] ? 0 : double.NegativeInfinity;
            for (var t = n - 2; t >= 0; t--)
            {
                for (var p = 0; p < L; p++)
                {
                    var count = 0;
                    for (var y = 0; y < L; y++)
                    {
                        if (scheme.Allowed(p, y)) terms[count++] = transitions[p * L + y] + Emission[(t + 1) * L + y] + beta[(t + 1) * L + y];
                    }

                    beta[t * L + p] = LogSumExp(terms.AsSpan(0, count));
                }
            }

            for (var y = 0; y < L; y++) terms[y] = alpha[(n - 1) * L + y] + beta[(n - 1) * L + y];
            var logZ = LogSumExp(terms);
            for (var i = 0; i < Marginal.Length; i++) Marginal[i] = Math.Exp(alpha[i] + beta[i] - logZ);
            for (var y = 0; y < L; y++) PairMarginal[L * L + y] = Marginal[y];
            for (var t = 1; t < n; t++)
            {
                for (var y = 0; y < L; y++)
                {
                    var after = Emission[t * L + y] + beta[t * L + y] - logZ;
                    foreach (var p in scheme.AllowedPrevious[y]) PairMarginal[p * L + y] += Math.Exp(alpha[(t - 1) * L + p] + transitions[p * L + y] + after);
                }
            }

            var goldScore = Emission[gold[0]] + transitions[L * L + gold[0]];
            for (var t = 1; t < n; t++) goldScore += Emission[t * L + gold[t]] + transitions[gold[t - 1] * L + gold[t]];
            return logZ - goldScore;
        }

        private static double LogSumExp(ReadOnlySpan<double> values)
        {
            var max = double.NegativeInfinity;
            foreach (var value in values) max = Math.Max(max, value);
            if (double.IsNegativeInfinity(max)) return max;
            var sum = 0.0;
            foreach (var value in values) sum += Math.Exp(value - max);
            return max + Math.Log(sum);
        }
    }
}
