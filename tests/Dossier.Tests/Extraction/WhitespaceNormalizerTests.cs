using System.Text;
using Dossier.Extraction;
using FsCheck;
using FsCheck.Xunit;

namespace Dossier.Tests.Extraction;

public sealed class WhitespaceNormalizerTests
{
    private const string Alphabet = "ab \t\n\u00A0\u200B\u00AD\u0001";

    /// <summary>Text found already collapsed is returned as it is; the result must equal a full rebuild of any text.</summary>
    [Property]
    public bool StringTextCollapsesAsABuiltOneDoes(int[] raw)
    {
        var text = new string(raw.Select(r => Alphabet[Math.Abs(r % Alphabet.Length)]).ToArray());
        return WhitespaceNormalizer.CollapseInline(text) == WhitespaceNormalizer.CollapseInline(new StringBuilder(text));
    }

    [Theory]
    [InlineData("a b", "a b")]
    [InlineData("", "")]
    [InlineData(" a", "a")]
    [InlineData("a ", "a")]
    [InlineData("a  b", "a b")]
    [InlineData("a\u00A0b", "a b")]
    [InlineData("a\u200Bb", "ab")]
    [InlineData("a\nb", "a b")]
    public void CollapsesWhiteSpace(string text, string expected) => Assert.Equal(expected, WhitespaceNormalizer.CollapseInline(text));
}
