namespace Dossier.Screening.Matching;

/// <summary>
/// How distinctive a name part is: its inverse document frequency over all names in the lists (a part that is in
/// thousands of names, like "mohammed" or "trading", says less than one that is in three). Without statistics every
/// part weighs the same.
/// </summary>
public sealed class TokenWeights
{
    private readonly IReadOnlyDictionary<string, int> _documentFrequency;
    private readonly double _names;
    private readonly double _unseen;

    public TokenWeights(IReadOnlyDictionary<string, int> documentFrequency, int names)
    {
        _documentFrequency = documentFrequency;
        _names = Math.Max(1, names);
        _unseen = Math.Log((_names + 1) / 1.0) + 1;
    }

    public static TokenWeights Uniform { get; } = new(new Dictionary<string, int>(), 0);

    public bool IsUniform => _documentFrequency.Count == 0;

    public double Idf(string token)
    {
        if (IsUniform) return 1;
        return _documentFrequency.TryGetValue(token, out var df) ? Math.Log((_names + 1) / (df + 1.0)) + 1 : _unseen;
    }

    public int DocumentFrequency(string token) => _documentFrequency.GetValueOrDefault(token);
}
