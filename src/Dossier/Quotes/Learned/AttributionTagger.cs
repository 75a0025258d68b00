using System.Collections.Immutable;
using Dossier.Entities.Ner;
using Dossier.Text;
using Dossier.Text.Sequence;

namespace Dossier.Quotes.Learned;

/// <summary>The roles an attribution tagger gives words: the span types of its IOB2 tags.</summary>
internal static class AttributionRoles
{
    public const int Source = 0, Cue = 1, Content = 2;

    public const int Count = 3;

    public static TagScheme Scheme { get; } = TagScheme.Iob2Of(Count);

    public static int Begin(int role) => 1 + 2 * role;

    public static int Inside(int role) => 2 + 2 * role;

    /// <summary>The role a tag marks; -1 for O.</summary>
    public static int RoleOf(int tag) => Scheme.TypeOf(tag);
}

/// <summary>An attribution the tagger found, as token ranges [start, end); a source of -1 means none was found.</summary>
internal readonly record struct TaggedAttribution(int ContentStart, int ContentEnd, int CueStart, int CueEnd, int SourceStart, int SourceEnd)
{
    public bool HasCue => CueStart >= 0;
    public bool HasSource => SourceStart >= 0;
}

/// <summary>
/// A linear-chain model that tags the words of each sentence as SOURCE, CUE or CONTENT of an attribution (IOB2),
/// trained with the averaged structured perceptron on PolNeAR train (models/quotes/attribution-tagger.bin.gz).
/// It reaches the attributions the quote rules' word lists and subject/clause patterns miss: beliefs and plans with
/// open-ended cues, passives, possessive sources. Each predicted content is paired with the nearest cue and source
/// of its sentence. Thread-safe: the model is only read.
/// </summary>
internal sealed class AttributionTagger
{
    private const string Magic = "DOSSIER-ATTRIBUTION";
    private const int Version = 1;
    private const string ResourceName = "Quotes.Data.attribution-tagger.bin.gz";

    private static readonly Lazy<AttributionTagger> LazyDefault = new(() =>
    {
        using var stream = EmbeddedData.Open(ResourceName);
        return Load(stream);
    });

    internal AttributionTagger(LinearChainModel model, string description)
    {
        if (model.Scheme.Count != AttributionRoles.Scheme.Count)
        {
            throw new InvalidDataException($"An attribution tagger has {AttributionRoles.Scheme.Count} tags; this model has {model.Scheme.Count}.");
        }

        Model = model;
        Description = description;
    }

    /// <summary>The tagger that ships in the engine.</summary>
    public static AttributionTagger Default => LazyDefault.Value;

    public LinearChainModel Model { get; }

    /// <summary>How the model was trained, as the trainer recorded it.</summary>
    public string Description { get; }

    /// <summary>The tags of every token of one sentence (tokens [start, end) of the document).</summary>
    public int[] TagSentence(AttributionFeatures features, int start, int end) => Model.Decode(features.Sentence(start, end, Model.BucketBits));

    /// <summary>
    /// The attributions of a whole document, sentence by sentence; only in the sentences (tokens [start, end)) that
    /// <paramref name="worthTagging"/> accepts, when it is given. When <paramref name="roles"/> is given, each tagged
    /// token's role (<see cref="AttributionRoles"/>, -1 for none) is written into it; untagged sentences keep theirs.
    /// </summary>
    public List<TaggedAttribution> Find(
        AttributionFeatures features, ImmutableArray<Sentence> sentences, int tokenCount, CancellationToken cancellationToken, Func<int, int, bool>? worthTagging = null,
        int[]? roles = null)
    {
        var found = new List<TaggedAttribution>();
        foreach (var sentence in sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Math.Min(sentence.FirstToken, tokenCount);
            var end = Math.Min(sentence.EndToken, tokenCount);
            if (end <= start || worthTagging is not null && !worthTagging(start, end)) continue;
            var tags = TagSentence(features, start, end);
            if (roles is not null)
            {
                for (var t = start; t < end; t++) roles[t] = AttributionRoles.RoleOf(tags[t - start]);
            }

            Pair(tags, start, found);
        }

        return found;
    }

    /// <summary>
    /// Pairs each content span of one tagged sentence with the nearest cue, and the source nearest that cue (or the
    /// content). A source is looked for in the sentence only: on PolNeAR dev, taking the previous sentence's source for
    /// a sentence of content alone added 75 attributions of which 4 were right.
    /// </summary>
    internal static void Pair(int[] tags, int offset, List<TaggedAttribution> found)
    {
        var sources = Spans(tags, AttributionRoles.Source);
        var cues = Spans(tags, AttributionRoles.Cue);
        var first = found.Count;
        foreach (var content in Spans(tags, AttributionRoles.Content))
        {
            var cue = Nearest(cues, content);
            // Two contents of one cue are one content interrupted ("X, he said, Y"): pairing one to one, a fragment would only cost precision.
            if (cue is { } shared && found.Count > first && found[^1].CueStart == shared.Start + offset)
            {
                found[^1] = found[^1] with { ContentEnd = content.End + offset };
                continue;
            }

            var anchor = cue ?? content;
            var source = Nearest(sources, anchor);
            var (sourceStart, sourceEnd) = source is { } s ? (s.Start + offset, s.End + offset) : (-1, -1);
            found.Add(new TaggedAttribution(
                content.Start + offset, content.End + offset,
                cue is { } c ? c.Start + offset : -1, cue is { } c2 ? c2.End + offset : -1,
                sourceStart, sourceEnd));
        }

    }

    /// <summary>Spans of one role in a tag sequence; an I- without its B- (which Viterbi never produces) opens a span too.</summary>
    internal static List<(int Start, int End)> Spans(int[] tags, int role)
    {
        var spans = new List<(int, int)>();
        var begin = AttributionRoles.Begin(role);
        var inside = AttributionRoles.Inside(role);
        for (var t = 0; t < tags.Length; t++)
        {
            if (tags[t] != begin && tags[t] != inside) continue;
            var end = t + 1;
            while (end < tags.Length && tags[end] == inside) end++;
            spans.Add((t, end));
            t = end - 1;
        }

        return spans;
    }

    /// <summary>The span closest to another by the words between them; ties go to the earlier span.</summary>
    private static (int Start, int End)? Nearest(List<(int Start, int End)> spans, (int Start, int End) to)
    {
        (int, int)? best = null;
        var bestGap = int.MaxValue;
        foreach (var span in spans)
        {
            var gap = span.End <= to.Start ? to.Start - span.End : span.Start >= to.End ? span.Start - to.End : 0;
            if (gap >= bestGap) continue;
            bestGap = gap;
            best = span;
        }

        return best;
    }

    public void Save(Stream stream)
    {
        ModelFile.Write(stream, Magic, writer =>
        {
            writer.Write(Version);
            writer.Write(Description);
            Model.Write(writer);
        });
    }

    public static AttributionTagger Load(Stream stream)
    {
        using var reader = ModelFile.OpenReader(stream, Magic, "This is not an attribution tagger model.");
        var version = reader.ReadInt32();
        if (version != Version) throw new InvalidDataException($"Attribution tagger format {version} is not supported; this build reads format {Version}.");
        var description = reader.ReadString();
        var model = LinearChainModel.Read(reader, count => count == AttributionRoles.Scheme.Count
            ? AttributionRoles.Scheme
            : throw new InvalidDataException($"An attribution tagger has {AttributionRoles.Scheme.Count} tags; this model has {count}."));
        return new AttributionTagger(model, description);
    }

    public static AttributionTagger Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No attribution tagger model at '{path}'.", path);
        using var file = File.OpenRead(path);
        return Load(file);
    }
}
