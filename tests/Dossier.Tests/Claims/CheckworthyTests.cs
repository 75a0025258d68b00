using Dossier.Claims;

namespace Dossier.Tests.Claims;

public sealed class CheckworthyTests
{
    [Fact]
    public void TheShippedModelRanksAFactualClaimWithFiguresAboveSmallTalk()
    {
        var model = CheckworthyModel.Default;
        Assert.True(model.FeatureCount > 1000);
        var claim = model.Score("We lost $800 billion a year on trade with China under the last administration.");
        var smallTalk = model.Score("Thank you very much, it is great to be here tonight.");
        Assert.InRange(claim, 0, 1);
        Assert.InRange(smallTalk, 0, 1);
        Assert.True(claim > smallTalk, $"{claim} <= {smallTalk}");
    }

    [Fact]
    public void TrainingIsDeterministicAndLearnsTheSignal()
    {
        var examples = Enumerable.Range(0, 200).Select(i => i % 2 == 0
            ? new CheckworthyExample($"Unemployment rose to {i} percent in {1990 + i % 30}.", true)
            : new CheckworthyExample($"I want to thank everyone for coming tonight, number {i}.", false)).ToList();
        var first = CheckworthyTrainer.Train(examples);
        var second = CheckworthyTrainer.Train(examples);
        Assert.Equal(first.ToLines(), second.ToLines());
        Assert.True(first.Score("Exports fell 12 percent in 2019.") > first.Score("Thank you for coming tonight."));
    }

    [Fact]
    public void AModelSurvivesARoundTripThroughItsFile()
    {
        var model = CheckworthyModel.Default;
        var copy = CheckworthyModel.Parse(model.ToLines());
        const string sentence = "The deficit grew by $1.2 trillion in 2020.";
        Assert.Equal(model.Score(sentence), copy.Score(sentence), 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\t\t\t")]
    [InlineData("$$$ %%% 1,2,3,4 '''")]
    public void OddSentencesScoreInRange(string sentence) => Assert.InRange(CheckworthyModel.Default.Score(sentence), 0, 1);

    [Fact]
    public void AVeryLongLineIsCutNotChoked() =>
        Assert.InRange(CheckworthyModel.Default.Score(string.Concat(Enumerable.Repeat("Taxes rose 5 percent. ", 100_000))), 0, 1);

    [Fact]
    public void ATranscriptGivesTheQuestionerAndTheSpeakerHoldingTheFloorTheirRoles()
    {
        string[] sentences = ["What would you do about jobs?", "We lost 70,000 factories.", "Jobs left.", "Wages fell 8 percent.", "Prices rose.", "Rents doubled.", "Taxes too.", "(APPLAUSE)", "Thank you."];
        string?[] speakers = ["HOST", "SMITH", "SMITH", "SMITH", "SMITH", "SMITH", "SMITH", "SYSTEM", "JONES"];
        var contexts = CheckworthyContext.Describe(sentences, speakers);
        Assert.Equal("asks", contexts[0].SpeakerRole);
        Assert.Equal("main", contexts[1].SpeakerRole);
        Assert.True(contexts[1].TurnStart && contexts[1].AfterQuestion);
        Assert.False(contexts[2].TurnStart || contexts[2].AfterQuestion);
        Assert.Equal("minor", contexts[8].SpeakerRole);
        Assert.All(CheckworthyContext.Describe(sentences), c => Assert.Null(c.SpeakerRole));
        Assert.Throws<ArgumentException>(() => CheckworthyContext.Describe(sentences, ["HOST"]));
    }

    [Fact]
    public void AStageDirectionIsMarkedAsSuch()
    {
        Assert.Contains("f:stage-direction", CheckworthyFeatures.Extract("(APPLAUSE)"));
        Assert.DoesNotContain("f:stage-direction", CheckworthyFeatures.Extract("Taxes (all of them) rose."));
    }
}
