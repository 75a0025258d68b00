using System.Globalization;
using System.Text;

namespace Dossier.Bench;

/// <summary>One page's shingle counts: true positives, false positives and false negatives.</summary>
public readonly record struct PageCounts(int TruePositives, int FalsePositives, int FalseNegatives, bool ExactMatch, bool PredictionEmpty)
{
    public double? Precision => TruePositives + FalsePositives > 0 ? (double)TruePositives / (TruePositives + FalsePositives) : null;
    public double? Recall => TruePositives + FalseNegatives > 0 ? (double)TruePositives / (TruePositives + FalseNegatives) : null;
}

public sealed record ExtractionScores(double F1, double Precision, double Recall, double Accuracy, int Pages, int PagesInPrecision, int EmptyPredictions)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"F1 {F1:0.000}  P {Precision:0.000}  R {Recall:0.000}  accuracy {Accuracy:0.000}  ({Pages} pages, {EmptyPredictions} empty)");
}

/// <summary>
/// The Scrapinghub article-extraction metric: word tokens as Python's <c>\w+</c> finds them (code points of the letter and
/// number categories, or '_'), 4-token shingles as multisets, per-page precision and recall macro-averaged over the pages
/// where each is defined, F1 as the harmonic mean of the two averages, accuracy as exact token-sequence equality.
/// </summary>
public static class ExtractionMetric
{
    private const int ShingleSize = 4;

    /// <summary>Python's <c>re.findall(r'\w+', text)</c>; .NET's <c>\w</c> differs (it takes Mn and Pc, misses Nl and No, and splits surrogate pairs).</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                current.Append(rune.ToString());
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }

    public static bool IsWordRune(Rune rune) =>
        rune.Value == '_' || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>The page's multiset of shingles; a text of one to three tokens is one short shingle, an empty text none.</summary>
    public static Dictionary<string, int> Shingles(IReadOnlyList<string> tokens)
    {
        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0) return shingles;
        if (tokens.Count < ShingleSize)
        {
            shingles[string.Join(' ', tokens)] = 1;
            return shingles;
        }

        for (var i = 0; i + ShingleSize <= tokens.Count; i++)
        {
            // Tokens hold no spaces, so a space-joined key is unambiguous.
            var key = string.Join(' ', tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]);
            shingles[key] = shingles.GetValueOrDefault(key) + 1;
        }

        return shingles;
    }

    public static PageCounts ComparePage(string truth, string? prediction)
    {
        var truthTokens = Tokenize(truth);
        var predictedTokens = Tokenize(prediction ?? "");
        var truthShingles = Shingles(truthTokens);
        var predictedShingles = Shingles(predictedTokens);
        int tp = 0, fp = 0, fn = 0;
        foreach (var (shingle, predicted) in predictedShingles)
        {
            var expected = truthShingles.GetValueOrDefault(shingle);
            tp += Math.Min(expected, predicted);
            fp += Math.Max(0, predicted - expected);
        }

        foreach (var (shingle, expected) in truthShingles)
        {
            fn += Math.Max(0, expected - predictedShingles.GetValueOrDefault(shingle));
        }

        return new PageCounts(tp, fp, fn, truthTokens.SequenceEqual(predictedTokens, StringComparer.Ordinal), predictedTokens.Count == 0);
    }

    public static ExtractionScores Aggregate(IReadOnlyCollection<PageCounts> pages)
    {
        var precisions = pages.Select(p => p.Precision).OfType<double>().ToList();
        var recalls = pages.Select(p => p.Recall).OfType<double>().ToList();
        var precision = precisions.Count > 0 ? precisions.Average() : 0;
        var recall = recalls.Count > 0 ? recalls.Average() : 0;
        var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        var accuracy = pages.Count > 0 ? pages.Average(p => p.ExactMatch ? 1.0 : 0.0) : 0;
        return new ExtractionScores(f1, precision, recall, accuracy, pages.Count, precisions.Count, pages.Count(p => p.PredictionEmpty));
    }
}
