using System.Collections.Frozen;
using Dossier.Text;

namespace Dossier.Claims;

/// <summary>
/// The features a sentence's words give the check-worthiness model (<see cref="CheckworthyFeatures.Emit"/>: unigrams,
/// bigrams, word classes and bigrams of classes) as the places of their weights, found with one lookup per word: putting
/// each feature's name together and hashing it was most of what scoring a sentence cost. Names are matched exactly: a
/// bigram's two parts are the words (or classes) a name splits into at its one joint, which no word or class holds.
/// </summary>
internal sealed class CheckworthyWordTable
{
    private const int None = -1;

    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _ids;
    private readonly WordFeatures[] _words;
    private readonly int _start;
    private readonly int _end;
    private readonly Dictionary<long, int> _bigrams = [];
    private readonly bool _classes;
    private readonly int _noClass;
    private readonly int _classStart;
    private readonly int _classEnd;
    private readonly Dictionary<long, int> _classBigrams = [];

    /// <param name="ranks">Each feature's place among the weights, by name.</param>
    /// <param name="clusters">The word classes, when the model uses them.</param>
    public CheckworthyWordTable(IReadOnlyDictionary<string, int> ranks, CheckworthyClusters? clusters)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(Dictionary<string, int> vocabulary, string text) => vocabulary.TryGetValue(text, out var id) ? id : vocabulary[text] = vocabulary.Count;
        _start = Id(words, CheckworthyFeatures.SentenceStart);
        _end = Id(words, CheckworthyFeatures.SentenceEnd);
        _noClass = Id(classes, CheckworthyFeatures.NoClass);
        _classStart = Id(classes, CheckworthyFeatures.SentenceStart);
        _classEnd = Id(classes, CheckworthyFeatures.SentenceEnd);
        foreach (var (name, rank) in ranks)
        {
            if (Split(name, CheckworthyFeatures.BigramPrefix) is var (first, second))
            {
                _bigrams[PairKey.Of(Id(words, first), Id(words, second))] = rank;
            }
            else if (Split(name, CheckworthyFeatures.ClassBigramPrefix) is var (before, after))
            {
                _classBigrams[PairKey.Of(Id(classes, before), Id(classes, after))] = rank;
            }
            else if (name.StartsWith(CheckworthyFeatures.UnigramPrefix, StringComparison.Ordinal))
            {
                Id(words, name[CheckworthyFeatures.UnigramPrefix.Length..]);
            }
        }

        _classes = clusters is not null;
        if (clusters is not null) foreach (var word in clusters.Classes.Keys) Id(words, word);
        _words = new WordFeatures[words.Count];
        Span<char> digits = stackalloc char[11];
        foreach (var (word, id) in words)
        {
            var unigram = ranks.GetValueOrDefault(CheckworthyFeatures.UnigramPrefix + word, None);
            if (clusters is null || !clusters.Classes.TryGetValue(word, out var wordClasses))
            {
                _words[id] = new WordFeatures(unigram, None, None, _noClass);
                continue;
            }

            var coarse = CheckworthyFeatures.Format(wordClasses.Coarse, digits).ToString();
            _words[id] = new WordFeatures(
                unigram,
                ranks.GetValueOrDefault(CheckworthyFeatures.CoarseClassPrefix + coarse, None),
                ranks.GetValueOrDefault(CheckworthyFeatures.FineClassPrefix + CheckworthyFeatures.Format(wordClasses.Fine, digits).ToString(), None),
                Id(classes, coarse));
        }

        _ids = words.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Hands the places of the words' features to <paramref name="add"/>, each feature as often as it occurs.</summary>
    public void AddRanks<TSink>(in CheckworthyWords words, ref TSink add) where TSink : struct, IRankSink
    {
        var previous = _start;
        var previousClass = _classStart;
        for (var i = 0; i < words.Count; i++)
        {
            var id = _ids.TryGetValue(words[i], out var known) ? known : None;
            var features = id == None ? new WordFeatures(None, None, None, _noClass) : _words[id];
            if (features.Unigram != None) add.AddRank(features.Unigram);
            AddPair(_bigrams, previous, id, ref add);
            if (_classes)
            {
                if (features.Coarse != None) add.AddRank(features.Coarse);
                if (features.Fine != None) add.AddRank(features.Fine);
                AddPair(_classBigrams, previousClass, features.Class, ref add);
                previousClass = features.Class;
            }

            previous = id;
        }

        AddPair(_bigrams, previous, _end, ref add);
        if (_classes) AddPair(_classBigrams, previousClass, _classEnd, ref add);
    }

    private static void AddPair<TSink>(Dictionary<long, int> ranks, int first, int second, ref TSink add) where TSink : struct, IRankSink
    {
        if (first != None && second != None && ranks.TryGetValue(PairKey.Of(first, second), out var rank)) add.AddRank(rank);
    }

    /// <summary>The two parts of a bigram's name with this prefix; null for another name, or one no sentence could give.</summary>
    private static (string First, string Second)? Split(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var joint = name.IndexOf(CheckworthyFeatures.BigramJoint, prefix.Length, StringComparison.Ordinal);
        if (joint < 0 || name.IndexOf(CheckworthyFeatures.BigramJoint, joint + 1, StringComparison.Ordinal) >= 0) return null;
        return (name[prefix.Length..joint], name[(joint + 1)..]);
    }

    /// <summary>The places of a word's unigram, coarse and fine class features (<see cref="None"/> when the model has no
    /// weight for one) and its coarse class, as the class bigrams name it.</summary>
    private readonly record struct WordFeatures(int Unigram, int Coarse, int Fine, int Class);

    /// <summary>Receives the places of features.</summary>
    internal interface IRankSink
    {
        void AddRank(int rank);
    }
}
