using Dossier.Linking.Stance;

namespace Dossier.Tests.Linking;

public sealed class StanceTests
{
    [Fact]
    public void Csv_reads_quoted_commas_quotes_and_line_breaks()
    {
        var text = "Body ID,articleBody\r\n1,\"He said, \"\"no\"\".\nNew line\"\r\n2,plain\n3,\"\"";
        var records = Csv.Read(new StringReader(text)).ToList();
        Assert.Equal(4, records.Count);
        Assert.Equal(["1", "He said, \"no\".\nNew line"], records[1]);
        Assert.Equal(["2", "plain"], records[2]);
        Assert.Equal(["3", ""], records[3]);
    }

    [Fact]
    public void Csv_quote_round_trips()
    {
        var field = "a \"quoted\", multi\nline field";
        Assert.Equal(["x", field], Csv.Read(new StringReader("x," + Csv.Quote(field))).Single());
        Assert.Equal("plain", Csv.Quote("plain"));
    }

    [Fact]
    public void Fnc_files_are_read_by_column_name_and_keep_input_order()
    {
        var bodies = FncData.ReadBodies(new StringReader("Body ID,articleBody\n7,\"Text, with comma\"\n9,Other"));
        var stances = FncData.ReadStances(new StringReader("Headline,Body ID,Stance\n\"B, first\",9,agree\nA second,7,unrelated\nno label,7,\n"));
        Assert.Equal("Text, with comma", bodies["7"]);
        Assert.Equal(["B, first", "A second", "no label"], stances.Select(s => s.Headline));
        Assert.Equal([StanceLabel.Agree, StanceLabel.Unrelated, null], stances.Select(s => s.Stance));
        Assert.Throws<InvalidDataException>(() => FncData.ReadStances(new StringReader("Title,Body\nx,1")));
    }

    [Fact]
    public void The_weighted_score_follows_the_official_rules()
    {
        StanceLabel[] gold = [StanceLabel.Unrelated, StanceLabel.Agree, StanceLabel.Disagree, StanceLabel.Discuss, StanceLabel.Agree];
        StanceLabel[] predicted = [StanceLabel.Unrelated, StanceLabel.Agree, StanceLabel.Discuss, StanceLabel.Unrelated, StanceLabel.Agree];
        var score = FncScore.Of(gold, predicted);
        Assert.Equal(0.25 + 1.0 + 0.25 + 0 + 1.0, score.Raw, 6);
        Assert.Equal(0.25 + 4 * 1.0, score.Max, 6);
        Assert.Equal(1.0, FncScore.Of(gold, gold).Relative, 6);
        Assert.Equal(1.0, score.ClassF1[(int)StanceLabel.Agree], 6);
        Assert.Equal(0.0, score.ClassF1[(int)StanceLabel.Disagree], 6);
    }

    private static (StanceFeaturizer Featurizer, List<SparseVector> Inputs, List<int> Labels) Toy()
    {
        // Related pairs share the headline's topic with the body; refuting bodies say "hoax"; unrelated ones share nothing.
        string[] topics = ["volcano erupts island", "bank fined regulators", "satellite launch rocket", "football transfer striker", "vaccine trial results"];
        var vocabulary = StanceVocabulary.Build(topics.Concat(["hoax false fake denied", "officials confirmed statement"]), 100);
        var featurizer = new StanceFeaturizer(vocabulary);
        var inputs = new List<SparseVector>();
        var labels = new List<int>();
        for (var i = 0; i < topics.Length; i++)
        {
            var headline = topics[i];
            inputs.Add(featurizer.Featurize(headline, featurizer.ReadBody($"Officials confirmed the {topics[i]} statement.")));
            labels.Add((int)StanceLabel.Agree);
            inputs.Add(featurizer.Featurize(headline, featurizer.ReadBody($"The {topics[i]} story is a hoax, false and fake; it was denied.")));
            labels.Add((int)StanceLabel.Disagree);
            inputs.Add(featurizer.Featurize(headline, featurizer.ReadBody(topics[(i + 2) % topics.Length] + " " + topics[(i + 3) % topics.Length])));
            labels.Add((int)StanceLabel.Unrelated);
        }

        return (featurizer, inputs, labels);
    }

    [Fact]
    public void Training_learns_a_toy_task_and_is_deterministic()
    {
        var (featurizer, inputs, labels) = Toy();
        var options = new StanceTrainingOptions(Hidden: 16, Epochs: 60, BatchSize: 5, LearningRate: 0.01f, Dropout: 0.1f);
        var first = StanceTrainer.Train(inputs, labels, featurizer.Dimension, options);
        var second = StanceTrainer.Train(inputs, labels, featurizer.Dimension, options);
        var predictions = inputs.Select(x => StanceClassifier.ArgMax(first.Predict(x))).ToList();
        Assert.True(predictions.Zip(labels).Count(p => p.First == p.Second) >= labels.Count - 1, "the toy task should be learnt");
        Assert.All(inputs, x => Assert.Equal(first.Predict(x), second.Predict(x)));

        using var stream = new MemoryStream();
        first.Save(stream);
        stream.Position = 0;
        var loaded = StanceNetwork.Load(stream);
        Assert.All(inputs, x => Assert.Equal(first.Predict(x), loaded.Predict(x)));
    }

    [Fact]
    public void A_corrupt_network_file_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => StanceNetwork.Load(new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8])));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(0x534E4331);
            writer.Write(int.MaxValue);
            writer.Write(100);
            writer.Write(4);
        }

        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => StanceNetwork.Load(stream));
    }

    [Fact]
    public void Hostile_bodies_are_read_within_bounds()
    {
        var (featurizer, _, _) = Toy();
        var body = featurizer.ReadBody(string.Concat(Enumerable.Repeat("hoax. ", 100_000)) + new string('x', 300_000));
        Assert.True(body.Sentences.Count <= 400);
        var features = featurizer.Featurize(new string('?', 10_000), body);
        Assert.All(features.Indices, i => Assert.InRange(i, 0, featurizer.Dimension - 1));
    }

    [Fact]
    public async Task The_trained_model_tells_the_denial_article_from_an_unrelated_headline()
    {
        var directory = Path.Combine(RepoPaths.Root, "models", "stance");
        if (!File.Exists(Path.Combine(directory, StanceClassifier.NetworkFile)))
        {
            Console.WriteLine("models/stance is absent: skipped");
            return;
        }

        var classifier = await StanceClassifier.LoadAsync(directory, CancellationToken.None);
        var body = classifier.Featurizer.ReadBody(File.ReadAllText(Directory.GetFiles(RepoPaths.Samples, "002_*.txt").Single()));
        Assert.Equal(StanceLabel.Unrelated, classifier.Classify("Pregnant woman loses eye after police fire bean bag round through car window", body));
        Assert.NotEqual(StanceLabel.Unrelated, classifier.Classify("Alibaba provided support to China's People's Liberation Army, report says", body));
    }
}
