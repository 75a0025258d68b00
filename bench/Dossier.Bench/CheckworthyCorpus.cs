using System.Text;
using Dossier.Claims;

namespace Dossier.Bench;

/// <summary>One CLEF CheckThat! debate: its lines in order, each with its gold label.</summary>
internal sealed record ClefDebate(string Name, IReadOnlyList<ClefLine> Lines);

internal sealed record ClefLine(int LineNumber, string Speaker, string Text, bool CheckWorthy);

internal sealed record ClaimBusterSentence(string Text, string Debate, int Verdict);

internal static class CheckworthyCorpus
{
    public static string ClefFolder(BenchContext context) => context.SharedPath("bench", "claims", "clef2019-checkthat-task1");

    public static string ClaimBusterFolder(BenchContext context) => context.SharedPath("bench", "claims", "claimbuster");

    /// <summary>The paragraphs of the PolNeAR training articles (unlabelled news text); none when the folder is absent.</summary>
    public static IEnumerable<string> PolNearTexts(BenchContext context)
    {
        var folder = context.SharedPath("bench", "attribution", "polnear", "train", "text");
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(line => !string.IsNullOrWhiteSpace(line));
    }

    public static IReadOnlyList<ClefDebate> LoadClef(BenchContext context, string split)
    {
        var folder = Path.Combine(ClefFolder(context), split);
        if (!Directory.Exists(folder)) return [];
        return [.. Directory.EnumerateFiles(folder, "*.tsv").Order(StringComparer.Ordinal).Select(path => new ClefDebate(
            Path.GetFileNameWithoutExtension(path),
            [.. File.ReadLines(path).Select(line => line.TrimEnd('\r').Split('\t')).Where(f => f.Length >= 4)
                .Select(f => new ClefLine(int.Parse(f[0]), f[1], f[2], f[3].Trim() == "1"))]))];
    }

    public static IReadOnlyList<ClaimBusterSentence> LoadClaimBuster(BenchContext context, string file)
    {
        var path = Path.Combine(ClaimBusterFolder(context), file);
        if (!File.Exists(path)) return [];
        var rows = ParseCsv(File.ReadAllText(path)).ToList();
        var header = rows[0];
        int text = Array.IndexOf(header, "Text"), debate = Array.IndexOf(header, "File_id"), verdict = Array.IndexOf(header, "Verdict");
        return [.. rows.Skip(1).Where(r => r.Length > Math.Max(text, Math.Max(debate, verdict)))
            .Select(r => new ClaimBusterSentence(r[text], r[debate], int.Parse(r[verdict], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    public static IEnumerable<CheckworthyExample> Examples(IEnumerable<ClefDebate> debates, double weight) =>
        debates.SelectMany(d => d.Lines.Zip(Contexts(d)).Select(pair => new CheckworthyExample(pair.First.Text, pair.First.CheckWorthy, weight, pair.Second, d.Name)));

    public static CheckworthyContext[] Contexts(ClefDebate debate) =>
        CheckworthyContext.Describe([.. debate.Lines.Select(l => l.Text)], [.. debate.Lines.Select(l => l.Speaker)]);

    public static double[] Scores(CheckworthyModel model, ClefDebate debate) =>
        model.ScoreSequence([.. debate.Lines.Select(l => l.Text)], [.. debate.Lines.Select(l => l.Speaker)]);

    /// <summary>Whether a ClaimBuster sentence comes from the same debate as a CLEF file: ClaimBuster holds the 2016
    /// general-election debates that are also CLEF training debates, so a CLEF debate held out in cross-validation must
    /// take its ClaimBuster twin out of training too. Matched by date ("2016-10-09.txt" and "20161010_2pres": a
    /// transcript may be dated the day after an evening debate).</summary>
    public static bool SameDebate(ClaimBusterSentence sentence, ClefDebate debate)
    {
        if (!DateOnly.TryParseExact(Path.GetFileNameWithoutExtension(sentence.Debate), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var claimBusterDate)) return false;
        if (debate.Name.Length < 8 || !DateOnly.TryParseExact(debate.Name[..8], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var clefDate)) return false;
        return Math.Abs(clefDate.DayNumber - claimBusterDate.DayNumber) <= 1;
    }

    public static IEnumerable<CheckworthyExample> Examples(IEnumerable<ClaimBusterSentence> sentences) =>
        sentences.Select(s => new CheckworthyExample(s.Text, s.Verdict == 1));

    /// <summary>Average precision of one debate's lines ranked by score, ties kept in line order (as the official scorer's stable sort).</summary>
    public static double AveragePrecision(IReadOnlyList<ClefLine> lines, IReadOnlyList<double> scores)
    {
        var ranked = Enumerable.Range(0, lines.Count).OrderByDescending(i => scores[i]).ToList();
        int relevant = lines.Count(l => l.CheckWorthy), hits = 0;
        double sum = 0;
        for (var k = 0; k < ranked.Count; k++)
        {
            if (!lines[ranked[k]].CheckWorthy) continue;
            hits++;
            sum += hits / (double)(k + 1);
        }

        return relevant == 0 ? 0 : sum / relevant;
    }

    private static IEnumerable<string[]> ParseCsv(string content)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }

            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    yield return [.. fields];
                    fields.Clear();
                    break;
                default: field.Append(c); break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return [.. fields];
        }
    }
}
