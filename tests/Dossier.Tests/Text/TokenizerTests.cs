using Dossier.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dossier.Tests.Text;

public sealed class TokenizerTests
{
    private readonly Tokenizer _tokenizer = new();

    private string[] Tokens(string text) => _tokenizer.Tokenize(text).Select(t => text[t.Span.Start..t.Span.End]).ToArray();

    [Theory]
    [InlineData("in the U.S. and", new[] { "in", "the", "U.S.", "and" })]
    [InlineData("Mr. Smith met Gen. Li", new[] { "Mr.", "Smith", "met", "Gen.", "Li" })]
    [InlineData("Tencent Holdings Ltd., Baidu Inc., and", new[] { "Tencent", "Holdings", "Ltd.", ",", "Baidu", "Inc.", ",", "and" })]
    [InlineData("over $2.5 million", new[] { "over", "$", "2.5", "million" })]
    [InlineData("a total of $135,000 from", new[] { "a", "total", "of", "$", "135,000", "from" })]
    [InlineData("more than 20% this year", new[] { "more", "than", "20", "%", "this", "year" })]
    [InlineData("Alibaba’s primary focus", new[] { "Alibaba", "’s", "primary", "focus" })]
    [InlineData("it doesn't matter", new[] { "it", "does", "n't", "matter" })]
    [InlineData("the e-commerce giant", new[] { "the", "e-commerce", "giant" })]
    [InlineData("a Hong Kong-based analyst", new[] { "a", "Hong", "Kong-based", "analyst" })]
    [InlineData("“completely false” and", new[] { "“", "completely", "false", "”", "and" })]
    [InlineData("property.”", new[] { "property", ".", "”" })]
    [InlineData("give it to . . . your president", new[] { "give", "it", "to", ". . .", "your", "president" })]
    [InlineData("wait... what…", new[] { "wait", "...", "what", "…" })]
    [InlineData("see https://example.com/a?b=1, then", new[] { "see", "https://example.com/a?b=1", ",", "then" })]
    [InlineData("mail press@alibaba-inc.com now", new[] { "mail", "press@alibaba-inc.com", "now" })]
    [InlineData("security — and", new[] { "security", "—", "and" })]
    [InlineData("U.S.-China summit", new[] { "U.S.", "-", "China", "summit" })]
    [InlineData("AT&T said", new[] { "AT&T", "said" })]
    public void SplitsNewsTextAsCoNllDoes(string text, string[] expected) => Assert.Equal(expected, Tokens(text));

    [Fact]
    public void MarksNumbersUrlsAndEmails()
    {
        var tokens = _tokenizer.Tokenize("2.5 www.x.org a@b.co word");
        Assert.Equal([TokenKind.Number, TokenKind.Url, TokenKind.Email, TokenKind.Word], tokens.Select(t => t.Kind));
    }

    private static Arbitrary<string> NewsLikeText() =>
        Gen.Elements("Alibaba", "U.S.", "Inc.", "$", "2.5", "135,000", "%", "“", "”", "\"", "'", "’s", ".", ",", "—", "-", "...", "…",
                "\n", "\n\n", " ", "  ", "\t", "e-commerce", "http://a.b/c", "x@y.z", "Mr.", "?", "!", ":", "(", ")", "阿里巴巴", "😀", "\u200B", "é")
            .ArrayOf()
            .Select(parts => string.Concat(parts))
            .ToArbitrary();

    [Property(MaxTest = 500)]
    public Property SpansLieInsideTheTextInOrderWithoutOverlap() =>
        Prop.ForAll(NewsLikeText(), text =>
        {
            var tokens = _tokenizer.Tokenize(text);
            var previousEnd = 0;
            foreach (var token in tokens)
            {
                if (token.Span.Start < previousEnd || token.Span.End > text.Length || token.Span.IsEmpty) return false;
                previousEnd = token.Span.End;
            }

            return true;
        });

    [Property(MaxTest = 500)]
    public Property NoNonSpaceCharacterIsLost() =>
        Prop.ForAll(NewsLikeText(), text =>
        {
            var covered = new bool[text.Length];
            foreach (var token in _tokenizer.Tokenize(text))
            {
                for (var i = token.Span.Start; i < token.Span.End; i++) covered[i] = true;
            }

            return text.Select((c, i) => covered[i] || char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\uFEFF' or '\u00AD' or '\u200C' or '\u200D').All(ok => ok);
        });

    [Property(MaxTest = 300)]
    public Property ArbitraryStringsNeverBreakTheTokenizer() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), value =>
        {
            var text = value.Get;
            return _tokenizer.Tokenize(text).All(t => t.Span.End <= text.Length && !t.Span.IsEmpty);
        });
}
