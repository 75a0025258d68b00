namespace Dossier.Quotes;

/// <summary>
/// The cue model's score of each token of one document, worked out once: the quote stage's rules and the attribution
/// tagger's features both ask for it, the tagger for nearly every word.
/// </summary>
internal sealed class CueScores(CueModel model, TokenWords words)
{
    private readonly double[] _scores = NewScores(words.Count);
    private readonly int[] _wordIds = CueModel.NewWordIds(words.Count);

    public double this[int token]
    {
        get
        {
            if (double.IsNaN(_scores[token])) _scores[token] = model.Score(words, token, _wordIds);
            return _scores[token];
        }
    }

    private static double[] NewScores(int count)
    {
        var scores = new double[count];
        Array.Fill(scores, double.NaN);
        return scores;
    }
}
