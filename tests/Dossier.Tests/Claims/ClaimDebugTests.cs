using Xunit.Abstractions;

namespace Dossier.Tests.Claims;

public sealed class ClaimDebugTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    [InlineData("002")]
    public void PrintSampleClaims(string prefix)
    {
        var document = ClaimTestSupport.AnalyzeSample(prefix);
        var claims = document.Get(Dossier.Documents.Layers.Claims);
        for (var i = 0; i < claims.Length; i++) output.WriteLine($"{i}: {ClaimTestSupport.Describe(document, claims[i])}");
    }
}
