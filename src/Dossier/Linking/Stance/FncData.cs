namespace Dossier.Linking.Stance;

/// <summary>One headline–body pair of an FNC-1 stances file; <see cref="Stance"/> is null when the file has no labels.</summary>
public sealed record FncPair(string Headline, string BodyId, StanceLabel? Stance);

/// <summary>Reads the FNC-1 file formats: bodies (`Body ID,articleBody`) and stances (`Headline,Body ID[,Stance]`), columns by name.</summary>
public static class FncData
{
    public static Dictionary<string, string> ReadBodies(TextReader reader)
    {
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        using var records = Csv.Read(reader).GetEnumerator();
        if (!records.MoveNext()) return bodies;
        var header = records.Current;
        var id = Column(header, "Body ID");
        var body = Column(header, "articleBody");
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Length <= Math.Max(id, body)) continue;
            bodies[record[id].Trim()] = record[body];
        }

        return bodies;
    }

    public static List<FncPair> ReadStances(TextReader reader)
    {
        var pairs = new List<FncPair>();
        using var records = Csv.Read(reader).GetEnumerator();
        if (!records.MoveNext()) return pairs;
        var header = records.Current;
        var headline = Column(header, "Headline");
        var id = Column(header, "Body ID");
        var stance = Array.FindIndex(header, h => h.Trim().Equals("Stance", StringComparison.OrdinalIgnoreCase));
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Length <= Math.Max(headline, id) || (record.Length == 1 && record[0].Length == 0)) continue;
            StanceLabel? label = stance >= 0 && stance < record.Length && StanceLabels.TryParseFnc(record[stance], out var parsed) ? parsed : null;
            pairs.Add(new FncPair(record[headline], record[id].Trim(), label));
        }

        return pairs;
    }

    private static int Column(string[] header, string name)
    {
        var index = Array.FindIndex(header, h => h.Trim().TrimStart('\uFEFF').Equals(name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new InvalidDataException($"No \"{name}\" column in the header ({string.Join(",", header)}).");
    }
}
