using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Dossier.Claims;
using Dossier.Documents;

namespace Dossier.Bench;

/// <summary>WikiWeasel (Szeged Uncertainty Corpus, Wikipedia part) with its fixed document split; title sentences dropped.</summary>
internal sealed record HedgeCorpusDocument(string Id, string Split, IReadOnlyList<HedgeTrainingSentence> Sentences);

internal static class HedgeCorpus
{
    public static string Folder(BenchContext context) => context.SharedPath("bench", "claims", "wikiweasel-2.0");

    public static IReadOnlyList<HedgeCorpusDocument>? TryLoad(BenchContext context)
    {
        var folder = Folder(context);
        var xmlPath = Path.Combine(folder, "szeged-uncertainty-corpus", "wiki.xml.gz");
        var splitPath = Path.Combine(folder, "wiki-split.tsv");
        if (!File.Exists(xmlPath) || !File.Exists(splitPath)) return null;

        var split = File.ReadLines(splitPath).Skip(1).Select(line => line.Split('\t')).Where(f => f.Length >= 2)
            .ToDictionary(f => f[0], f => f[1].Trim(), StringComparer.Ordinal);
        using var stream = new GZipStream(File.OpenRead(xmlPath), CompressionMode.Decompress);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        var root = XDocument.Load(reader);
        var documents = new List<HedgeCorpusDocument>();
        foreach (var document in root.Descendants("Document"))
        {
            var id = document.Element("DocID")?.Value ?? "";
            if (!split.TryGetValue(id, out var part)) continue;
            var sentences = document.Elements("DocumentPart")
                .Where(p => (string?)p.Attribute("type") != "Title")
                .SelectMany(p => p.Elements("Sentence"))
                .Select(ToSentence)
                .ToList();
            documents.Add(new HedgeCorpusDocument(id, part, sentences));
        }

        return documents;
    }

    private static HedgeTrainingSentence ToSentence(XElement sentence)
    {
        var text = new StringBuilder();
        var cues = ImmutableArray.CreateBuilder<TextSpan>();
        foreach (var node in sentence.Nodes())
        {
            switch (node)
            {
                case XText plain:
                    text.Append(plain.Value);
                    break;
                case XElement element:
                    var start = text.Length;
                    text.Append(element.Value);
                    if (element.Name.LocalName == "ccue") cues.Add(new TextSpan(start, text.Length));
                    break;
            }
        }

        return new HedgeTrainingSentence(text.ToString(), cues.ToImmutable());
    }

    /// <summary>A stable fold number for cross-validation inside the training documents.</summary>
    public static int Fold(string id, int folds)
    {
        var hash = 2166136261u;
        foreach (var c in id) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)folds);
    }
}
