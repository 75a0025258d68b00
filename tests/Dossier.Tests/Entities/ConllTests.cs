using Dossier.Entities.Ner;

namespace Dossier.Tests.Entities;

[Collection(EntityPipelineCollection.Name)]
public sealed class ConllTests(EntityPipelineFixture fixture)
{
    private const string Sample = """
        -DOCSTART- -X- O O

        EU NNP I-NP I-ORG
        rejects VBZ I-VP O
        German JJ I-NP I-MISC
        call NN I-NP O
        . . O O

        Peter NNP I-NP I-PER
        Blackburn NNP I-NP I-PER
        Smith NNP I-NP B-PER

        """;

    [Fact]
    public void IobOneIsReadAsIobTwo()
    {
        var documents = ConllReader.Read(new StringReader(Sample));
        var sentence = Assert.Single(documents).Sentences[1];
        Assert.Equal(["B-PER", "I-PER", "B-PER"], sentence.Tags!.Select(t => NerLabels.Names[t]));
    }

    [Fact]
    public void ScoringCountsExactSpansAndTypesOnly()
    {
        var score = new ConllScore();
        int[] gold = [NerLabels.Begin(0), NerLabels.Inside(0), 0, NerLabels.Begin(1)];
        int[] predicted = [NerLabels.Begin(0), 0, 0, NerLabels.Begin(1)];
        score.Add(gold, predicted);
        Assert.Equal(50, score.Overall.Precision, 3);
        Assert.Equal(50, score.Overall.Recall, 3);
        Assert.Equal(100, score.ForType(1).F1, 3);
    }

    [Fact]
    public void AnInsideTagAfterAnotherTypeOpensAnEntityAsConllevalDoes()
    {
        var chunks = ConllScore.Chunks([NerLabels.Inside(2), NerLabels.Inside(2), NerLabels.Inside(1)]);
        Assert.Equal([new ConllScore.Chunk(0, 2, 2), new ConllScore.Chunk(2, 3, 1)], chunks.OrderBy(c => c.Start));
    }

    [Fact]
    public void TaggingWritesEveryLineBackWithOneMoreColumn()
    {
        var output = new StringWriter();
        var tokens = ConllTagging.Tag(new StringReader(Sample), output, fixture.Tagger);
        var inputLines = Sample.ReplaceLineEndings("\n").Split('\n');
        var outputLines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(8, tokens);
        Assert.Equal(inputLines.Length, outputLines.Length);
        for (var i = 0; i < inputLines.Length; i++)
        {
            if (inputLines[i].Length == 0)
            {
                Assert.Equal("", outputLines[i]);
                continue;
            }

            Assert.StartsWith(inputLines[i] + " ", outputLines[i]);
            Assert.Contains(outputLines[i][(inputLines[i].Length + 1)..], NerLabels.Names);
        }

        Assert.EndsWith(" B-PER", outputLines[Array.IndexOf(inputLines, "Peter NNP I-NP I-PER")]);
    }
}
