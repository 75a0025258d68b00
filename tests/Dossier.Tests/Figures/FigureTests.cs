using Dossier.Documents;
using Dossier.Figures;
using Dossier.Tests.Entities;

namespace Dossier.Tests.Figures;

[Collection(EntityPipelineCollection.Name)]
public sealed class FigureTests(EntityPipelineFixture fixture)
{
    private static readonly FigureStage Stage = new(FigureLexicon.Load());

    public static TheoryData<string, string, FigureKind, string> SampleFigures => new()
    {
        { "000_2eccd1d69f1900d9.txt", "$2.5 million", FigureKind.MONEY, "2500000 USD" },
        { "000_2eccd1d69f1900d9.txt", "$1.2 million", FigureKind.MONEY, "1200000 USD" },
        { "000_2eccd1d69f1900d9.txt", "$135,000", FigureKind.MONEY, "135000 USD" },
        { "000_2eccd1d69f1900d9.txt", "80 percent", FigureKind.PERCENT, "0.8" },
        { "000_2eccd1d69f1900d9.txt", "$2.8 million", FigureKind.MONEY, "2800000 USD" },
        { "000_2eccd1d69f1900d9.txt", "$300,000 U.S. dollars", FigureKind.MONEY, "300000 USD" },
        { "000_2eccd1d69f1900d9.txt", "1996", FigureKind.DATE, "1996" },
        { "001_7fd185946db02069.txt", "20%", FigureKind.PERCENT, "0.2" },
    };

    [Theory]
    [MemberData(nameof(SampleFigures))]
    public void SampleFiguresAreNormalised(string file, string text, FigureKind kind, string normalized)
    {
        var document = fixture.AnalyzeSample(file);
        var figure = Assert.Single(document.Get(Layers.Figures), f => document.TextOf(f.Span) == text);
        Assert.Equal(kind, figure.Kind);
        Assert.Equal(normalized, figure.Normalized);
    }

    [Fact]
    public void MoneyAndPercentValuesAreNumbers()
    {
        var document = fixture.AnalyzeSample("000_2eccd1d69f1900d9.txt");
        var figures = document.Get(Layers.Figures).GroupBy(f => document.TextOf(f.Span)).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(2500000m, figures["$2.5 million"].Value);
        Assert.Equal("USD", figures["$2.5 million"].Unit);
        Assert.Equal(0.80m, figures["80 percent"].Value);
        Assert.Equal(135000m, figures["$135,000"].Value);
    }

    [Fact]
    public void AFigureIsAboutTheEntityBeforeItInItsSentence()
    {
        var document = fixture.AnalyzeSample("000_2eccd1d69f1900d9.txt");
        var figure = document.Get(Layers.Figures).Single(f => document.TextOf(f.Span) == "$2.5 million");
        Assert.Equal("Alibaba", figure.About);
        Assert.NotNull(figure.AboutEntityId);
    }

    [Theory]
    [InlineData("Profit rose to 4.5 billion euros last year.", "4.5 billion euros", FigureKind.MONEY, "4500000000 EUR")]
    [InlineData("It paid US$ 12 million for the stake.", "US$ 12 million", FigureKind.MONEY, "12000000 USD")]
    [InlineData("Sales fell 3.2 pct in March.", "3.2 pct", FigureKind.PERCENT, "0.032")]
    [InlineData("Unemployment was 5 per cent.", "5 per cent", FigureKind.PERCENT, "0.05")]
    [InlineData("The deal closed on August 24, 2020 in Hangzhou.", "August 24, 2020", FigureKind.DATE, "2020-08-24")]
    [InlineData("The deal closed on 3 March 2021.", "3 March 2021", FigureKind.DATE, "2021-03-03")]
    [InlineData("Shipments began in October 2019.", "October 2019", FigureKind.DATE, "2019-10")]
    [InlineData("It employs 12,500 people.", "12,500", FigureKind.QUANTITY, "12500")]
    [InlineData("Arrivals were 155,221 bags.", "155,221", FigureKind.QUANTITY, "155221")]
    [InlineData("It has 2.3 million users.", "2.3 million", FigureKind.QUANTITY, "2300000")]
    [InlineData("It raised 300 yuan.", "300 yuan", FigureKind.MONEY, "300 CNY")]
    [InlineData("It cost £40 million.", "£ 40 million", FigureKind.MONEY, "40000000 GBP")]
    public void FiguresInRunningText(string sentence, string text, FigureKind kind, string normalized)
    {
        var document = fixture.Analyze(sentence);
        var figure = Assert.Single(document.Get(Layers.Figures), f => document.TextOf(f.Span) == text || document.TextOf(f.Span).Replace(" ", "") == text.Replace(" ", ""));
        Assert.Equal(kind, figure.Kind);
        Assert.Equal(normalized, figure.Normalized);
    }

    [Theory]
    [InlineData("1,2345")]
    [InlineData("abc")]
    [InlineData("")]
    public void MalformedNumbersAreNotNumbers(string word) => Assert.Null(FigureStage.ParseNumber(word));

    [Fact]
    public void FindNeverOverlapsFigures()
    {
        string[] words = ["$", "2.5", "million", "and", "20", "%", "in", "2020", "and", "5", "million", "dollars"];
        var found = Stage.Find(words).ToList();
        for (var i = 1; i < found.Count; i++) Assert.True(found[i].First >= found[i - 1].End);
        Assert.Equal(4, found.Count);
    }
}
