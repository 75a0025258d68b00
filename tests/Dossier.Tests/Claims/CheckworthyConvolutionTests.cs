using Dossier.Claims;

namespace Dossier.Tests.Claims;

public sealed class CheckworthyConvolutionTests
{
    // Words of two kinds a few dimensions apart: the network must find which phrase, not which single word, marks a claim.
    private static readonly CheckworthyWordVectors Vectors = CheckworthyWordVectors.Parse([
        "exports\t1\t1 0 0 0", "fell\t1\t0 1 0 0", "rose\t1\t0 1 0 0", "we\t1\t0 0 1 0", "talk\t1\t0 0 0 1", "about\t1\t0 0 1 1",
        "percent\t1\t1 1 0 0", "the\t1\t0.5 0.5 0.5 0.5"]);

    // A claim is "<num> percent" in order; the same words the other way round ("percent ... <num>") is not.
    private static IReadOnlyList<CheckworthyExample> Examples() =>
    [
        .. Enumerable.Range(0, 40).Select(i => new CheckworthyExample($"the exports fell {i + 3} percent", true)),
        .. Enumerable.Range(0, 40).Select(i => new CheckworthyExample($"we talk about percent the {i + 3}", false)),
        .. Enumerable.Range(0, 40).Select(i => new CheckworthyExample($"percent rose the exports {i + 3}", false)),
    ];

    private static readonly CheckworthyConvolutionOptions Small = new(Filters: 8, Epochs: 30, LearningRate: 0.01, BatchSize: 8, Dropout: 0.25, PairwiseWeight: 0);

    [Fact]
    public void TheTrainedNetworkRanksAnUnseenClaimAboveTheSameWordsInAnotherOrder()
    {
        var network = CheckworthyConvolutionTrainer.Train(Examples(), Vectors, Small);
        var claim = network.Logit("the exports rose 12 percent");
        var shuffled = network.Logit("percent fell the exports 12");
        Assert.True(claim > shuffled + 1, $"claim {claim:F3}, same words reordered {shuffled:F3}");
    }

    [Fact]
    public void AnUntrainedNetworkScoresEverySentenceAlike()
    {
        var network = CheckworthyConvolution.Create(Vectors, [2, 3], filters: 4, seed: 17);
        Assert.Equal(0, network.Logit("the exports fell 3 percent"));
        Assert.Equal(0, network.Logit("we talk"));
    }

    [Fact]
    public void TrainingIsDeterministicForASeedAndASeedChangesTheNetwork()
    {
        var options = Small with { Epochs = 3 };
        var first = CheckworthyConvolutionTrainer.Train(Examples(), Vectors, options);
        var again = CheckworthyConvolutionTrainer.Train(Examples(), Vectors, options);
        var other = CheckworthyConvolutionTrainer.Train(Examples(), Vectors, options with { Seed = 18 });
        const string sentence = "the exports fell 7 percent";
        Assert.Equal(first.Logit(sentence), again.Logit(sentence));
        Assert.NotEqual(first.Logit(sentence), other.Logit(sentence));
    }

    [Fact]
    public void TheContextOfALineReachesTheLogit()
    {
        // The same words, check-worthy only when they open a turn: only the context inputs can tell them apart.
        CheckworthyExample Line(bool turnStart) => new("the exports fell 3 percent", turnStart, 1, new CheckworthyContext(false, turnStart, "main"));
        var network = CheckworthyConvolutionTrainer.Train([.. Enumerable.Range(0, 60).Select(i => Line(i % 2 == 0))], Vectors, Small);
        var opening = network.Logit("the exports fell 3 percent", new CheckworthyContext(false, true, "main"));
        var inside = network.Logit("the exports fell 3 percent", new CheckworthyContext(false, false, "main"));
        Assert.True(opening > inside + 1, $"opening a turn {opening:F3}, inside one {inside:F3}");
    }

    [Fact]
    public void OnlyTuningMovesTheWordVectorsAndThePaddingStaysZero()
    {
        var fixedWords = CheckworthyConvolutionTrainer.Train(Examples(), Vectors, Small with { Epochs = 2 });
        var tuned = CheckworthyConvolutionTrainer.Train(Examples(), Vectors, Small with { Epochs = 2, TuneWords = true });
        var fresh = CheckworthyConvolution.Create(Vectors, Small.Widths, Small.Filters, Small.Seed);
        Assert.Equal(fresh.Inputs, fixedWords.Inputs);
        Assert.NotEqual(fresh.Inputs, tuned.Inputs);
        Assert.All(tuned.Inputs.AsSpan(0, tuned.InputWidth).ToArray(), x => Assert.Equal(0f, x));
    }

    [Fact]
    public void AShortSentenceIsPaddedToTheWidestFilterAndALongOneCut()
    {
        var network = CheckworthyConvolution.Create(Vectors, [2, 4], filters: 2, seed: 17);
        Assert.Equal(4, network.WordRows("exports").Length);
        Assert.Equal(CheckworthyConvolution.MaximumWords, network.WordRows(string.Join(' ', Enumerable.Repeat("the", 100))).Length);
        Assert.True(double.IsFinite(network.Logit("")));
    }
}
