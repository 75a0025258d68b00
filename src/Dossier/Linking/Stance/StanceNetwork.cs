namespace Dossier.Linking.Stance;

/// <summary>
/// A one-hidden-layer perceptron over sparse inputs (ReLU, softmax over the four stances), as in the UCL Machine
/// Reading FNC-1 system. Weights are float32; saved as a small binary file.
/// </summary>
public sealed class StanceNetwork
{
    private const int Magic = 0x534E4331; // "SNC1"

    internal StanceNetwork(int inputs, int hidden, int outputs, float[] w1, float[] b1, float[] w2, float[] b2)
    {
        Inputs = inputs;
        Hidden = hidden;
        Outputs = outputs;
        W1 = w1;
        B1 = b1;
        W2 = w2;
        B2 = b2;
    }

    public int Inputs { get; }
    public int Hidden { get; }
    public int Outputs { get; }

    /// <summary>Input-to-hidden weights, row per input: W1[input * Hidden + unit].</summary>
    internal float[] W1 { get; }
    internal float[] B1 { get; }

    /// <summary>Hidden-to-output weights, row per unit: W2[unit * Outputs + output].</summary>
    internal float[] W2 { get; }
    internal float[] B2 { get; }

    public static StanceNetwork Create(int inputs, int hidden, int outputs, int seed)
    {
        var random = new Random(seed);
        var w1 = new float[inputs * hidden];
        var w2 = new float[hidden * outputs];
        var scale1 = MathF.Sqrt(6f / (inputs + hidden));
        var scale2 = MathF.Sqrt(6f / (hidden + outputs));
        for (var i = 0; i < w1.Length; i++) w1[i] = (float)(random.NextDouble() * 2 - 1) * scale1;
        for (var i = 0; i < w2.Length; i++) w2[i] = (float)(random.NextDouble() * 2 - 1) * scale2;
        return new StanceNetwork(inputs, hidden, outputs, w1, new float[hidden], w2, new float[outputs]);
    }

    /// <summary>Class probabilities for one input.</summary>
    public float[] Predict(SparseVector input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var hidden = new float[Hidden];
        Forward(input, hidden);
        var output = new float[Outputs];
        Output(hidden, output);
        return output;
    }

    internal void Forward(SparseVector input, Span<float> hidden)
    {
        B1.CopyTo(hidden);
        for (var k = 0; k < input.Indices.Length; k++)
        {
            var index = input.Indices[k];
            if ((uint)index >= (uint)Inputs) continue;
            var value = input.Values[k];
            var row = W1.AsSpan(index * Hidden, Hidden);
            for (var h = 0; h < hidden.Length; h++) hidden[h] += value * row[h];
        }

        for (var h = 0; h < hidden.Length; h++)
        {
            if (hidden[h] < 0) hidden[h] = 0;
        }
    }

    internal void Output(ReadOnlySpan<float> hidden, Span<float> output)
    {
        B2.CopyTo(output);
        for (var h = 0; h < hidden.Length; h++)
        {
            if (hidden[h] == 0) continue;
            var row = W2.AsSpan(h * Outputs, Outputs);
            for (var o = 0; o < output.Length; o++) output[o] += hidden[h] * row[o];
        }

        var max = float.NegativeInfinity;
        foreach (var value in output) max = MathF.Max(max, value);
        var sum = 0f;
        for (var o = 0; o < output.Length; o++)
        {
            output[o] = MathF.Exp(output[o] - max);
            sum += output[o];
        }

        for (var o = 0; o < output.Length; o++) output[o] /= sum;
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Inputs);
        writer.Write(Hidden);
        writer.Write(Outputs);
        foreach (var array in new[] { W1, B1, W2, B2 })
        {
            foreach (var value in array) writer.Write(value);
        }
    }

    public static StanceNetwork Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic) throw new InvalidDataException("Not a stance network file.");
        var inputs = reader.ReadInt32();
        var hidden = reader.ReadInt32();
        var outputs = reader.ReadInt32();
        if (inputs is <= 0 or > 1_000_000 || hidden is <= 0 or > 4096 || outputs is <= 0 or > 16 || (long)inputs * hidden > 20_000_000)
        {
            throw new InvalidDataException("Stance network dimensions out of range.");
        }

        float[] Read(int count)
        {
            var values = new float[count];
            for (var i = 0; i < count; i++) values[i] = reader.ReadSingle();
            return values;
        }

        return new StanceNetwork(inputs, hidden, outputs, Read(inputs * hidden), Read(hidden), Read(hidden * outputs), Read(outputs));
    }
}
