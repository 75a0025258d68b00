namespace Dossier.Bench;

/// <summary>
/// A near-duplicate test set: each staged article becomes a story of its original and up to three rewrites made by
/// controlled operations (sentence drops, reorders, boilerplate swaps, headline changes), mixed with articles that
/// have no copies at all.
/// </summary>
internal static class LinkingRewrites
{
    public sealed record Item(string Id, string StoryId, string Text, string Operations);

    private static readonly string[] Boilerplate =
    [
        "Sign up for our daily newsletter to get the top business stories in your inbox every morning.",
        "Copyright 1987 Reuters. All rights reserved. Republication or redistribution is expressly prohibited without prior written consent.",
        "Follow us on Twitter and Facebook for the latest news. Share this article with your friends.",
        "This story was automatically generated from a wire feed and has not been edited by our staff.",
        "(Reporting by the Reuters desk; editing by the markets team.) Click here for more stories on commodities and markets.",
        "Advertisement. Continue reading the main story below. Subscribe now for unlimited access to all articles.",
        "Related coverage: markets, economy and company news. Read more in our business section.",
        "Comments are closed for this article. Please read our community guidelines before posting.",
    ];

    private static readonly string[] HeadlinePrefixes = ["UPDATE 1-", "UPDATE 2-", "CORRECTED-", "WRAPUP-", "ANALYSIS-"];

    public static List<Item> Build(IReadOnlyList<LinkingCorpus.Article> articles, int seed)
    {
        var random = new Random(seed);
        var items = new List<Item>();
        for (var a = 0; a < articles.Count; a++)
        {
            var article = articles[a];
            var story = "s" + a;
            items.Add(new Item(story + "-0", story, article.Title + "\n\n" + article.Body, "original"));
            var copies = random.Next(4);
            for (var c = 1; c <= copies; c++)
            {
                var (text, operations) = Rewrite(article, articles[random.Next(articles.Count)].Title, random);
                items.Add(new Item(story + "-" + c, story, text, operations));
            }
        }

        // Shuffle so that order of arrival tells nothing.
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    private static (string Text, string Operations) Rewrite(LinkingCorpus.Article article, string otherTitle, Random random)
    {
        var sentences = article.Sentences.ToList();
        var title = article.Title;
        var operations = new List<string>();
        var count = 1 + random.Next(3);
        var chosen = Enumerable.Range(0, 4).OrderBy(_ => random.Next()).Take(count).ToList();
        foreach (var operation in chosen)
        {
            switch (operation)
            {
                case 0 when sentences.Count > 2:
                    var drops = Math.Max(1, (int)Math.Round(sentences.Count * (0.1 + random.NextDouble() * 0.2)));
                    for (var d = 0; d < drops && sentences.Count > 2; d++) sentences.RemoveAt(random.Next(sentences.Count));
                    operations.Add($"drop {drops}");
                    break;
                case 1 when sentences.Count > 2:
                    var swaps = 1 + random.Next(2);
                    for (var s = 0; s < swaps; s++)
                    {
                        var i = random.Next(sentences.Count - 1);
                        (sentences[i], sentences[i + 1]) = (sentences[i + 1], sentences[i]);
                    }

                    operations.Add($"reorder {swaps}");
                    break;
                case 2:
                    sentences.Insert(0, Boilerplate[random.Next(Boilerplate.Length)]);
                    sentences.Add(Boilerplate[random.Next(Boilerplate.Length)]);
                    operations.Add("boilerplate");
                    break;
                case 3:
                    title = random.Next(3) switch
                    {
                        0 => HeadlinePrefixes[random.Next(HeadlinePrefixes.Length)] + title,
                        1 => System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(title.ToLowerInvariant()) + " - sources",
                        _ => otherTitle,
                    };
                    operations.Add("headline");
                    break;
            }
        }

        return (title + "\n\n" + string.Join(' ', sentences), string.Join(", ", operations));
    }
}
