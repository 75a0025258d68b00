using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;

namespace Dossier.Claims;

/// <summary>Logistic regression over <see cref="CheckworthyFeatures"/>: the probability that a sentence is a factual claim worth checking.</summary>
public sealed class CheckworthyModel
{
    private readonly FrozenDictionary<string, double> _weights;

    /// <summary>Each feature's place in ordinal order of names, and the weights in that order: scoring sums a sentence's
    /// weights in the order of their names, as training did, so that the sum comes out the same to the last bit.</summary>
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _ranks;

    private readonly double[] _weightsInOrder;

    /// <summary>The places of the features of a sentence's words, by word.</summary>
    private readonly CheckworthyWordTable _wordTable;

    /// <summary>The weights of the sentence vector's components (features "e:0", "e:1", …); empty without word vectors.</summary>
    private readonly double[] _vectorWeights;

    /// <summary>Hidden units over the sentence vector (features "m:unit:dimension", "m:unit:b" its bias and "m:unit:o" its
    /// weight in the score): what the vector says beyond a straight line, such as "figures, but about the speaker's own life".</summary>
    private readonly HiddenUnit[] _hidden;

    private sealed record HiddenUnit(double[] Weights, double Bias, double Output);

    public CheckworthyModel(
        IReadOnlyDictionary<string, double> weights,
        double bias,
        double contextWeight = 0,
        CheckworthyFeatureGroups groups = CheckworthyFeatureGroups.None,
        double questionerWeight = 1,
        CheckworthyClusters? clusters = null,
        CheckworthyWordVectors? vectors = null,
        double vectorScale = 1)
    {
        _weights = weights.ToFrozenDictionary(StringComparer.Ordinal);
        var ordered = _weights.Keys.Order(StringComparer.Ordinal).ToArray();
        _weightsInOrder = [.. ordered.Select(name => _weights[name])];
        var ranks = ordered.Select((name, rank) => (name, rank)).ToFrozenDictionary(pair => pair.name, pair => pair.rank, StringComparer.Ordinal);
        _ranks = ranks.GetAlternateLookup<ReadOnlySpan<char>>();
        _wordTable = new CheckworthyWordTable(ranks, groups.HasFlag(CheckworthyFeatureGroups.Clusters) ? clusters : null);
        Bias = bias;
        ContextWeight = contextWeight;
        Groups = groups;
        QuestionerWeight = questionerWeight;
        Clusters = clusters;
        Vectors = groups.HasFlag(CheckworthyFeatureGroups.Vectors) ? vectors : null;
        VectorScale = vectorScale;
        _vectorWeights = Vectors is null ? [] : [.. Enumerable.Range(0, Vectors.Dimensions).Select(d => _weights.GetValueOrDefault(VectorFeature(d)))];
        var units = Vectors is null ? 0 : _weights.Keys.Count(name => name.StartsWith("m:", StringComparison.Ordinal) && name.EndsWith(":o", StringComparison.Ordinal));
        _hidden = [.. Enumerable.Range(0, units).Select(unit => new HiddenUnit(
            [.. Enumerable.Range(0, Vectors!.Dimensions).Select(d => _weights.GetValueOrDefault(HiddenFeature(unit, d.ToString(CultureInfo.InvariantCulture))))],
            _weights.GetValueOrDefault(HiddenFeature(unit, "b")),
            _weights.GetValueOrDefault(HiddenFeature(unit, "o"))))];
    }

    /// <summary>The name of a hidden unit's weight for a dimension of the sentence vector, its bias ("b") or its output ("o").</summary>
    public static string HiddenFeature(int unit, string part) => "m:" + unit.ToString(CultureInfo.InvariantCulture) + ":" + part;

    public int HiddenUnits => _hidden.Length;

    /// <summary>The word vectors of <see cref="CheckworthyFeatureGroups.Vectors"/>; null when the model does not use them.</summary>
    public CheckworthyWordVectors? Vectors { get; }

    /// <summary>The length the sentence vector is scaled to before its components meet their weights.</summary>
    public double VectorScale { get; }

    /// <summary>The name a sentence vector's component has among the weights.</summary>
    public static string VectorFeature(int dimension) => "e:" + dimension.ToString(CultureInfo.InvariantCulture);

    /// <summary>The word classes of <see cref="CheckworthyFeatureGroups.Clusters"/>; null when the model does not use them.</summary>
    public CheckworthyClusters? Clusters { get; }

    /// <summary>What a transcript's questioner's (a moderator's) scores are multiplied by: they ask, fact-checkers check answers.</summary>
    public double QuestionerWeight { get; }

    /// <summary>The feature groups beyond the sentence itself that the model was trained with.</summary>
    public CheckworthyFeatureGroups Groups { get; }

    public double Bias { get; }

    /// <summary>How much a sentence's neighbours lift it when sentences are scored in sequence (a claim rarely comes alone).</summary>
    public double ContextWeight { get; }
    public int FeatureCount => _weights.Count;

    /// <summary>The model of models/checkworthy, shipped inside the assembly.</summary>
    public static CheckworthyModel Default => LazyDefault.Value;

    private static readonly Lazy<CheckworthyModel> LazyDefault = new(() =>
    {
        var lines = EmbeddedData.ReadLines("Claims.Data.checkworthy-model.tsv");
        var groups = Parse(lines).Groups;
        return Parse(
            lines,
            groups.HasFlag(CheckworthyFeatureGroups.Clusters) ? CheckworthyClusters.Parse(EmbeddedData.ReadLines("Claims.Data.checkworthy-clusters.tsv")) : null,
            groups.HasFlag(CheckworthyFeatureGroups.Vectors) ? CheckworthyWordVectors.Parse(EmbeddedData.ReadLines("Claims.Data.checkworthy-vectors.tsv")) : null);
    });

    public double Score(string sentence, CheckworthyContext context = default)
    {
        // Weights are summed over the model's known features and scaled by 1/sqrt(count), as in training, so that a
        // long sentence does not score high merely for having many words.
        using var words = CheckworthyWords.Of(CheckworthyFeatures.Cut(sentence));
        var known = new KnownFeatures(_ranks);
        double sum = 0;
        var count = 0;
        try
        {
            _wordTable.AddRanks(words, ref known);
            CheckworthyFeatures.EmitSentence(sentence, words, context, Groups, ref known);
            var ranks = known.Ranks;
            ranks.Sort();
            for (var i = 0; i < ranks.Length; i++)
            {
                if (i > 0 && ranks[i] == ranks[i - 1]) continue;
                sum += _weightsInOrder[ranks[i]];
                count++;
            }
        }
        finally
        {
            known.Dispose();
        }

        var logit = Bias + (count == 0 ? 0 : sum / Math.Sqrt(count));
        if (Vectors is not null)
        {
            Span<double> vector = Vectors.Dimensions <= 256 ? stackalloc double[Vectors.Dimensions] : new double[Vectors.Dimensions];
            vector.Clear();
            Vectors.SentenceVector(words, vector);
            for (var d = 0; d < vector.Length; d++) logit += VectorScale * vector[d] * _vectorWeights[d];
            foreach (var unit in _hidden)
            {
                var input = unit.Bias;
                for (var d = 0; d < vector.Length; d++) input += VectorScale * vector[d] * unit.Weights[d];
                logit += unit.Output * Math.Tanh(input);
            }
        }

        return 1.0 / (1.0 + Math.Exp(-logit));
    }

    /// <summary>The places (in <see cref="_weightsInOrder"/>) of the features the model knows, gathered in a pooled buffer.</summary>
    private struct KnownFeatures(FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ranks) : CheckworthyFeatures.IFeatureSink, CheckworthyWordTable.IRankSink
    {
        private int[] _found = ArrayPool<int>.Shared.Rent(256);
        private int _count;

        public readonly Span<int> Ranks => _found.AsSpan(0, _count);

        public void Add(ReadOnlySpan<char> feature)
        {
            if (ranks.TryGetValue(feature, out var rank)) AddRank(rank);
        }

        public void AddRank(int rank)
        {
            if (_count == _found.Length)
            {
                var larger = ArrayPool<int>.Shared.Rent(2 * _found.Length);
                _found.CopyTo(larger, 0);
                ArrayPool<int>.Shared.Return(_found);
                _found = larger;
            }

            _found[_count++] = rank;
        }

        public readonly void Dispose() => ArrayPool<int>.Shared.Return(_found);
    }

    /// <summary>
    /// Scores sentences in their order, with their speakers when known (a transcript): each score is blended with its
    /// neighbours' (weight <see cref="ContextWeight"/>), kept in 0–1.
    /// </summary>
    public double[] ScoreSequence(IReadOnlyList<string> sentences, IReadOnlyList<string?>? speakers = null)
    {
        var contexts = CheckworthyContext.Describe(sentences, speakers);
        var own = sentences.Select((sentence, i) => Score(sentence, contexts[i])).ToArray();
        return InSequence(own, contexts, ContextWeight, QuestionerWeight);
    }

    /// <summary>Sentence scores blended with their neighbours' and, in a transcript, the questioner's turned down.</summary>
    public static double[] InSequence(IReadOnlyList<double> own, IReadOnlyList<CheckworthyContext> contexts, double contextWeight, double questionerWeight)
    {
        var result = Smooth(own, contextWeight);
        for (var i = 0; i < result.Length; i++)
        {
            if (contexts[i].SpeakerRole == CheckworthyContext.QuestionerRole) result[i] *= questionerWeight;
        }

        return result;
    }

    private static double[] Smooth(IReadOnlyList<double> own, double contextWeight)
    {
        var result = new double[own.Count];
        for (var i = 0; i < own.Count; i++)
        {
            var neighbour = Math.Max(i > 0 ? own[i - 1] : 0, i + 1 < own.Count ? own[i + 1] : 0);
            result[i] = (own[i] + contextWeight * neighbour) / (1 + contextWeight);
        }

        return result;
    }

    /// <summary>Reads "feature TAB weight" lines; "&lt;bias&gt;" is the intercept, "&lt;context&gt;" the neighbour weight and
    /// "&lt;groups&gt;" the <see cref="CheckworthyFeatureGroups"/> as a number. A model of the
    /// <see cref="CheckworthyFeatureGroups.Clusters"/> group needs the word classes it was trained with, one of the
    /// <see cref="CheckworthyFeatureGroups.Vectors"/> group its word vectors.</summary>
    public static CheckworthyModel Parse(IEnumerable<string> lines, CheckworthyClusters? clusters = null, CheckworthyWordVectors? vectors = null)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        double bias = 0.0, context = 0.0, groups = 0.0, questioner = 1.0, vectorScale = 1.0;
        foreach (var line in lines)
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !double.TryParse(line.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)) continue;
            var name = line[..tab];
            if (name == "<bias>") bias = weight;
            else if (name == "<context>") context = weight;
            else if (name == "<groups>") groups = weight;
            else if (name == "<questioner>") questioner = weight;
            else if (name == "<vector-scale>") vectorScale = weight;
            else weights[name] = weight;
        }

        return new CheckworthyModel(weights, bias, context, (CheckworthyFeatureGroups)(int)groups & AllGroups, Math.Clamp(questioner, 0, 1), clusters, vectors, vectorScale);
    }

    private const CheckworthyFeatureGroups AllGroups =
        CheckworthyFeatureGroups.Neighbours | CheckworthyFeatureGroups.Turn | CheckworthyFeatureGroups.Position | CheckworthyFeatureGroups.Speaker
        | CheckworthyFeatureGroups.Clusters | CheckworthyFeatureGroups.Vectors;

    /// <summary>The same weights scoring sequences with other neighbour and questioner weights.</summary>
    public CheckworthyModel InSequenceWith(double contextWeight, double questionerWeight) => new(_weights, Bias, contextWeight, Groups, questionerWeight, Clusters, Vectors, VectorScale);

    public IEnumerable<string> ToLines()
    {
        yield return "<bias>\t" + Bias.ToString("R", CultureInfo.InvariantCulture);
        yield return "<context>\t" + ContextWeight.ToString("R", CultureInfo.InvariantCulture);
        yield return "<groups>\t" + ((int)Groups).ToString(CultureInfo.InvariantCulture);
        yield return "<questioner>\t" + QuestionerWeight.ToString("R", CultureInfo.InvariantCulture);
        if (Vectors is not null) yield return "<vector-scale>\t" + VectorScale.ToString("R", CultureInfo.InvariantCulture);
        foreach (var (name, weight) in _weights.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return name + "\t" + weight.ToString("G6", CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>A labelled sentence for training; Weight lets a smaller, closer-to-task corpus count for more. Sentences of one
/// Group (a debate) are also ranked against each other when training with a pairwise loss.</summary>
public sealed record CheckworthyExample(string Text, bool CheckWorthy, double Weight = 1.0, CheckworthyContext Context = default, string? Group = null);

/// <summary>How <see cref="CheckworthyTrainer"/> fits a model.</summary>
/// <param name="PairwiseWeight">Weight of the ranking loss (a check-worthy sentence above a sentence of its group that is
/// not) against the per-sentence logistic loss; 0 trains a plain logistic regression.</param>
/// <param name="NegativeDraws">How many sentences that are not check-worthy are drawn for each pair; the highest scored
/// of them is ranked against the check-worthy one (1: a plain random draw).</param>
/// <param name="Ensemble">How many models, each with its own shuffle seed, are averaged (their logits, so the average is
/// itself one linear model).</param>
public sealed record CheckworthyTrainingOptions(
    double L2 = 1e-5,
    int Epochs = 8,
    double LearningRate = 0.2,
    int MinimumFeatureCount = 2,
    double PairwiseWeight = 0,
    int PairsPerPositive = 4,
    int Ensemble = 1,
    int Seed = 17,
    CheckworthyFeatureGroups Groups = CheckworthyFeatureGroups.None,
    CheckworthyClusters? Clusters = null,
    CheckworthyWordVectors? Vectors = null,
    double VectorScale = 1,
    int HiddenUnits = 0,
    int NegativeDraws = 1);

/// <summary>Trains <see cref="CheckworthyModel"/> by AdaGrad with L2 regularisation; deterministic for given options.</summary>
public static class CheckworthyTrainer
{
    public static CheckworthyModel Train(IReadOnlyList<CheckworthyExample> examples, CheckworthyTrainingOptions? options = null)
    {
        options ??= new CheckworthyTrainingOptions();
        var featureCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var extracted = new List<IReadOnlyList<string>>(examples.Count);
        foreach (var example in examples)
        {
            var features = CheckworthyFeatures.Extract(example.Text, example.Context, options.Groups, options.Clusters);
            extracted.Add(features);
            foreach (var feature in features) featureCounts[feature] = featureCounts.GetValueOrDefault(feature) + 1;
        }

        var index = featureCounts.Where(pair => pair.Value >= options.MinimumFeatureCount).Select(pair => pair.Key).Order(StringComparer.Ordinal)
            .Select((name, i) => (name, i)).ToDictionary(pair => pair.name, pair => pair.i, StringComparer.Ordinal);
        var rows = extracted.Select(features => features.Where(index.ContainsKey).Select(f => index[f]).ToArray()).ToArray();
        var vectors = options.Groups.HasFlag(CheckworthyFeatureGroups.Vectors) ? options.Vectors : null;
        var dense = examples.Select(example => vectors is null ? [] : CheckworthyFeatures.SentenceVector(example.Text, vectors).Select(x => x * options.VectorScale).ToArray()).ToArray();
        var negativesByGroup = NegativesByGroup(examples);
        var weights = new double[index.Count];
        var vectorWeights = new double[vectors?.Dimensions ?? 0];
        var hidden = new List<(double[] Weights, double Bias, double Output)>();
        double bias = 0;
        var members = Math.Max(1, options.Ensemble);
        for (var member = 0; member < members; member++)
        {
            var (memberWeights, memberVectorWeights, memberHidden, memberBias) = Fit(examples, rows, dense, negativesByGroup, index.Count, options, options.Seed + member);
            for (var f = 0; f < weights.Length; f++) weights[f] += memberWeights[f] / members;
            for (var d = 0; d < vectorWeights.Length; d++) vectorWeights[d] += memberVectorWeights[d] / members;

            // Hidden units cannot be averaged one with another; each member's units join the model at 1/members of their weight.
            hidden.AddRange(memberHidden.Select(unit => (unit.Weights, unit.Bias, unit.Output / members)));
            bias += memberBias / members;
        }

        var named = index.ToDictionary(pair => pair.Key, pair => weights[pair.Value], StringComparer.Ordinal);
        for (var d = 0; d < vectorWeights.Length; d++) named[CheckworthyModel.VectorFeature(d)] = vectorWeights[d];
        for (var unit = 0; unit < hidden.Count; unit++)
        {
            for (var d = 0; d < hidden[unit].Weights.Length; d++) named[CheckworthyModel.HiddenFeature(unit, d.ToString(CultureInfo.InvariantCulture))] = hidden[unit].Weights[d];
            named[CheckworthyModel.HiddenFeature(unit, "b")] = hidden[unit].Bias;
            named[CheckworthyModel.HiddenFeature(unit, "o")] = hidden[unit].Output;
        }

        return new CheckworthyModel(named, bias, 0, options.Groups, 1, options.Clusters, vectors, options.VectorScale);
    }

    private static (double[] Weights, double[] VectorWeights, (double[] Weights, double Bias, double Output)[] Hidden, double Bias) Fit(
        IReadOnlyList<CheckworthyExample> examples, int[][] rows, double[][] dense, Dictionary<string, int[]> negativesByGroup, int featureCount, CheckworthyTrainingOptions options, int seed)
    {
        var weights = new double[featureCount];
        var squared = new double[featureCount];
        var vectorWeights = new double[dense.Length == 0 ? 0 : dense[0].Length];
        var vectorSquared = new double[vectorWeights.Length];
        var units = vectorWeights.Length == 0 ? 0 : options.HiddenUnits;
        var random = new Random(seed);

        // Small random input weights break the units' symmetry; outputs start at zero, so the untrained units add nothing.
        var hiddenWeights = Enumerable.Range(0, units).Select(_ => Enumerable.Range(0, vectorWeights.Length).Select(_ => (random.NextDouble() - 0.5) / Math.Sqrt(vectorWeights.Length)).ToArray()).ToArray();
        var hiddenBias = new double[units];
        var hiddenOutput = new double[units];
        var hiddenWeightsSquared = Enumerable.Range(0, units).Select(_ => new double[vectorWeights.Length]).ToArray();
        var hiddenBiasSquared = new double[units];
        var hiddenOutputSquared = new double[units];
        double bias = 0, biasSquared = 0;
        var order = Enumerable.Range(0, examples.Count).ToArray();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var probability = 1.0 / (1.0 + Math.Exp(-(bias + Sum(i))));
                var error = (probability - (examples[i].CheckWorthy ? 1.0 : 0.0)) * examples[i].Weight;
                Step(i, error);
                biasSquared += error * error;
                bias -= options.LearningRate * error / (Math.Sqrt(biasSquared) + 1e-8);
                if (options.PairwiseWeight <= 0 || !examples[i].CheckWorthy || examples[i].Group is not { } group || !negativesByGroup.TryGetValue(group, out var negatives)) continue;
                for (var pair = 0; pair < options.PairsPerPositive; pair++)
                {
                    // The logistic loss of the margin between this sentence and a random one of its debate that is not check-worthy.
                    var other = HardestOf(negatives);
                    var margin = Sum(i) - Sum(other);
                    var pull = -options.PairwiseWeight * examples[i].Weight / (1.0 + Math.Exp(margin));
                    Step(i, pull);
                    Step(other, -pull);
                }
            }
        }

        return (weights, vectorWeights, [.. Enumerable.Range(0, units).Select(j => (hiddenWeights[j], hiddenBias[j], hiddenOutput[j]))], bias);

        double Sum(int example)
        {
            var row = rows[example];
            double sum = 0;
            foreach (var f in row) sum += weights[f];
            sum *= Scale(row);
            var vector = dense[example];
            for (var d = 0; d < vector.Length; d++) sum += vectorWeights[d] * vector[d];
            for (var j = 0; j < units; j++) sum += hiddenOutput[j] * Math.Tanh(HiddenInput(j, vector));
            return sum;
        }

        // One AdaGrad step on an example's features for the loss's derivative with respect to its score.
        void Step(int example, double derivative)
        {
            var row = rows[example];
            var gradientPerFeature = derivative * Scale(row);
            foreach (var f in row) Update(ref weights[f], ref squared[f], gradientPerFeature);
            var vector = dense[example];
            for (var d = 0; d < vector.Length; d++) Update(ref vectorWeights[d], ref vectorSquared[d], derivative * vector[d]);

            for (var j = 0; j < units; j++)
            {
                var activation = Math.Tanh(HiddenInput(j, vector));
                var inputDerivative = derivative * hiddenOutput[j] * (1 - activation * activation);
                Update(ref hiddenOutput[j], ref hiddenOutputSquared[j], derivative * activation);
                Update(ref hiddenBias[j], ref hiddenBiasSquared[j], inputDerivative);
                for (var d = 0; d < vector.Length; d++) Update(ref hiddenWeights[j][d], ref hiddenWeightsSquared[j][d], inputDerivative * vector[d]);
            }
        }

        // Of a few sentences drawn from the debate that are not check-worthy, the one the model now ranks highest: the
        // ranking loss then works on what stands above the claims, not on chatter already far below.
        int HardestOf(int[] negatives)
        {
            var hardest = negatives[random.Next(negatives.Length)];
            if (options.NegativeDraws <= 1) return hardest;
            var highest = Sum(hardest);
            for (var draw = 1; draw < options.NegativeDraws; draw++)
            {
                var other = negatives[random.Next(negatives.Length)];
                var score = Sum(other);
                if (score > highest) (hardest, highest) = (other, score);
            }

            return hardest;
        }

        double HiddenInput(int unit, double[] vector)
        {
            var input = hiddenBias[unit];
            for (var d = 0; d < vector.Length; d++) input += hiddenWeights[unit][d] * vector[d];
            return input;
        }

        void Update(ref double weight, ref double squaredSum, double lossGradient)
        {
            var gradient = lossGradient + options.L2 * weight;
            squaredSum += gradient * gradient;
            weight -= options.LearningRate * gradient / (Math.Sqrt(squaredSum) + 1e-8);
        }
    }

    private static double Scale(int[] row) => row.Length == 0 ? 1.0 : 1.0 / Math.Sqrt(row.Length);

    /// <summary>For each group (a debate), the places of its examples that are not check-worthy: what the ranking loss
    /// draws a claim's rivals from.</summary>
    internal static Dictionary<string, int[]> NegativesByGroup(IReadOnlyList<CheckworthyExample> examples) =>
        examples.Select((example, i) => (example, i)).Where(x => x.example.Group is not null && !x.example.CheckWorthy)
            .GroupBy(x => x.example.Group!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);
}
