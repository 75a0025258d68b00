namespace Dossier.Entities.Ner;

/// <summary>
/// Tags CoNLL-style input: writes every line back with one more column, the predicted IOB2 tag, so that conlleval
/// can score it. Blank lines are kept; -DOCSTART- lines get the tag O and start a new document, since the tagger
/// reads a whole document at a time.
/// </summary>
public static class ConllTagging
{
    public static int Tag(TextReader input, TextWriter output, NerTagger tagger, CancellationToken cancellationToken = default)
    {
        var buffered = new List<string>();
        var tokens = 0;
        while (input.ReadLine() is { } line)
        {
            if (ConllReader.IsDocumentStart(line.TrimStart()))
            {
                tokens += Flush(buffered, output, tagger);
                cancellationToken.ThrowIfCancellationRequested();
                output.WriteLine(line.TrimEnd('\r') + " O");
                continue;
            }

            buffered.Add(line.TrimEnd('\r'));
        }

        tokens += Flush(buffered, output, tagger);
        return tokens;
    }

    private static int Flush(List<string> lines, TextWriter output, NerTagger tagger)
    {
        if (lines.Count == 0) return 0;
        var sentences = new List<List<(int Line, string Token)>>();
        var current = new List<(int, string)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0)
            {
                if (current.Count > 0) sentences.Add(current);
                current = [];
                continue;
            }

            var space = trimmed.IndexOfAny([' ', '\t']);
            current.Add((i, space < 0 ? trimmed : trimmed[..space]));
        }

        if (current.Count > 0) sentences.Add(current);
        var tags = tagger.Tag(sentences.Select(s => (IReadOnlyList<string>)s.Select(x => x.Token).ToArray()).ToArray());
        var tagOf = new string?[lines.Count];
        var count = 0;
        for (var s = 0; s < sentences.Count; s++)
        {
            for (var t = 0; t < sentences[s].Count; t++)
            {
                tagOf[sentences[s][t].Line] = NerLabels.Names[tags[s][t]];
                count++;
            }
        }

        for (var i = 0; i < lines.Count; i++) output.WriteLine(tagOf[i] is { } tag ? lines[i].TrimEnd() + " " + tag : lines[i]);
        lines.Clear();
        return count;
    }
}
