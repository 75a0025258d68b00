using System.Globalization;
using Dossier.Linking;

namespace Dossier.Tests.Linking;

/// <summary>
/// Seeded articles for story tests: families of rewrites of one text (words changed, sentences dropped), articles that
/// splice two families together (so that a later article joins two earlier stories into one), and texts without words.
/// </summary>
internal static class StoryCorpus
{
    public static List<StoryInput> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 400).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var families = Enumerable.Range(0, Math.Max(2, count / 6)).Select(_ => Sentences(random, vocabulary)).ToList();
        var documents = new List<StoryInput>(count);
        for (var i = 0; i < count; i++)
        {
            var id = "doc-" + random.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture) + "-" + i.ToString(CultureInfo.InvariantCulture);
            var site = random.Next(4) == 0 ? null : "site" + random.Next(6).ToString(CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? ".example" : ".EXAMPLE");
            var roll = random.Next(20);
            var text = roll switch
            {
                0 => random.Next(2) == 0 ? "" : "!!! ...",
                1 or 2 => string.Join(' ', Rewrite(random, vocabulary, families[random.Next(families.Count)]).Take(6)
                    .Concat(Rewrite(random, vocabulary, families[random.Next(families.Count)]).Skip(6))),
                _ => string.Join(' ', Rewrite(random, vocabulary, families[random.Next(families.Count)])),
            };
            documents.Add(new StoryInput(id, text, site));
        }

        return documents;
    }

    private static List<string> Sentences(Random random, string[] vocabulary) =>
        [.. Enumerable.Range(0, 12).Select(_ => string.Join(' ', Enumerable.Range(0, 12).Select(_ => vocabulary[random.Next(vocabulary.Length)])) + ".")];

    /// <summary>A rewrite: some sentences dropped, some words replaced; how much varies, so that some rewrites stay apart.</summary>
    private static List<string> Rewrite(Random random, string[] vocabulary, List<string> sentences)
    {
        var change = random.NextDouble() * 0.3;
        return sentences
            .Where(_ => random.NextDouble() > change)
            .Select(sentence => string.Join(' ', sentence.Split(' ').Select(word => random.NextDouble() < change ? vocabulary[random.Next(vocabulary.Length)] : word)))
            .ToList();
    }
}
