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
        var contextFeatures = Score(blocks);
        var kept = new List<TextBlock>();
        for (var i = 0; i < blocks.Count; i++)
        {
            blocks[i].FinalScore = classifier.Context.Logit(contextFeatures[i]);
            if (blocks[i].FinalScore >= classifier.Threshold) kept.Add(blocks[i]);
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

    /// <summary>Runs the local stage and the container choice; returns each block's context-stage features.</summary>
    public List<double[]> Score(List<TextBlock> blocks)
    {
        var localCount = BlockFeatures.LocalCount(keywords);
        var features = Features(blocks, BlockFeatures.ContextOnlyCount);
        for (var i = 0; i < blocks.Count; i++) blocks[i].LocalScore = classifier.Local.Logit(features[i].AsSpan(0, localCount));

        var container = ChooseContainer(blocks);
        var wordsByTag = new Dictionary<string, int>(StringComparer.Ordinal);
        var positiveWords = 0;
        foreach (var block in blocks.Where(b => b.LocalScore > 0))
        {
            wordsByTag[block.Tag] = wordsByTag.GetValueOrDefault(block.Tag) + block.Words;
            positiveWords += block.Words;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var share = positiveWords == 0 ? 0 : (double)wordsByTag.GetValueOrDefault(blocks[i].Tag) / positiveWords;
            BlockFeatures.Context(features[i], localCount, blocks, i, container, share);
        }

        return features;
    }

    public List<double[]> LocalFeatures(List<TextBlock> blocks) => Features(blocks, room: 0);

    private List<double[]> Features(List<TextBlock> blocks, int room)
    {
        var page = new PageStats(blocks);
        var features = new List<double[]>(blocks.Count);
        foreach (var block in blocks) features.Add(BlockFeatures.Local(block, blocks.Count, keywords, page, chrome, room));
        return features;
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
