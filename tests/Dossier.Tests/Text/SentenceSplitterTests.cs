using System.Collections.Immutable;
using Dossier.Documents;
using Dossier.Extraction;
using Dossier.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dossier.Tests.Text;

public sealed class SentenceSplitterTests
{
    private static string[] Sentences(string text, ImmutableArray<Paragraph> paragraphs = default)
    {
        var tokens = new Tokenizer().Tokenize(text);
        return new SentenceSplitter().Split(text, tokens, paragraphs).Select(s => text[s.Span.Start..s.Span.End]).ToArray();
    }

    [Fact]
    public void AbbreviationsInsideASentenceDoNotEndIt() =>
        Assert.Equal(
            ["Secretary Mike Pompeo met Mr. Zhang in the U.S. on Monday.", "The U.S. President signed two orders."],
            Sentences("Secretary Mike Pompeo met Mr. Zhang in the U.S. on Monday. The U.S. President signed two orders."));

    [Fact]
    public void AnAbbreviationEndsASentenceWhenASentenceStarterFollows() =>
        Assert.Equal(["It sells in the U.S.", "The firm denies it."], Sentences("It sells in the U.S. The firm denies it."));

    [Fact]
    public void ClosingQuotesStayWithTheirSentence() =>
        Assert.Equal(
            ["“We question the motivation.”", "An Alibaba spokesperson said so."],
            Sentences("“We question the motivation.” An Alibaba spokesperson said so."));

    [Fact]
    public void AQuestionInsideAQuoteDoesNotEndTheSentence() =>
        Assert.Equal(["“Why now?” he asked."], Sentences("“Why now?” he asked."));

    [Fact]
    public void DecimalsMoneyAndEllipsesDoNotSplit() =>
        Assert.Equal(
            ["It paid $2.5 million and $135,000 to . . . your president.", "Then it stopped."],
            Sentences("It paid $2.5 million and $135,000 to . . . your president. Then it stopped."));

    [Fact]
    public void SentencesNeverCrossParagraphs()
    {
        const string text = "A headline without a period\n\nThe body starts here. It goes on.";
        var paragraphs = ImmutableArray.Create(new Paragraph(new TextSpan(0, 27), ParagraphKind.Title), new Paragraph(new TextSpan(29, text.Length)));
        Assert.Equal(["A headline without a period", "The body starts here.", "It goes on."], Sentences(text, paragraphs));
    }

    [Property(MaxTest = 300)]
    public Property SentencesAreOrderedDisjointAndCoverEveryToken() =>
        Prop.ForAll(
            Gen.Elements("Alibaba", "U.S.", "Mr.", "said", ".", "?", "!", "”", "“", "\"", " ", " ", "The", "it", "2.5", "...", "\n").ArrayOf()
                .Select(parts => string.Concat(parts)).ToArbitrary(),
            text =>
            {
                var tokens = new Tokenizer().Tokenize(text);
                var sentences = new SentenceSplitter().Split(text, tokens, default);
                var next = 0;
                foreach (var sentence in sentences)
                {
                    if (sentence.FirstToken != next || sentence.TokenCount <= 0) return false;
                    if (sentence.Span.Start != tokens[sentence.FirstToken].Span.Start || sentence.Span.End != tokens[sentence.EndToken - 1].Span.End) return false;
                    next = sentence.EndToken;
                }

                return next == tokens.Length;
            });
}
