using System.Globalization;
using System.Text;

namespace Dossier.Bench;

/// <summary>
/// Examples for a binary averaged perceptron over named features (the quote stage's cue model and relation filter):
/// features are numbered as first seen, counted, and the trained weights written as a sorted `feature TAB weight` file.
/// </summary>
internal sealed class PerceptronExamples
{
    /// <summary>Averaged weights smaller than this are left out of the file; they change no decision that matters.</summary>
    private const float MinWeight = 0.002f;

    private readonly Dictionary<string, int> _featureIds = new(StringComparer.Ordinal);
    private readonly List<int> _featureCounts = [];
    private readonly List<int[]> _rows = [];
    private readonly List<bool> _labels = [];

    public int Count => _rows.Count;

    public int Positives => _labels.Count(label => label);

    public void Add(IEnumerable<string> features, bool label)
    {
        var row = new List<int>();
        foreach (var feature in features)
        {
            if (!_featureIds.TryGetValue(feature, out var id))
            {
                id = _featureIds.Count;
                _featureIds[feature] = id;
                _featureCounts.Add(0);
            }

            _featureCounts[id]++;
            row.Add(id);
        }

        _rows.Add([.. row]);
        _labels.Add(label);
    }

    /// <summary>Trains for <paramref name="epochs"/> and writes the weights under a comment line; returns how many were written.</summary>
    public int TrainAndWrite(string output, string header, int epochs)
    {
        var weights = AttributionCueModelTraining.Train(_rows, _labels, _featureCounts, epochs);
        var names = new string[_featureIds.Count];
        foreach (var (name, id) in _featureIds) names[id] = name;
        var lines = new StringBuilder();
        lines.Append("# feature\tweight — ").AppendLine(header);
        var written = 0;
        foreach (var id in Enumerable.Range(0, names.Length).Where(id => Math.Abs(weights[id]) >= MinWeight).OrderBy(id => names[id], StringComparer.Ordinal))
        {
            lines.Append(names[id]).Append('\t').Append(weights[id].ToString("G4", CultureInfo.InvariantCulture)).Append('\n');
            written++;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, lines.ToString());
        return written;
    }
}
