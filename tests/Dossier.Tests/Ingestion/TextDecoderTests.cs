using System.Text;
using Dossier.Ingestion;

namespace Dossier.Tests.Ingestion;

public sealed class TextDecoderTests
{
    static TextDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Sample = "Alibaba’s “Clean Network” – café, naïve, 20% of €2.5 million.";

    [Fact]
    public void ReadsUtf16WithByteOrderMark()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Sample)).ToArray();
        var (text, failure) = TextDecoder.Decode(bytes);
        Assert.Null(failure);
        Assert.Equal(Sample, text!.Text);
    }

    [Fact]
    public void ReadsBigEndianUtf16WithoutByteOrderMark()
    {
        var (text, _) = TextDecoder.Decode(Encoding.BigEndianUnicode.GetBytes("Plain ASCII news text about Alibaba."));
        Assert.Equal("Plain ASCII news text about Alibaba.", text!.Text);
    }

    [Fact]
    public void ReadsUtf8WithAndWithoutByteOrderMark()
    {
        Assert.Equal(Sample, TextDecoder.Decode(Encoding.UTF8.GetBytes(Sample)).Text!.Text);
        Assert.Equal(Sample, TextDecoder.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Sample)]).Text!.Text);
    }

    [Fact]
    public void ReadsDeclaredWindows1252()
    {
        var html = "<html><head><meta charset=\"windows-1252\"></head><body><p>" + Sample + "</p></body></html>";
        var (text, failure) = TextDecoder.Decode(Encoding.GetEncoding(1252).GetBytes(html), sniffMarkup: true);
        Assert.Null(failure);
        Assert.Contains(Sample, text!.Text);
        Assert.Equal("windows-1252", text.EncodingName);
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("no-such-charset")]
    public void A_declared_charset_that_cannot_be_used_is_ignored_not_fatal(string charset)
    {
        var html = "<html><head><meta charset=\"" + charset + "\"></head><body><p>" + Sample + "</p></body></html>";
        var (text, failure) = TextDecoder.Decode(Encoding.UTF8.GetBytes(html), sniffMarkup: true);
        Assert.Null(failure);
        Assert.Contains(Sample, text!.Text, StringComparison.Ordinal);
        Assert.Equal(Sample, TextDecoder.Decode(Encoding.UTF8.GetBytes(Sample), declaredCharset: charset).Text!.Text);
    }

    [Fact]
    public void ReadsDeclaredGbk()
    {
        const string chinese = "阿里巴巴集团控股有限公司否认了报道。";
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>" + chinese + "</p></body></html>";
        var (text, _) = TextDecoder.Decode(Encoding.GetEncoding("gbk").GetBytes(html), sniffMarkup: true);
        Assert.Contains(chinese, text!.Text);
    }

    [Fact]
    public void InvalidUtf8IsDecodedWithAWarningNotRefused()
    {
        var latin1 = Encoding.GetEncoding(1252).GetBytes("Caf\u00e9 owners in S\u00e3o Paulo said the r\u00e9gime's fees rose.");
        var (text, failure) = TextDecoder.Decode(latin1);
        Assert.Null(failure);
        Assert.NotNull(text!.Warning);
        Assert.Contains("Paulo said", text.Text);
    }

    [Fact]
    public void BinaryJunkIsRefusedWithAReason()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        var (text, failure) = TextDecoder.Decode(junk);
        Assert.Null(text);
        Assert.Contains("binary", failure);
    }
}
