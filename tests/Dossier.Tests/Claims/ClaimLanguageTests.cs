using Dossier.Documents;

namespace Dossier.Tests.Claims;

public sealed class ClaimLanguageTests
{
    // Indonesian, where "data" is the same word as in English: the English cue lists would read a data_security claim
    // about the capitalised first word of each sentence.
    private const string Indonesian =
        "Perusahaan Telkana membocorkan data pribadi jutaan pelanggan pada bulan lalu. " +
        "Polisi sedang memeriksa data tersebut dan belum menemukan pelakunya. " +
        "Direktur Telkana mengatakan bahwa perusahaan akan bekerja sama dengan pihak berwenang untuk melindungi data pelanggan.";

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
