using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Entities.Ner;
using Dossier.Figures;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Entities;

/// <summary>Finds the names of people, organisations, places and other named things, and resolves them within the document.</summary>
public sealed class EntityRecognitionStage(NerTagger tagger, EntityResolver resolver) : IDocumentStage
{
    public string Name => "entities";
    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens, Layers.Sentences];
    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Entities];

    public Document Process(Document document, CancellationToken cancellationToken)
    {
        var tokens = document.Get(Layers.Tokens);
        var sentences = document.Get(Layers.Sentences);
        if (tokens.IsDefaultOrEmpty || sentences.IsDefaultOrEmpty) return document.With(Layers.Entities, EntityLayer.Empty);
        var (units, words, headlines) = TaggerInput(document, tagger.Model);
        cancellationToken.ThrowIfCancellationRequested();
        var tags = tagger.Tag(words);
        var chunks = new List<EntityResolver.NameChunk>();
        for (var u = 0; u < units.Count; u++)
        {
            foreach (var chunk in ConllScore.Chunks(tags[u]).OrderBy(c => c.Start))
            {
                foreach (var (start, bracketEnd) in WithoutBrackets(words[u], chunk.Start, chunk.End))
                {
                    var end = NerLabels.LabelOf(chunk.Type) == EntityLabel.PER ? PersonNameEnd(words[u], start, bracketEnd) : bracketEnd;
                    if (headlines.IsHeadline(u) && headlines.IsCommonNounPhrase([.. words[u].Skip(start).Take(end - start)], tagger.Model.IsUsuallyLowerCase, tagger.Model.Gazetteer.ContainsPhrase)) continue;
                    chunks.Add(new EntityResolver.NameChunk(units[u].First + start, units[u].First + end, NerLabels.LabelOf(chunk.Type)));
                }
            }
        }

        return document.With(Layers.Entities, resolver.Resolve(document.Text, tokens, sentences, chunks));
    }

    /// <summary>
    /// Where a tagged person's name really ends: a capitalised person name does not go on into words written all in
    /// capitals ("Governor Cuomo NYC's team", "Jane Doe MP"), which are places, organisations or post-nominals, unless
    /// they are a generational suffix ("Martin Luther King III", "Ken Griffey JR"). A name written all in capitals is
    /// left as tagged.
    /// </summary>
    internal static int PersonNameEnd(IReadOnlyList<string> words, int start, int end)
    {
        var cut = end;
        while (cut - 1 > start && IsAllCapitals(words[cut - 1]) && !IsGenerationalSuffix(words[cut - 1])) cut--;
        for (var t = start; t < cut; t++)
        {
            if (char.IsLetter(words[t][0]) && !IsAllCapitals(words[t]) && words[t].Any(char.IsLower)) return cut;
        }

        return end;
    }

    private static bool IsAllCapitals(string word) => word.Length >= 2 && word.All(char.IsLetter) && word.All(char.IsUpper);

    private static bool IsGenerationalSuffix(string word) =>
        word is "JR" or "SR" || word.All(c => c is 'I' or 'V' or 'X');

    /// <summary>
    /// The parts of a tagged name between brackets: a name does not run across one, though the tagger may join a name and
    /// its gloss ("the CCP [Chinese Communist Party]"), which are two mentions.
    /// </summary>
    internal static IEnumerable<(int Start, int End)> WithoutBrackets(IReadOnlyList<string> words, int start, int end)
    {
        var from = start;
        for (var t = start; t <= end; t++)
        {
            if (t < end && words[t] is not ("(" or ")" or "[" or "]" or "{" or "}")) continue;
            if (t > from) yield return (from, t);
            from = t + 1;
        }
    }

    /// <summary>The units the tagger reads (token ranges) and their words, as <paramref name="model"/> is given them.</summary>
    internal static (List<(int First, int End)> Units, IReadOnlyList<string>[] Words, HeadlineReading Headlines) TaggerInput(Document document, NerModel model)
    {
        var tokens = document.Get(Layers.Tokens);
        // The tagger sees lines within sentences: a headline the splitter ran into the first sentence is its own unit.
        var units = Units(document.Text, tokens, document.Get(Layers.Sentences));
        var words = units.Select(unit =>
            (IReadOnlyList<string>)Enumerable.Range(unit.First, unit.End - unit.First).Select(t => document.TextOf(tokens[t].Span)).ToArray()).ToArray();
        var headlines = HeadlineCasing.Apply(words, model.IsUsuallyLowerCase, model.Gazetteer.ContainsWord);
        return (units, words, headlines);
    }

    private static List<(int First, int End)> Units(string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences)
    {
        var units = new List<(int, int)>();
        foreach (var sentence in sentences)
        {
            var first = sentence.FirstToken;
            for (var t = sentence.FirstToken + 1; t < sentence.EndToken; t++)
            {
                if (text.AsSpan(tokens[t - 1].Span.End, tokens[t].Span.Start - tokens[t - 1].Span.End).Contains('\n'))
                {
                    units.Add((first, t));
                    first = t;
                }
            }

            if (sentence.EndToken > first) units.Add((first, sentence.EndToken));
        }

        return units;
    }
}

/// <summary>Where the shipped entity model lives: models/ner beside the application.</summary>
public static class NerModelFiles
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "models", "ner", "ner.model");

    public static NerTagger LoadDefault() => new(NerModel.Load(DefaultPath));
}

public static class EntityPipelineExtensions
{
    /// <summary>Adds entity recognition with the model shipped beside the application (see <see cref="NerModelFiles"/>).</summary>
    public static PipelineBuilder UseEntities(this PipelineBuilder builder) => builder.UseEntities(NerModelFiles.LoadDefault());

    public static PipelineBuilder UseEntities(this PipelineBuilder builder, NerTagger tagger) =>
        builder.Use(new EntityRecognitionStage(tagger, new EntityResolver(EntityLexicons.Load())));

    public static PipelineBuilder UseFigures(this PipelineBuilder builder) => builder.Use(new FigureStage(FigureLexicon.Load()));
}
