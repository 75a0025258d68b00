using System.IO.Compression;
using Dossier.Linking.Stance;

namespace Dossier.Bench;

/// <summary>The staged FNC-1 and Emergent files.</summary>
internal static class StanceData
{
    public sealed record Split(List<FncPair> Pairs, Dictionary<string, string> Bodies);

    public static string Fnc(BenchContext context) => context.SharedPath("bench", "stance", "fnc-1");

    public static string Emergent(BenchContext context) => context.SharedPath("bench", "stance", "emergent");

    /// <summary>The FNC-1 training pairs cut by body id into the training and hold-out splits.</summary>
    public static (Split Train, Split HoldOut) ReadTraining(string folder)
    {
        Dictionary<string, string> bodies;
        using (var reader = new StreamReader(Path.Combine(folder, "train_bodies.csv"))) bodies = FncData.ReadBodies(reader);
        List<FncPair> pairs;
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(folder, "train_stances.csv.gz")), CompressionMode.Decompress)))
        {
            pairs = FncData.ReadStances(reader);
        }

        var holdOut = File.ReadAllText(Path.Combine(folder, "splits", "hold_out_ids.txt"))
            .Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return (new Split(pairs.Where(p => !holdOut.Contains(p.BodyId)).ToList(), bodies), new Split(pairs.Where(p => holdOut.Contains(p.BodyId)).ToList(), bodies));
    }

    public static Split ReadCompetitionTest(string folder)
    {
        using var bodies = new StreamReader(Path.Combine(folder, "competition_test_bodies.csv"));
        using var stances = new StreamReader(Path.Combine(folder, "competition_test_stances.csv"));
        return new Split(FncData.ReadStances(stances), FncData.ReadBodies(bodies));
    }

    public static List<StanceLabel> Predict(StanceClassifier classifier, Split split)
    {
        var bodies = new Dictionary<string, StanceBody>(StringComparer.Ordinal);
        var predictions = new List<StanceLabel>(split.Pairs.Count);
        foreach (var pair in split.Pairs)
        {
            if (!bodies.TryGetValue(pair.BodyId, out var body)) bodies[pair.BodyId] = body = classifier.Featurizer.ReadBody(split.Bodies.GetValueOrDefault(pair.BodyId) ?? string.Empty);
            predictions.Add(classifier.Classify(pair.Headline, body));
        }

        return predictions;
    }

    public static void Print(BenchContext context, string name, FncScore score)
    {
        context.Out.WriteLine(FormattableString.Invariant(
            $"{name}: FNC weighted score {score.Relative * 100:0.00} ({score.Raw:0.##} of {score.Max:0.##}); macro-F1 {score.MacroF1:0.0000}; F1 agree {score.ClassF1[0]:0.000} disagree {score.ClassF1[1]:0.000} discuss {score.ClassF1[2]:0.000} unrelated {score.ClassF1[3]:0.000}"));
    }
}
