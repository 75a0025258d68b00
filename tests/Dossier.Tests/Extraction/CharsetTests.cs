using System.Text;
using Dossier.Extraction;
using Dossier.Ingestion;

namespace Dossier.Tests.Extraction;

/// <summary>Pages in the encodings news sites still use, declared or not.</summary>
public sealed class CharsetTests
{
    static CharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly ArticleExtractor Extractor = new();

    private static string Page(string charsetMeta, string body) =>
        $"<html><head>{charsetMeta}<title>Test</title></head><body><article><p>{body}</p></article></body></html>";

    private static string ExtractText(byte[] bytes) =>
        Extractor.Extract(RawInput.FromBytes("page.html", bytes, InputFormat.Html), CancellationToken.None).Document?.Text ?? "";

    [Fact]
    public void Windows1252Declared()
    {
        const string body = "Le café coûtait 3,50 € à Zürich — «naïve» façade, señor Muñoz said in the long interview with the newspaper.";
        var bytes = Encoding.GetEncoding(1252).GetBytes(Page("<meta charset=\"windows-1252\">", body));
        Assert.Contains(body, ExtractText(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Iso88591DeclaredByHttpEquivIsReadAsWindows1252()
    {
        const string body = "Les élèves ont reçu leurs résultats – «très bien» – après une longue journée d’examens à l’école.";
        var bytes = Encoding.GetEncoding(1252).GetBytes(Page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">", body));
        Assert.Contains(body, ExtractText(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void GbkDeclared()
    {
        const string body = "阿里巴巴集团今天宣布，公司第三季度收入同比增长百分之三十，超过市场预期。分析人士认为，云计算业务是主要的增长动力。";
        var bytes = Encoding.GetEncoding("gbk").GetBytes(Page("<meta charset=\"gb2312\">", body));
        Assert.Contains(body, ExtractText(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void ShiftJisUndeclaredIsDetected()
    {
        const string body = "東京証券取引所は本日、新しい取引システムの導入を発表しました。市場関係者は、取引の効率が大きく向上すると期待しています。日本経済新聞によると、導入は来年の春に予定されています。";
        var bytes = Encoding.GetEncoding("shift_jis").GetBytes(Page("", body + body));
        Assert.Contains(body, ExtractText(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void ShiftJisDeclared()
    {
        const string body = "大阪市は新しい条例を可決しました。市民の生活に大きな影響を与えると考えられています。";
        var bytes = Encoding.GetEncoding("shift_jis").GetBytes(Page("<meta charset=\"Shift_JIS\">", body));
        Assert.Contains(body, ExtractText(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16WithByteOrderMark()
    {
        const string body = "Der Vorstand hat heute bekanntgegeben, dass die Übernahme abgeschlossen ist; Grüße aus München an alle Leser.";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Page("<meta charset=\"utf-16\">", body))).ToArray();
        Assert.Contains(body, ExtractText(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8WithWrongDeclarationStaysUtf8()
    {
        const string body = "Žluťoučký kůň úpěl ďábelské ódy, napsal redaktor ve své recenzi nového alba české kapely.";
        var bytes = Encoding.UTF8.GetBytes(Page("<meta charset=\"iso-8859-1\">", body));
        Assert.Contains(body, ExtractText(bytes), StringComparison.Ordinal);
    }
}
