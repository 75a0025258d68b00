using System.Collections.Frozen;
using Dossier.Text;

namespace Dossier.Claims;

/// <summary>
/// A convolutional sentence model over pretrained word vectors (Kim 2014): filters of a few widths slide over the words,
/// each keeps its strongest match anywhere in the sentence, and a linear layer over those matches and the line's context
/// gives a logit. Unlike the bag of features it reads word order and phrases it never saw ("rose by a third" near
/// "climbed 30 percent"), so its errors differ from the linear model's and the two can be blended.
/// </summary>
public sealed class CheckworthyConvolution
{
    /// <summary>Words beyond this many are not read, so that a broken sentence split cannot make a line's cost grow without bound.</summary>
    public const int MaximumWords = 60;

    /// <summary>The context inputs beside the pooled filters: the line ends with a question, follows one, opens a turn, and its
    /// speaker asks, holds the floor or speaks little (all zero outside a transcript).</summary>
    public const int ContextInputs = 6;

    // Rows of the input table: padding (all zeros), any number, any unknown word; the vocabulary's words follow.
    internal const int PaddingRow = 0;
    private const int NumberRow = 1, UnknownRow = 2, FirstWordRow = 3;

    /// <summary>Each known word's row in <see cref="Inputs"/>.</summary>
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _rows;

    internal CheckworthyConvolution(FrozenDictionary<string, int> rows, float[] inputs, int inputWidth, int[] widths, int filters, float[][] filterWeights, float[][] filterBiases, float[] output, float[] contextWeights, float[] bias)
    {
        _rows = rows.GetAlternateLookup<ReadOnlySpan<char>>();
        Inputs = inputs;
        InputWidth = inputWidth;
        Widths = widths;
        Filters = filters;
        FilterWeights = filterWeights;
        FilterBiases = filterBiases;
        Output = output;
        ContextWeights = contextWeights;
        BiasCell = bias;
    }

    /// <summary>One row of <see cref="InputWidth"/> floats a word: its vector, then a number flag and an unknown-word flag.</summary>
    internal float[] Inputs { get; }

    internal int InputWidth { get; }

    public IReadOnlyList<int> Widths { get; }

    public int Filters { get; }

    /// <summary>Per width, <see cref="Filters"/> filters of width × <see cref="InputWidth"/> weights, laid out as the words' rows are.</summary>
    internal float[][] FilterWeights { get; }

    internal float[][] FilterBiases { get; }

    /// <summary>The weight of each pooled filter (width by width) in the logit.</summary>
    internal float[] Output { get; }

    internal float[] ContextWeights { get; }

    /// <summary>The intercept, in a one-element array so that the trainer updates it as it does every other weight.</summary>
    internal float[] BiasCell { get; }

    public int ParameterCount => FilterWeights.Sum(w => w.Length) + FilterBiases.Sum(b => b.Length) + Output.Length + ContextWeights.Length + BiasCell.Length;

    /// <summary>A fresh network: filters drawn at random (seeded), everything else zero, so that it first scores all alike.</summary>
    public static CheckworthyConvolution Create(CheckworthyWordVectors vectors, IReadOnlyList<int> widths, int filters, int seed)
    {
        var inputWidth = vectors.Dimensions + 2;
        var words = vectors.Entries.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var inputs = new float[(FirstWordRow + words.Count) * inputWidth];
        inputs[NumberRow * inputWidth + vectors.Dimensions] = 1;
        inputs[UnknownRow * inputWidth + vectors.Dimensions + 1] = 1;
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, vector) in words)
        {
            var row = FirstWordRow + rows.Count;
            vector.CopyTo(inputs, row * inputWidth);
            rows[word] = row;
        }

        var random = new Random(seed);
        var filterWeights = widths.Select(width =>
        {
            var weights = new float[filters * width * inputWidth];
            var scale = Math.Sqrt(6.0 / (width * inputWidth));
            for (var i = 0; i < weights.Length; i++) weights[i] = (float)((2 * random.NextDouble() - 1) * scale);
            return weights;
        }).ToArray();
        return new CheckworthyConvolution(rows.ToFrozenDictionary(StringComparer.Ordinal), inputs, inputWidth, [.. widths], filters, filterWeights,
            [.. widths.Select(_ => new float[filters])], new float[widths.Count * filters], new float[ContextInputs], new float[1]);
    }

    /// <summary>The sentence's words as rows of <see cref="Inputs"/>, padded to the widest filter.</summary>
    internal int[] WordRows(string sentence)
    {
        using var words = CheckworthyWords.Of(CheckworthyFeatures.Cut(sentence));
        var count = Math.Min(words.Count, MaximumWords);
        var rows = new int[Math.Max(count, Widths.Max())];
        for (var i = 0; i < count; i++)
        {
            var word = words[i];
            rows[i] = word is CheckworthyFeatures.Number ? NumberRow : _rows.TryGetValue(word, out var row) ? row : UnknownRow;
        }

        for (var i = count; i < rows.Length; i++) rows[i] = PaddingRow;
        return rows;
    }

    internal static void ContextOf(string sentence, in CheckworthyContext context, Span<float> into)
    {
        into[0] = sentence.AsSpan().TrimEnd() is [.., '?'] ? 1 : 0;
        into[1] = context.AfterQuestion ? 1 : 0;
        into[2] = context.TurnStart ? 1 : 0;
        into[3] = context.SpeakerRole == CheckworthyContext.QuestionerRole ? 1 : 0;
        into[4] = context.SpeakerRole == "main" ? 1 : 0;
        into[5] = context.SpeakerRole == "minor" ? 1 : 0;
    }

    /// <summary>The network's logit for a sentence in its context.</summary>
    public double Logit(string sentence, CheckworthyContext context = default)
    {
        var rows = WordRows(sentence);
        var window = new float[rows.Length * InputWidth];
        Gather(rows, window);
        var pooled = new float[Output.Length];
        Pool(window, rows.Length, pooled, null);
        Span<float> contextInputs = stackalloc float[ContextInputs];
        ContextOf(sentence, context, contextInputs);
        return Combine(pooled, contextInputs, null);
    }

    /// <summary>The sentence's word rows laid end to end, so that any window of words is one contiguous span.</summary>
    internal void Gather(int[] rows, Span<float> into)
    {
        for (var i = 0; i < rows.Length; i++) Inputs.AsSpan(rows[i] * InputWidth, InputWidth).CopyTo(into[(i * InputWidth)..]);
    }

    /// <summary>Each filter's strongest match over the sentence (at least zero), and where it was when <paramref name="at"/> is given.</summary>
    internal void Pool(ReadOnlySpan<float> words, int count, Span<float> pooled, int[]? at)
    {
        for (var g = 0; g < Widths.Count; g++)
        {
            var span = Widths[g] * InputWidth;
            var weights = FilterWeights[g];
            for (var f = 0; f < Filters; f++)
            {
                var filter = weights.AsSpan(f * span, span);
                float best = float.NegativeInfinity;
                var where = 0;
                for (var t = 0; t + Widths[g] <= count; t++)
                {
                    var match = FloatSpans.Dot(filter, words.Slice(t * InputWidth, span));
                    if (match > best) (best, where) = (match, t);
                }

                var unit = g * Filters + f;
                pooled[unit] = Math.Max(0, best + FilterBiases[g][f]);
                if (at is not null) at[unit] = where;
            }
        }
    }

    internal double Combine(ReadOnlySpan<float> pooled, ReadOnlySpan<float> context, ReadOnlySpan<float> kept)
    {
        double logit = BiasCell[0];
        for (var k = 0; k < pooled.Length; k++) logit += Output[k] * pooled[k] * (kept.IsEmpty ? 1 : kept[k]);
        for (var j = 0; j < context.Length; j++) logit += ContextWeights[j] * context[j];
        return logit;
    }
}

/// <summary>How <see cref="CheckworthyConvolutionTrainer"/> fits the network.</summary>
/// <param name="Dropout">The share of pooled filters silenced at each training step, so that no single filter carries a decision.</param>
/// <param name="PairwiseWeight">Weight of the ranking loss (a check-worthy line above a drawn line of its debate that is not).</param>
public sealed record CheckworthyConvolutionOptions(
    int Filters = 64,
    int Epochs = 3,
    double LearningRate = 1e-3,
    int BatchSize = 32,
    double Dropout = 0.5,
    double PairwiseWeight = 0.5,
    int PairsPerPositive = 4,
    int Seed = 17,
    bool TuneWords = false)
{
    public IReadOnlyList<int> Widths { get; init; } = [2, 3, 4];

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"convolution widths {string.Join('/', Widths)} x{Filters}, epochs {Epochs}, rate {LearningRate:G2}, batch {BatchSize}, dropout {Dropout}, pairwise {PairwiseWeight} x{PairsPerPositive}{(TuneWords ? ", words tuned" : "")}");
}

/// <summary>Trains <see cref="CheckworthyConvolution"/> by Adam on mini-batches with the logistic and pairwise ranking losses
/// of the linear model; the word vectors stay as they are (too few labelled lines to move 100 numbers a word). Deterministic
/// for given options (one thread).</summary>
public static class CheckworthyConvolutionTrainer
{
    public static CheckworthyConvolution Train(IReadOnlyList<CheckworthyExample> examples, CheckworthyWordVectors vectors, CheckworthyConvolutionOptions options)
    {
        var network = CheckworthyConvolution.Create(vectors, options.Widths, options.Filters, options.Seed);
        var rows = examples.Select(example => network.WordRows(example.Text)).ToArray();
        var contexts = examples.Select(example =>
        {
            var inputs = new float[CheckworthyConvolution.ContextInputs];
            CheckworthyConvolution.ContextOf(example.Text, example.Context, inputs);
            return inputs;
        }).ToArray();
        var negativesByGroup = CheckworthyTrainer.NegativesByGroup(examples);

        var parameters = Parameters(network);
        var gradients = parameters.Select(p => new float[p.Length]).ToArray();
        var adam = new Adam(parameters, options.LearningRate);
        var random = new Random(options.Seed);
        // Tuned word rows are updated only where a batch touched them: a step over every word would cost more than the batch.
        var words = options.TuneWords ? new WordGradient(network.Inputs.Length) : null;
        var pass = new Pass(network, words);
        var other = new Pass(network, words);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var inBatch = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var example = examples[i];
                var logit = pass.Forward(rows[i], contexts[i], options.Dropout, random);
                var probability = 1.0 / (1.0 + Math.Exp(-logit));
                pass.Backward((probability - (example.CheckWorthy ? 1 : 0)) * example.Weight, gradients);
                if (options.PairwiseWeight > 0 && example.CheckWorthy && example.Group is { } group && negativesByGroup.TryGetValue(group, out var negatives))
                {
                    for (var pair = 0; pair < options.PairsPerPositive; pair++)
                    {
                        var j = negatives[random.Next(negatives.Length)];
                        var mine = pass.Forward(rows[i], contexts[i], options.Dropout, random);
                        var theirs = other.Forward(rows[j], contexts[j], options.Dropout, random);
                        var pull = -options.PairwiseWeight * example.Weight / (1.0 + Math.Exp(mine - theirs));
                        pass.Backward(pull, gradients);
                        other.Backward(-pull, gradients);
                    }
                }

                if (++inBatch < options.BatchSize) continue;
                adam.Step(gradients, inBatch);
                words?.Step(network, options.LearningRate, inBatch);
                inBatch = 0;
            }
        }

        if (inBatch > 0)
        {
            adam.Step(gradients, inBatch);
            words?.Step(network, options.LearningRate, inBatch);
        }
        return network;
    }

    /// <summary>The trainable arrays, in the order <see cref="Pass.Backward"/> indexes their gradients.</summary>
    private static float[][] Parameters(CheckworthyConvolution network) =>
        [.. network.FilterWeights, .. network.FilterBiases, network.Output, network.ContextWeights, network.BiasCell];

    /// <summary>One forward pass kept for its backward pass: the pooled filters, where each matched, and which were kept.</summary>
    private sealed class Pass(CheckworthyConvolution network, WordGradient? words)
    {
        private int[] _rows = [];
        private readonly float[] _pooled = new float[network.Output.Length];
        private readonly int[] _at = new int[network.Output.Length];
        private readonly float[] _kept = new float[network.Output.Length];
        private float[] _words = new float[CheckworthyConvolution.MaximumWords * network.InputWidth];
        private float[] _context = [];

        public double Forward(int[] rows, float[] context, double dropout, Random random)
        {
            if (_words.Length < rows.Length * network.InputWidth) _words = new float[rows.Length * network.InputWidth];
            network.Gather(rows, _words);
            _rows = rows;
            network.Pool(_words.AsSpan(0, rows.Length * network.InputWidth), rows.Length, _pooled, _at);
            // Inverted dropout: a kept filter counts 1/(1 - dropout), so that scoring needs no rescaling.
            for (var k = 0; k < _kept.Length; k++) _kept[k] = random.NextDouble() < dropout ? 0 : (float)(1 / (1 - dropout));
            _context = context;
            return network.Combine(_pooled, context, _kept);
        }

        /// <summary>Adds the gradient of a loss whose derivative with respect to this pass's logit is <paramref name="derivative"/>.</summary>
        public void Backward(double derivative, float[][] gradients)
        {
            var widths = network.Widths.Count;
            var g = (float)derivative;
            var output = gradients[2 * widths];
            var contextGradient = gradients[2 * widths + 1];
            gradients[2 * widths + 2][0] += g;
            for (var j = 0; j < _context.Length; j++) contextGradient[j] += g * _context[j];
            for (var unit = 0; unit < _pooled.Length; unit++)
            {
                if (_kept[unit] == 0) continue;
                output[unit] += g * _pooled[unit] * _kept[unit];
                if (_pooled[unit] <= 0) continue;
                var width = unit / network.Filters;
                var filter = unit % network.Filters;
                var span = network.Widths[width] * network.InputWidth;
                var upstream = g * network.Output[unit] * _kept[unit];
                gradients[widths + width][filter] += upstream;
                var weights = gradients[width].AsSpan(filter * span, span);
                var window = _words.AsSpan(_at[unit] * network.InputWidth, span);
                for (var d = 0; d < span; d++) weights[d] += upstream * window[d];
                words?.Add(network, _rows.AsSpan(_at[unit], network.Widths[width]), network.FilterWeights[width].AsSpan(filter * span, span), upstream);
            }
        }
    }

    /// <summary>The gradient of the word rows a batch touched, and Adam's moments for every row (steps counted per row).</summary>
    private sealed class WordGradient(int length)
    {
        private readonly float[] _gradient = new float[length];
        private readonly float[] _first = new float[length];
        private readonly float[] _second = new float[length];
        private readonly Dictionary<int, int> _steps = [];
        private readonly HashSet<int> _touched = [];

        /// <summary>Adds a filter's pull on the words of the window it matched best (padding stays zero).</summary>
        public void Add(CheckworthyConvolution network, ReadOnlySpan<int> rows, ReadOnlySpan<float> filter, float upstream)
        {
            var width = network.InputWidth;
            for (var k = 0; k < rows.Length; k++)
            {
                if (rows[k] == CheckworthyConvolution.PaddingRow) continue;
                _touched.Add(rows[k]);
                var gradient = _gradient.AsSpan(rows[k] * width, width);
                var weights = filter.Slice(k * width, width);
                for (var d = 0; d < width; d++) gradient[d] += upstream * weights[d];
            }
        }

        public void Step(CheckworthyConvolution network, double learningRate, int count)
        {
            var width = network.InputWidth;
            foreach (var row in _touched)
            {
                var steps = _steps[row] = _steps.GetValueOrDefault(row) + 1;
                var at = row * width;
                Adam.Update(network.Inputs.AsSpan(at, width), _gradient.AsSpan(at, width), _first.AsSpan(at, width), _second.AsSpan(at, width), Adam.Rate(learningRate, steps), count);
            }

            _touched.Clear();
        }
    }

    private sealed class Adam(float[][] parameters, double learningRate)
    {
        private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
        private readonly float[][] _first = [.. parameters.Select(p => new float[p.Length])];
        private readonly float[][] _second = [.. parameters.Select(p => new float[p.Length])];
        private int _steps;

        /// <summary>One step on the mean of <paramref name="count"/> examples' gradients, which are then cleared.</summary>
        public void Step(float[][] gradients, int count)
        {
            var rate = Rate(learningRate, ++_steps);
            for (var p = 0; p < parameters.Length; p++) Update(parameters[p], gradients[p], _first[p], _second[p], rate, count);
        }

        /// <summary>The learning rate with both moments' start-up bias corrected after <paramref name="steps"/> steps.</summary>
        public static float Rate(double learningRate, int steps) =>
            (float)(learningRate * Math.Sqrt(1 - Math.Pow(Beta2, steps)) / (1 - Math.Pow(Beta1, steps)));

        public static void Update(Span<float> values, Span<float> gradient, Span<float> first, Span<float> second, float rate, int count)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var mean = gradient[i] / count;
                first[i] = (float)(Beta1 * first[i] + (1 - Beta1) * mean);
                second[i] = (float)(Beta2 * second[i] + (1 - Beta2) * mean * mean);
                values[i] -= rate * first[i] / ((float)Math.Sqrt(second[i]) + (float)Epsilon);
                gradient[i] = 0;
            }
        }
    }
}
