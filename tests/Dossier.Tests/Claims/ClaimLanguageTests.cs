using Dossier.Documents;

namespace Dossier.Tests.Claims;

public sealed class ClaimLanguageTests
{
    // Indonesian, which borrows "embargo" and "data" from English: the English cue lists would read a sanctions claim about
    // the capitalised first word of each sentence.
    private const string Indonesian =
        "Pemerintah Amerika Serikat menjatuhkan embargo terhadap perusahaan Telkana pada bulan lalu karena menjual peralatan kepada militer. " +
        "Telkana membocorkan data pribadi jutaan pelanggan dan polisi sedang memeriksa data tersebut tetapi belum menemukan pelakunya. " +
        "Direktur Telkana mengatakan bahwa perusahaan akan bekerja sama dengan pihak berwenang untuk melindungi data pelanggan dan menghormati embargo itu. " +
        "Para analis memperkirakan bahwa embargo tersebut akan mengurangi pendapatan perusahaan secara signifikan tahun ini.";

    [Fact]
    public void A_text_in_another_language_has_no_claims()
    {
        var document = ClaimTestSupport.Analyze(Indonesian);
        Assert.Empty(document.Get(Layers.Claims));
    }

    [Fact]
    public void English_prose_keeps_its_claims_however_long()
    {
        var document = ClaimTestSupport.Analyze(
            "Telkana leaked the personal data of millions of customers last month, the police said. " +
            "Investigators are examining the data and have not yet found who took it. " +
            "A Telkana director said that the company will work with the authorities to protect its customers' data.");
        Assert.Contains(document.Get(Layers.Claims), c => c.Category == "data_security");
    }

    [Fact]
    public void A_single_short_sentence_is_read_as_english()
    {
        var document = ClaimTestSupport.Analyze("Telkana leaked customer data.");
        Assert.NotEmpty(document.Get(Layers.Claims));
    }
}
