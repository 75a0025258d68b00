using Dossier.Entities.Ner;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dossier.Tests.Entities;

public sealed class TagSchemeTests
{
    [Fact]
    public void BilouMarksSingleAndLastTokens()
    {
        int[] iob2 = [NerLabels.Begin(0), NerLabels.Inside(0), NerLabels.Inside(0), 0, NerLabels.Begin(2), NerLabels.Begin(2)];
        var bilou = TagScheme.Bilou.FromIob2(iob2);
        Assert.Equal([1, 2, 3, 0, 12, 12], bilou);
        Assert.Equal(iob2, TagScheme.Bilou.ToIob2(bilou));
    }

    [Property]
    public Property SpansSurviveTheRoundTrip(int[] raw)
    {
        // Any tag sequence, read leniently as conlleval reads it, names the same spans after BILOU and back.
        var tags = raw.Select(x => Math.Abs(x % NerLabels.Count)).ToArray();
        var canonical = new int[tags.Length];
        foreach (var chunk in ConllScore.Chunks(tags))
        {
            canonical[chunk.Start] = NerLabels.Begin(chunk.Type);
            for (var t = chunk.Start + 1; t < chunk.End; t++) canonical[t] = NerLabels.Inside(chunk.Type);
        }

        var back = TagScheme.Bilou.ToIob2(TagScheme.Bilou.FromIob2(canonical));
        return ConllScore.Chunks(back).SetEquals(ConllScore.Chunks(canonical)).ToProperty();
    }

    [Fact]
    public void BilouForbidsUnclosedAndUnopenedSpans()
    {
        var s = TagScheme.Bilou;
        Assert.False(s.Allowed(0, 2));   // I-PER after O
        Assert.False(s.Allowed(1, 0));   // O after B-PER
        Assert.False(s.Allowed(1, 7));   // L-ORG after B-PER
        Assert.True(s.Allowed(1, 3));    // L-PER after B-PER
        Assert.True(s.Allowed(4, 5));    // B-ORG after U-PER
        Assert.False(s.CanStart(2));
        Assert.False(s.CanEnd(1));
    }
}
