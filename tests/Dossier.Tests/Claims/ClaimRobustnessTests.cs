using System.Diagnostics;
using Dossier.Documents;

namespace Dossier.Tests.Claims;

public sealed class ClaimRobustnessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("“")]
    [InlineData("According to")]
    [InlineData(", said")]
    [InlineData("It alleged that")]
    [InlineData("Denied. Denied. Denied.")]
    public void OddTextGivesAnAnswerNotAnException(string text)
    {
        var document = ClaimTestSupport.Process(text);
        Assert.False(document.Get(Layers.Claims).IsDefault);
    }

    [Fact]
    public void AHugeRunOnSentenceIsHandledInBoundedWork()
    {
        var text = string.Concat(Enumerable.Repeat("Acme Corp allegedly paid bribes and denied it, according to Reuters ", 4_000));
        var watch = Stopwatch.StartNew();
        var document = ClaimTestSupport.Analyze(text);
        Assert.True(document.Get(Layers.Claims).Length <= 5_000);
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), "bounded, not a speed target");
    }

    [Fact]
    public void ADenialDoesNotPairWithAClaimAboutSomeoneElse()
    {
        var document = ClaimTestSupport.Analyze("Prosecutors accused Orbis Bank of money laundering. Nerva Bank denied any wrongdoing.");
        var claims = document.Get(Layers.Claims);
        var denial = claims.Single(c => c.Status == Dossier.Claims.ClaimStatus.Denied);
        Assert.Null(denial.RespondsTo);
    }
}
