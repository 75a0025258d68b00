namespace Dossier.Linking.Stance;

/// <param name="Hidden">Hidden units.</param>
/// <param name="Dropout">Fraction of hidden units dropped while training.</param>
/// <param name="L2">Weight decay added to the gradient of every weight.</param>
/// <param name="ClipNorm">Largest global gradient norm of a batch.</param>
public sealed record StanceTrainingOptions(
    int Hidden = 100,
    int Epochs = 90,
    int BatchSize = 500,
    float LearningRate = 0.01f,
    float Dropout = 0.4f,
    float L2 = 1e-5f,
    float ClipNorm = 5f,
    int Seed = 1);

/// <summary>Trains a <see cref="StanceNetwork"/> with Adam on mini-batches; single-threaded and seeded, so a run is reproducible.</summary>
public static class StanceTrainer
{
    /// <summary>Trains, calling <paramref name="afterEpoch"/> after each epoch (1-based) so a caller can score a hold-out set and keep the best.</summary>
    public static StanceNetwork Train(
        IReadOnlyList<SparseVector> inputs,
        IReadOnlyList<int> labels,
        int dimension,
        StanceTrainingOptions options,
        Action<int, StanceNetwork>? afterEpoch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        const int outputs = 4;
        var network = StanceNetwork.Create(dimension, options.Hidden, outputs, options.Seed);
        var random = new Random(options.Seed);
        var parameters = new[] { network.W1, network.B1, network.W2, network.B2 };
        var gradients = parameters.Select(p => new float[p.Length]).ToArray();
        var firstMoments = parameters.Select(p => new float[p.Length]).ToArray();
        var secondMoments = parameters.Select(p => new float[p.Length]).ToArray();
        var order = Enumerable.Range(0, inputs.Count).ToArray();
        var hidden = new float[options.Hidden];
        var mask = new float[options.Hidden];
        var output = new float[outputs];
        var hiddenGradient = new float[options.Hidden];
        var step = 0;
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        var keep = 1 - options.Dropout;

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var end = Math.Min(order.Length, start + options.BatchSize);
                var scale = 1f / (end - start);
                foreach (var gradient in gradients) Array.Clear(gradient);
                for (var b = start; b < end; b++)
                {
                    var input = inputs[order[b]];
                    network.Forward(input, hidden);
                    for (var h = 0; h < hidden.Length; h++)
                    {
                        mask[h] = random.NextSingle() < keep ? 1f / keep : 0f;
                        hidden[h] *= mask[h];
                    }

                    network.Output(hidden, output);
                    output[labels[order[b]]] -= 1f;
                    Array.Clear(hiddenGradient);
                    for (var h = 0; h < hidden.Length; h++)
                    {
                        var row = h * outputs;
                        for (var o = 0; o < outputs; o++)
                        {
                            gradients[2][row + o] += scale * hidden[h] * output[o];
                            hiddenGradient[h] += network.W2[row + o] * output[o];
                        }

                        hiddenGradient[h] = hidden[h] > 0 ? hiddenGradient[h] * mask[h] * scale : 0;
                    }

                    for (var o = 0; o < outputs; o++) gradients[3][o] += scale * output[o];
                    for (var h = 0; h < hidden.Length; h++) gradients[1][h] += hiddenGradient[h];
                    for (var k = 0; k < input.Indices.Length; k++)
                    {
                        var index = input.Indices[k];
                        if ((uint)index >= (uint)dimension) continue;
                        var value = input.Values[k];
                        var row = index * options.Hidden;
                        for (var h = 0; h < hidden.Length; h++) gradients[0][row + h] += value * hiddenGradient[h];
                    }
                }

                AddWeightDecay(network.W1, gradients[0], options.L2);
                AddWeightDecay(network.W2, gradients[2], options.L2);
                Clip(gradients, options.ClipNorm);
                step++;
                var correction1 = 1 - MathF.Pow(beta1, step);
                var correction2 = 1 - MathF.Pow(beta2, step);
                for (var p = 0; p < parameters.Length; p++)
                {
                    var weights = parameters[p];
                    var gradient = gradients[p];
                    var m = firstMoments[p];
                    var v = secondMoments[p];
                    for (var i = 0; i < weights.Length; i++)
                    {
                        var g = gradient[i];
                        m[i] = beta1 * m[i] + (1 - beta1) * g;
                        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                        weights[i] -= options.LearningRate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + epsilon);
                    }
                }
            }

            afterEpoch?.Invoke(epoch, network);
        }

        return network;
    }

    /// <summary>A copy of the network's weights, for keeping the best epoch.</summary>
    public static StanceNetwork Copy(StanceNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new StanceNetwork(network.Inputs, network.Hidden, network.Outputs,
            (float[])network.W1.Clone(), (float[])network.B1.Clone(), (float[])network.W2.Clone(), (float[])network.B2.Clone());
    }

    private static void AddWeightDecay(float[] weights, float[] gradient, float l2)
    {
        if (l2 == 0) return;
        for (var i = 0; i < weights.Length; i++) gradient[i] += l2 * weights[i];
    }

    private static void Clip(float[][] gradients, float maxNorm)
    {
        var sum = 0.0;
        foreach (var gradient in gradients)
        {
            foreach (var g in gradient) sum += g * g;
        }

        var norm = Math.Sqrt(sum);
        if (norm <= maxNorm || norm == 0) return;
        var factor = (float)(maxNorm / norm);
        foreach (var gradient in gradients)
        {
            for (var i = 0; i < gradient.Length; i++) gradient[i] *= factor;
        }
    }
}
