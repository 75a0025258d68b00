using System.Collections.Immutable;
using Dossier.Entities.Ner;
using Dossier.Extraction;
using Dossier.Text;

namespace Dossier.Train.Ner;

/// <summary>
/// Self-training: unlabelled Reuters-21578 articles tagged by trained models, keeping the sentences on which the
/// models agree and which name something, as more training documents. Names the taggers already find in other
/// contexts teach the next model those contexts.
/// </summary>
internal static class SelfTraining
{
    public static IReadOnlyList<ConllDocument> Label(string resources, IReadOnlyList<NerTagger> taggers, int articles, Action<string> log)
    {
        var tokenizer = new Tokenizer();
        var splitter = new SentenceSplitter();
        var documents = new List<ConllDocument>();
        var (seen, kept, tokens) = (0, 0, 0);
        foreach (var text in ClusterSources.ReutersArticles(resources).Take(articles))
        {
            var sentences = Sentences(text, tokenizer, splitter);
            if (sentences.Count == 0) continue;
            var tagged = taggers.Select(tagger => tagger.Tag(sentences)).ToArray();
            var agreed = new List<ConllSentence>();
            for (var s = 0; s < sentences.Count; s++)
            {
                seen++;
                var tags = tagged[0][s];
                if (!tags.Any(tag => tag != NerLabels.Outside) || tagged.Skip(1).Any(other => !other[s].AsSpan().SequenceEqual(tags))) continue;
                agreed.Add(new ConllSentence(sentences[s], sentences[s], tags));
                tokens += tags.Length;
            }

            kept += agreed.Count;
            if (agreed.Count > 0) documents.Add(new ConllDocument(agreed));
        }

        log($"self-training: {kept} of {seen} sentences kept ({tokens} tokens) from {documents.Count} articles");
        return documents;
    }

    private static List<IReadOnlyList<string>> Sentences(string text, Tokenizer tokenizer, SentenceSplitter splitter)
    {
        var tokens = tokenizer.Tokenize(text);
        return splitter.Split(text, tokens, ImmutableArray<Paragraph>.Empty)
            .Select(sentence => (IReadOnlyList<string>)tokens.Skip(sentence.FirstToken).Take(sentence.TokenCount).Select(token => text.Substring(token.Span.Start, token.Span.Length)).ToArray())
            .Where(sentence => sentence.Count > 0)
            .ToList();
    }
}
