using Dossier.Entities;

namespace Dossier.Tests.Entities;

public sealed class HeadlineCasingTests
{
    private static IReadOnlyList<string>[] Apply(Func<string, bool>? usuallyLower, Func<string, bool>? knownName, params string[] lines)
    {
        var sentences = lines.Select(line => (IReadOnlyList<string>)line.Split(' ')).ToArray();
        HeadlineCasing.Apply(sentences, usuallyLower, knownName);
        return sentences;
    }

    [Fact]
    public void TitleCaseWordsTheBodyWritesInLowerCaseAreLowered()
    {
        var result = Apply(null, null, "Alibaba Reassures Trump to Ease Tension", "Alibaba reassures investors as Trump seeks to ease tension .");
        Assert.Equal(["Alibaba", "reassures", "Trump", "to", "ease", "tension"], result[0]);
    }

    [Fact]
    public void NamesTheBodyCapitalisesStay()
    {
        var result = Apply(_ => true, _ => false, "Alibaba Denounces Report on Alleged PLA Ties", "The report said Alibaba helped the PLA .");
        Assert.Equal("Alibaba", result[0][0]);
        Assert.Equal("PLA", result[0][5]);
        Assert.Equal("denounces", result[0][1]);
    }

    [Fact]
    public void RunningTextIsLeftAlone()
    {
        var result = Apply(_ => true, _ => false, "Shares of Baidu Inc. rose on Monday in New York .");
        Assert.Equal("Shares of Baidu Inc. rose on Monday in New York .".Split(' '), result[0]);
    }

    [Fact]
    public void AHeadlinesCommonNounPhraseThatTheRunningTextNeverCapitalisesIsNoName()
    {
        var sentences = new[] { "Breaking : New Report Revealed That Alibaba Spent Millions", "The Just News Report said Alibaba spent millions ." }
            .Select(line => (IReadOnlyList<string>)line.Split(' ')).ToArray();
        var reading = HeadlineCasing.Apply(sentences, word => word is "report" or "spent", _ => false);
        Assert.True(reading.IsHeadline(0));
        Assert.False(reading.IsHeadline(1));
        Assert.True(reading.IsCommonNounPhrase(["New", "Report"], word => word is "report", _ => false));
    }

    [Fact]
    public void AHeadlineNameTheRunningTextWritesOrANameListHoldsStays()
    {
        var sentences = new[] { "Heritage Foundation Warns Of New Risks To Trade", "A fellow at the Heritage Foundation spoke ." }
            .Select(line => (IReadOnlyList<string>)line.Split(' ')).ToArray();
        var reading = HeadlineCasing.Apply(sentences, _ => true, _ => false);
        Assert.False(reading.IsCommonNounPhrase(["Heritage", "Foundation"], _ => true, _ => false));
        Assert.True(reading.IsCommonNounPhrase(["Trade", "Foundation"], _ => true, _ => false));
        Assert.False(reading.IsCommonNounPhrase(["Trade", "Foundation"], _ => true, _ => true));
        Assert.False(reading.IsCommonNounPhrase(["Alibaba"], word => word != "alibaba", _ => false));
    }
}
