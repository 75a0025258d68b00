namespace Dossier.Extraction.Html;

/// <summary>
/// Decides which blocks are the article: scores each block alone, picks the container whose blocks add up to the most
/// article-like text, then rescores each block knowing its neighbours and whether it lies in that container.
/// </summary>
internal sealed class ContentSelector(BlockClassifier classifier, RegionKeywords keywords, ChromeLines chrome)
{
    /// <summary>How far up a block's ancestors the container search looks; pages nest far deeper than articles do.</summary>
    private const int MaxClimb = 60;

    public BlockClassifier Classifier => classifier;

    public List<TextBlock> Select(List<TextBlock> blocks)
    {
        Run(blocks, collected: null);
        var kept = new List<TextBlock>();
        foreach (var block in blocks)
        {
            if (block.FinalScore >= classifier.Threshold) kept.Add(block);
        }

        return kept.Count > 0 ? kept : Fallback(blocks);
    }

    /// <summary>
    /// When no block clears the threshold the page is still more likely an article the model misreads than one with no
    /// text: keep the container's best-scored blocks, those within a margin of the best.
    /// </summary>
    private List<TextBlock> Fallback(List<TextBlock> blocks)
    {
        var candidates = blocks.Where(b => b.InContainer && b.Words >= 3).ToList();
        if (candidates.Count == 0) candidates = blocks.Where(b => b.Words >= 3).ToList();
        if (candidates.Count == 0) return [];
        var best = candidates.Max(b => b.FinalScore);
        return candidates.Where(b => b.FinalScore >= Math.Min(classifier.Threshold, best) - FallbackMargin).ToList();
    }

    private const double FallbackMargin = 2.0;

    /// <summary>Runs both stages and the container choice; returns each block's context-stage features.</summary>
    public List<double[]> Score(List<TextBlock> blocks)
    {
        var features = new List<double[]>(blocks.Count);
        Run(blocks, features);
        return features;
    }

    public List<double[]> LocalFeatures(List<TextBlock> blocks)
    {
        var page = new PageStats(blocks);
        var features = new List<double[]>(blocks.Count);
        foreach (var block in blocks)
        {
            var local = new double[BlockFeatures.LocalCount(keywords)];
            BlockFeatures.Local(block, blocks.Count, keywords, page, chrome, local);
            features.Add(local);
        }

        return features;
    }

    /// <summary>
    /// Scores every block, first alone, then in its context. Each block's features are built in one buffer, and the context
    /// model's sum over the local features is kept from the first stage to the second, so that no block needs an array of
    /// its own; <paramref name="collected"/>, when given, receives a copy of each block's features (for training).
    /// </summary>
    private void Run(List<TextBlock> blocks, List<double[]>? collected)
    {
        var localCount = BlockFeatures.LocalCount(keywords);
        var buffer = new double[localCount + BlockFeatures.ContextOnlyCount];
        var local = buffer.AsSpan(0, localCount);
        var context = buffer.AsSpan(localCount);
        var contextSums = new double[blocks.Count];
        var page = new PageStats(blocks);
        for (var i = 0; i < blocks.Count; i++)
        {
            local.Clear();
            BlockFeatures.Local(blocks[i], blocks.Count, keywords, page, chrome, local);
            blocks[i].LocalScore = classifier.Local.Logit(local);
            contextSums[i] = classifier.Context.AddTerms(classifier.Context.Bias, local, 0);
            collected?.Add(buffer.ToArray());
        }

        var container = ChooseContainer(blocks);
        var wordsByTag = new Dictionary<string, int>(StringComparer.Ordinal);
        var positiveWords = 0;
        foreach (var block in blocks)
        {
            if (block.LocalScore <= 0) continue;
            wordsByTag[block.Tag] = wordsByTag.GetValueOrDefault(block.Tag) + block.Words;
            positiveWords += block.Words;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var share = positiveWords == 0 ? 0 : (double)wordsByTag.GetValueOrDefault(blocks[i].Tag) / positiveWords;
            BlockFeatures.Context(context, blocks, i, container, share);
            blocks[i].FinalScore = classifier.Context.AddTerms(contextSums[i], context, localCount);
            if (collected is not null) context.CopyTo(collected[i].AsSpan(localCount));
        }
    }

    private static (int First, int Last) ChooseContainer(List<TextBlock> blocks)
    {
        var touched = new HashSet<RegionNode>(ReferenceEqualityComparer.Instance);
        foreach (var block in blocks)
        {
            block.InContainer = false;
            var node = block.Owner.Block;
            for (var level = 0; node is not null && level < MaxClimb; level++, node = node.Parent)
            {
                if (touched.Add(node)) node.ContainerScore = 0;
            }
        }

        foreach (var block in blocks)
        {
            var vote = (LogisticModel.Sigmoid(block.LocalScore) - 0.5) * 2 * Math.Max(1, block.Words);
            var node = block.Owner.Block;
            for (var level = 0; node is not null && level < MaxClimb; level++, node = node.Parent)
            {
                node.ContainerScore += vote;
            }
        }

        RegionNode? best = null;
        foreach (var node in touched)
        {
            if (best is null || node.ContainerScore > best.ContainerScore) best = node;
        }

        int first = int.MaxValue, last = -1;
        foreach (var block in blocks)
        {
            var node = block.Owner.Block;
            for (var level = 0; node is not null && level < MaxClimb; level++, node = node.Parent)
            {
                if (ReferenceEquals(node, best))
                {
                    block.InContainer = true;
                    first = Math.Min(first, block.Index);
                    last = Math.Max(last, block.Index);
                    break;
                }
            }
        }

        return first == int.MaxValue ? (0, blocks.Count - 1) : (first, last);
    }
}
