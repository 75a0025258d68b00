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
        Assert.True(model.Groups.HasFlag(CheckworthyFeatureGroups.Clusters));
        Assert.True(model.Clusters!.WordCount > 1000);
        Assert.True(model.Vectors!.WordCount > 1000);
        var copy = CheckworthyModel.Parse(model.ToLines(), CheckworthyClusters.Parse(model.Clusters.ToLines()), CheckworthyWordVectors.Parse(model.Vectors.ToLines()));
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

    [Fact]
    public void RankingTrainingIsDeterministicAndAveragesItsEnsemble()
    {
        var examples = Enumerable.Range(0, 200).Select(i => i % 4 == 0
            ? new CheckworthyExample($"Unemployment rose to {i} percent in {1990 + i % 30}.", true, Group: "debate" + (i % 3))
            : new CheckworthyExample($"I want to thank everyone for coming tonight, number {i}.", false, Group: "debate" + (i % 3))).ToList();
        var options = new CheckworthyTrainingOptions(PairwiseWeight: 1, Ensemble: 2);
        var first = CheckworthyTrainer.Train(examples, options);
        Assert.Equal(first.ToLines(), CheckworthyTrainer.Train(examples, options).ToLines());
        Assert.NotEqual(first.ToLines(), CheckworthyTrainer.Train(examples, options with { Ensemble = 1 }).ToLines());
        Assert.True(first.Score("Exports fell 12 percent in 2019.") > first.Score("Thank you for coming tonight."));
    }

    [Fact]
    public void TheQuestionersLinesAreTurnedDownAndTheSettingsSurviveTheFile()
    {
        var weights = new Dictionary<string, double> { ["f:number"] = 2.0 };
        var model = new CheckworthyModel(weights, 0, contextWeight: 0, CheckworthyFeatureGroups.Speaker, questionerWeight: 0.5);
        string[] sentences = ["Did taxes rise 5 percent?", "Taxes rose 5 percent."];
        string?[] speakers = ["HOST", "SMITH"];
        var scores = model.ScoreSequence(sentences, speakers);
        Assert.Equal(model.Score(sentences[0]) * 0.5, scores[0], 9);
        Assert.Equal(model.Score(sentences[1]), scores[1], 9);
        var copy = CheckworthyModel.Parse(model.ToLines());
        Assert.Equal(CheckworthyFeatureGroups.Speaker, copy.Groups);
        Assert.Equal(0.5, copy.QuestionerWeight);
        Assert.Equal(scores, copy.ScoreSequence(sentences, speakers));
    }

    [Fact]
    public void FeatureGroupsAddTheirFeaturesOnlyWhenAsked()
    {
        string[] sentences = ["Wages fell 8 percent.", "Prices rose.", "Thank you."];
        string?[] speakers = ["SMITH", "SMITH", "JONES"];
        var contexts = CheckworthyContext.Describe(sentences, speakers);
        Assert.Equal((1, 2), (contexts[1].TurnIndex, contexts[1].TurnLength));
        Assert.Equal(1, contexts[2].TurnLength);
        var all = CheckworthyFeatureGroups.Neighbours | CheckworthyFeatureGroups.Turn | CheckworthyFeatureGroups.Position | CheckworthyFeatureGroups.Speaker;
        var rich = CheckworthyFeatures.Extract(sentences[1], contexts[1], all);
        Assert.Contains("p:percent", rich);
        Assert.Contains("t:place:last", rich);
        Assert.Contains("d:position:1", rich);
        Assert.Contains("s:SMITH", rich);
        var plain = CheckworthyFeatures.Extract(sentences[1], contexts[1]);
        Assert.DoesNotContain(plain, f => f.StartsWith("p:", StringComparison.Ordinal) || f.StartsWith("s:", StringComparison.Ordinal) || f.StartsWith("t:", StringComparison.Ordinal));
    }

    [Fact]
    public void WordsSeenBetweenTheSameNeighboursShareAClassAndInductionIsDeterministic()
    {
        string[] nouns = ["prices", "taxes", "wages", "rents"], verbs = ["rose", "fell", "climbed", "dropped"], adverbs = ["sharply", "slowly", "again", "twice"];
        var sentences = (from noun in nouns from verb in verbs from adverb in adverbs select $"{noun} {verb} {adverb}").ToList();
        var clusters = CheckworthyClusters.Induce(sentences, coarse: 3, fine: 3, minimumCount: 1);
        Assert.Equal(12, clusters.WordCount);
        int Coarse(string word) => clusters.TryGet(word, out var classes) ? classes.Coarse : -1;
        Assert.All(verbs, verb => Assert.Equal(Coarse("rose"), Coarse(verb)));
        Assert.All(nouns, noun => Assert.Equal(Coarse("prices"), Coarse(noun)));
        Assert.All(adverbs, adverb => Assert.Equal(Coarse("sharply"), Coarse(adverb)));
        Assert.Equal(3, new[] { Coarse("rose"), Coarse("prices"), Coarse("sharply") }.Distinct().Count());
        Assert.False(clusters.TryGet("unseen", out _));
        Assert.Equal(clusters.ToLines(), CheckworthyClusters.Induce(sentences, coarse: 3, fine: 3, minimumCount: 1).ToLines());
        Assert.Equal(clusters.ToLines(), CheckworthyClusters.Parse(clusters.ToLines()).ToLines());
    }

    [Fact]
    public void WordClassFeaturesComeOnlyWithTheirGroupAndTheirClasses()
    {
        var clusters = CheckworthyClusters.Parse(["rose\t1\t7", "prices\t0\t3", "not a class line", "bad\tx\t1"]);
        Assert.Equal(2, clusters.WordCount);
        var features = CheckworthyFeatures.Extract("Prices rose.", default, CheckworthyFeatureGroups.Clusters, clusters);
        Assert.Contains("k:1", features);
        Assert.Contains("kf:3", features);
        Assert.Contains("kb:0_1", features);
        Assert.Contains("kb:1_</s>", features);
        Assert.DoesNotContain(CheckworthyFeatures.Extract("Prices rose.", default, CheckworthyFeatureGroups.None, clusters), f => f.StartsWith('k'));
        Assert.DoesNotContain(CheckworthyFeatures.Extract("Prices rose.", default, CheckworthyFeatureGroups.Clusters), f => f.StartsWith('k'));
    }

    [Fact]
    public void WordVectorsPlaceWordsOfTheSameNeighboursTogetherAndInductionIsDeterministic()
    {
        string[] nouns = ["prices", "taxes", "wages", "rents"], verbs = ["rose", "fell", "climbed", "dropped"], adverbs = ["sharply", "slowly", "again", "twice"];
        var sentences = (from noun in nouns from verb in verbs from adverb in adverbs select $"the {noun} {verb} {adverb} here").ToList();
        var vectors = CheckworthyWordVectors.Induce(sentences, dimensions: 4, window: 1, minimumCount: 1);
        Assert.Equal(14, vectors.WordCount);
        Assert.Equal(4, vectors.Dimensions);
        double Cosine(string a, string b) => vectors.SentenceVector([a]).Zip(vectors.SentenceVector([b]), (x, y) => x * y).Sum();
        Assert.True(Cosine("rose", "fell") > Cosine("rose", "prices") + 0.5, $"{Cosine("rose", "fell")} vs {Cosine("rose", "prices")}");
        Assert.True(Cosine("taxes", "rents") > Cosine("taxes", "sharply") + 0.5, $"{Cosine("taxes", "rents")} vs {Cosine("taxes", "sharply")}");
        Assert.Equal(1, vectors.SentenceVector(["prices", "rose"]).Sum(x => x * x), 6);
        Assert.All(vectors.SentenceVector(["unseen", "words"]), x => Assert.Equal(0, x));
        Assert.Equal(vectors.ToLines(), CheckworthyWordVectors.Induce(sentences, dimensions: 4, window: 1, minimumCount: 1).ToLines());
        var copy = CheckworthyWordVectors.Parse([.. vectors.ToLines(), "short\t1\t0.5", "no weight\tx\t1 2 3 4", "# a comment"]);
        Assert.Equal(vectors.ToLines(), copy.ToLines());
    }

    [Fact]
    public void ASentenceVectorIsTheWeightedSumOfItsWordsComponentsOneByOneAtUnitLength()
    {
        // Twelve components: some are summed several at a time, the rest one at a time; each must come out as one at a time.
        var random = new Random(7);
        float[] Components() => [.. Enumerable.Range(0, 12).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        var words = new Dictionary<string, (float Weight, float[] Vector)> { ["rose"] = (0.37f, Components()), ["sharply"] = (1.91f, Components()) };
        var expected = new double[12];
        foreach (var word in (string[])["rose", "sharply", "rose"])
        {
            for (var d = 0; d < expected.Length; d++) expected[d] += (float)(words[word].Weight * words[word].Vector[d]);
        }

        var norm = Math.Sqrt(expected.Sum(x => x * x));
        Assert.Equal(expected.Select(x => x / norm), new CheckworthyWordVectors(words).SentenceVector(["rose", "sharply", "unknown", "rose"]));
    }

    [Fact]
    public void AModelWithSentenceVectorsLearnsFromThemAndSurvivesItsFile()
    {
        // The two kinds of sentence share no word, so only the vectors (induced from unlabelled text where each kind's
        // words keep the same company) can carry what was learnt to the held-out words.
        string[] figures = ["unemployment", "inflation", "exports", "deficits"], thanks = ["friends", "everyone", "folks", "neighbours"];
        var unlabelled = figures.SelectMany(word => Enumerable.Repeat($"official {word} statistics grew percent", 3))
            .Concat(thanks.SelectMany(word => Enumerable.Repeat($"hello dear {word} welcome tonight", 3))).ToList();
        var vectors = CheckworthyWordVectors.Induce(unlabelled, dimensions: 4, window: 2, minimumCount: 1);
        var examples = Enumerable.Range(0, 120).Select(i => i % 2 == 0
            ? new CheckworthyExample(figures[i % 3], true)
            : new CheckworthyExample(thanks[i % 3], false)).ToList();
        var options = new CheckworthyTrainingOptions(Groups: CheckworthyFeatureGroups.Vectors, Vectors: vectors, VectorScale: 4, HiddenUnits: 2);
        var model = CheckworthyTrainer.Train(examples, options);
        Assert.Equal(model.ToLines(), CheckworthyTrainer.Train(examples, options).ToLines());
        Assert.True(model.Score("deficits") > model.Score("neighbours"), $"{model.Score("deficits")} <= {model.Score("neighbours")}");
        var copy = CheckworthyModel.Parse(model.ToLines(), vectors: CheckworthyWordVectors.Parse(vectors.ToLines()));
        Assert.Equal(4, copy.VectorScale);
        Assert.Equal(2, copy.HiddenUnits);
        Assert.Equal(model.Score("deficits"), copy.Score("deficits"), 5);
        Assert.Null(CheckworthyModel.Parse(model.ToLines()).Vectors);
        Assert.Null(CheckworthyTrainer.Train(examples, options with { Groups = CheckworthyFeatureGroups.None }).Vectors);
    }

    [Fact]
    public void AScoreSumsTheWeightsOfExactlyTheExtractedFeatures()
    {
        // Scoring reads features without making their names; it must see the features training sees, summed alike. The
        // shipped weights are joined by a few of the groups it lacks, and every group is switched on.
        var shipped = CheckworthyModel.Default;
        string[] extra = ["p:percent\t0.5", "n:question\t0.3", "t:place:last\t-0.25", "t:length:2-3\t0.2", "d:position:1\t0.125", "s:SMITH\t0.2"];
        var lines = shipped.ToLines().Select(line => line.StartsWith("<groups>", StringComparison.Ordinal) ? "<groups>\t63" : line).Concat(extra).ToList();
        var model = CheckworthyModel.Parse(lines, shipped.Clusters, shipped.Vectors);
        var weights = lines.Where(line => !line.StartsWith('<')).Select(line => line.Split('\t'))
            .ToDictionary(f => f[0], f => double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        string[] sentences = [
            "What would you do about jobs?", "We lost 70,000 factories and wages fell 8 percent since 2008.", "’Tis the ’90s' tariffs, isn't it?",
            "(APPLAUSE)", "", "Über ÉCOLE İstanbul ß 𝒜 rose 1,000.5% of '99", "'''' ,,, ... 3.' $", "Thank you.",
            string.Concat(Enumerable.Repeat("Taxes rose 5 percent more than wages. ", 200)),
        ];
        string?[] speakers = ["HOST", "SMITH", "SMITH", "SYSTEM", "SMITH", "JONES", "JONES", " smith ", "SMITH"];
        var contexts = CheckworthyContext.Describe(sentences, speakers);
        for (var i = 0; i < sentences.Length; i++)
        {
            double sum = 0;
            var known = 0;
            foreach (var feature in CheckworthyFeatures.Extract(sentences[i], contexts[i], model.Groups, model.Clusters))
            {
                if (!weights.TryGetValue(feature, out var weight)) continue;
                sum += weight;
                known++;
            }

            var logit = model.Bias + (known == 0 ? 0 : sum / Math.Sqrt(known));
            var vector = CheckworthyFeatures.SentenceVector(sentences[i], model.Vectors!);
            for (var d = 0; d < vector.Length; d++) logit += model.VectorScale * vector[d] * weights.GetValueOrDefault(CheckworthyModel.VectorFeature(d));
            Assert.Equal(1.0 / (1.0 + Math.Exp(-logit)), model.Score(sentences[i], contexts[i]));
        }

        Assert.Contains("p:percent", CheckworthyFeatures.Extract(sentences[2], contexts[2], model.Groups, model.Clusters));
        Assert.Contains("s:SMITH", CheckworthyFeatures.Extract(sentences[7], contexts[7], model.Groups, model.Clusters));
        var odd = new CheckworthyContext(true, true, new string('r', 500), "(APPLAUSE)", "(APPLAUSE)?", 0, 1, 0.5, new string('S', 5_000));
        Assert.InRange(model.Score("", odd), 0, 1);
        Assert.InRange(model.Score("a", odd), 0, 1);
    }

    [Fact]
    public void WordAndClassFeaturesAreFoundByTheirExactNamesOnly()
    {
        // Every feature the sentences give has its own weight, beside names no sentence can give: a bigram with two joints,
        // a class written with a leading zero, the sentence's ends as words. Each score is the sum of exactly its features'.
        var clusters = new CheckworthyClusters(new Dictionary<string, (int Coarse, int Fine)>
        {
            ["prices"] = (7, 70), ["rose"] = (3, 31), ["fell"] = (3, 32), ["<num>"] = (0, 1), ["percent"] = (12, 120),
        });
        string[] sentences = ["Prices rose 5 percent.", "Wages fell, prices rose.", "", "percent percent rose", "Nothing known here"];
        var features = sentences.SelectMany(sentence => CheckworthyFeatures.Extract(sentence, default, CheckworthyFeatureGroups.Clusters, clusters))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("b:<s>_</s>", features);
        Assert.Contains("kb:?_</s>", features);
        string[] decoys = ["b:prices_rose_<num>", "b:prices__rose", "kb:07_3", "kb:7_03", "w:<s>", "w:</s>", "k:?", "b:_prices", "kb:<s>_<s>"];
        var weights = features.Concat(decoys).Select((name, k) => (name, weight: (k % 7 - 3) * 0.25 + k / 64.0)).ToDictionary(p => p.name, p => p.weight, StringComparer.Ordinal);
        var lines = weights.Select(p => p.Key + "\t" + p.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Prepend("<groups>\t16");
        var model = CheckworthyModel.Parse(lines, clusters);
        foreach (var sentence in sentences)
        {
            var own = CheckworthyFeatures.Extract(sentence, default, model.Groups, model.Clusters);
            var logit = model.Bias + own.Sum(feature => weights[feature]) / Math.Sqrt(own.Count);
            Assert.Equal(1.0 / (1.0 + Math.Exp(-logit)), model.Score(sentence));
        }
    }

    [Theory]
    [InlineData("’Tis 1,000.5% of '99 isn't", "tis <num> of <num> isn't")]
    [InlineData("''Hello'' WORLD--3.5.1,x", "hello world <num>")]
    [InlineData("", "")]
    public void WordsAreLowerCasedWithNumbersFoldedAndApostrophesTrimmed(string text, string words) =>
        Assert.Equal(words, string.Join(' ', CheckworthyFeatures.Words(text)));

    [Fact]
    public void AOneSpeakerTranscriptOfManyLinesIsDescribedInLinearTime()
    {
        var sentences = Enumerable.Repeat("Taxes rose.", 200_000).ToArray();
        var contexts = CheckworthyContext.Describe(sentences, Enumerable.Repeat<string?>("SMITH", sentences.Length).ToArray());
        Assert.Equal(200_000, contexts[^1].TurnLength);
    }
}
