using Dossier.Screening;
using Dossier.Screening.Matching;
using FsCheck.Xunit;

namespace Dossier.Tests.Screening;

public sealed class NameMatchingTests
{
    private static readonly NameNormalizer Normalizer = new();

    private static WatchlistEntry Entry(string id, string name, EntryKind kind = EntryKind.Organization, params string[] aliases) =>
        new(id, "Test List", name, [.. aliases], kind, [], [], "Test program", "2026-06-08");

    private static readonly WatchlistScreener Screener = new(
    [
        Entry("1", "Huawei Technologies Co., Ltd.", EntryKind.Organization, "Huawei"),
        Entry("2", "REVIVAL OF ISLAMIC HERITAGE FOUNDATION"),
        Entry("3", "National Democratic Institute for International Affairs"),
        Entry("4", "Michael R. Pompeo", EntryKind.Person),
        Entry("5", "ANGLO-CARIBBEAN CO., LTD."),
        Entry("6", "Ali Basati", EntryKind.Person),
        Entry("7", "Alexander Vyacheslavovich ZAKHAROV", EntryKind.Person, "Александр Вячеславович Захаров"),
        Entry("8", "Alibaba Group Holding Limited", EntryKind.Organization, "Alibaba"),
        Entry("9", "Hangzhou Hikvision Digital Technology Company"),
        Entry("10", "Hangzhou Hikvision Digital Technology Co., Ltd.", EntryKind.Organization, "Hikvision"),
        Entry("11", "Chengdu Huawei Technologies Co., Ltd."),
        Entry("12", "Mercury Electronic Solutions"),
        Entry("13", "Zhang", EntryKind.Person),
        Entry("14", "SHINING PATH", EntryKind.Organization, "PEOPLE'S LIBERATION ARMY", "SL", "PLA"),
    ]);

    private static IReadOnlyList<ScreeningCandidate> Hits(string name, EntryKind kind = EntryKind.Unknown) =>
        HitsOf(name, kind);

    private static IReadOnlyList<ScreeningCandidate> HitsOf(string name, EntryKind kind) =>
        Screener.Screen(new ScreeningQuery(name, kind)).Where(c => c.IsMatch).ToList();

    [Theory]
    [InlineData("HUAWEI TECHNOLOGIES CO LTD", "1")]
    [InlineData("Huawei", "1")]
    [InlineData("Alibaba", "8")]
    [InlineData("Alexander Zakharov", "7", EntryKind.Person)]
    [InlineData("Захаров Александр", "7", EntryKind.Person)]
    public void KnownNamesHitTheirEntryFirst(string query, string expectedId, EntryKind kind = EntryKind.Unknown)
    {
        var hits = Hits(query, kind);
        Assert.NotEmpty(hits);
        Assert.Equal(expectedId, hits[0].Entry.Id);
    }

    [Fact]
    public void AShortNameStandsForTheFullNamesTheListsGiveItAndNoOthers()
    {
        Assert.Equal(["10", "9"], Hits("Hikvision").Select(h => h.Entry.Id).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Hits("Huawei"), h => h.Entry.Id == "11");
        Assert.Empty(Hits("Mercury", EntryKind.Organization));
    }

    [Fact]
    public void WeakNamesNeedMoreThanTheName()
    {
        Assert.Empty(Hits("Zhang", EntryKind.Person));
        Assert.DoesNotContain(Screener.Screen(new ScreeningQuery("People’s Liberation Army", EntryKind.Organization, Aliases: ["PLA"])), c => c.IsMatch);
        var weak = Screener.Screen(new ScreeningQuery("Zhang", EntryKind.Person), minimumScore: 0).Single(c => c.Entry.Id == "13");
        Assert.Contains(weak.Features, f => f.Feature == "weak name" && f.Effect < 0);
    }

    [Fact]
    public void NicknameAndMissingInitialStillMatchAPerson()
    {
        var hit = Assert.Single(Hits("Mike Pompeo", EntryKind.Person));
        Assert.Equal("4", hit.Entry.Id);
        Assert.Contains("name variant", hit.Explain(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CORP")]
    [InlineData("LTD")]
    [InlineData("The Heritage Foundation")]
    [InlineData("Democratic National Committee")]
    [InlineData("Pompeo")]
    [InlineData("Just The News")]
    [InlineData("Anglo Holdings")]
    public void LegalFormsGenericWordsAndPartialNamesDoNotHit(string query) => Assert.Empty(Hits(query));

    [Fact]
    public void ExplanationNamesWhatWasDiscounted()
    {
        var hit = Hits("Tencent Holdings Ltd. Huawei Technologies").FirstOrDefault() ?? Hits("Huawei Technologies Co")[0];
        var text = hit.Explain();
        Assert.Contains("legal form", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeMismatchLowersTheScoreAndSaysSo()
    {
        var asOrganisation = Screener.Screen(new ScreeningQuery("Michael Pompeo", EntryKind.Organization), minimumScore: 0).Single(c => c.Entry.Id == "4");
        var asPerson = Screener.Screen(new ScreeningQuery("Michael Pompeo", EntryKind.Person), minimumScore: 0).Single(c => c.Entry.Id == "4");
        Assert.True(asOrganisation.Score < asPerson.Score);
        Assert.Contains(asOrganisation.Features, f => f.Feature == "type" && f.Effect < 0);
    }

    [Fact]
    public void BirthYearsFarApartLowerTheScore()
    {
        var parameters = MatchingParameters.Default;
        var comparer = new NameComparer(parameters, TokenWeights.Uniform, new NicknameTable());
        var scorer = new PairScorer(comparer, Normalizer);
        PairSide Side(string name, string birth) => new([name], new PartyAttributes(EntryKind.Person, [], [birth], []));
        var same = scorer.Score(Side("Ivan Petrov", "1970"), Side("Ivan Petrov", "1970"));
        var apart = scorer.Score(Side("Ivan Petrov", "1970"), Side("Ivan Petrov", "1990"));
        Assert.True(apart < same);
        Assert.True(apart < parameters.Threshold);
    }

    [Fact]
    public void ANameHeldWholeInTheOtherBeatsNamesThatDisagree()
    {
        var scorer = new PairScorer(new NameComparer(MatchingParameters.Default, TokenWeights.Uniform, new NicknameTable()), Normalizer);
        PairSide Person(string name) => new([name], PartyAttributes.None with { Kind = EntryKind.Person });
        var contained = scorer.Score(Person("Daniel Okafor"), Person("Daniel Chukwuma Okafor"));
        var disagreeing = scorer.Score(Person("Daniel Emeka Okafor"), Person("Daniel Chukwuma Okafor"));
        Assert.True(contained > disagreeing, $"{contained} vs {disagreeing}");
        Assert.True(scorer.Score(Person("Akbar"), Person("Daniel Akbar")) < MatchingParameters.Default.Threshold);
    }

    [Fact]
    public void OrdinalsSwappedLettersAndAcronymsMeetTheirOtherSpelling()
    {
        Assert.Equal(1, StringSimilarity.Levenshtein("appel", "apple", 3));
        Assert.Equal(Normalizer.Normalize("1st Baltic Bank").Key, Normalizer.Normalize("First Baltic Bank").Key);
        var comparer = new NameComparer(MatchingParameters.Default, TokenWeights.Uniform, new NicknameTable());
        var acronym = comparer.Compare(Normalizer.Normalize("PLA"), Normalizer.Normalize("People's Liberation Army"), isPerson: false, explain: true);
        Assert.Contains(acronym.Matches, m => m.How == "acronym");
    }

    [Fact]
    public void LookAlikeDigitsGluedLegalFormsAndOneSlipStillMatch()
    {
        Assert.Equal(Normalizer.Normalize("Igor Sechin", isPerson: true).Key, Normalizer.Normalize("I9or Sech1n", isPerson: true).Key);
        Assert.Equal("44 brigade", Normalizer.Normalize("Brigade 44").Key);
        Assert.Contains(Normalizer.Normalize("A1 Telekom").Tokens, t => t.Text == "a1");
        var comparer = new NameComparer(MatchingParameters.Default, TokenWeights.Uniform, new NicknameTable());
        var glued = comparer.Compare(Normalizer.Normalize("Siemens AG"), Normalizer.Normalize("SiemensAG"), isPerson: false, explain: true);
        Assert.True(glued.Score >= MatchingParameters.Default.Threshold, glued.Explain());
        var slip = comparer.Compare(Normalizer.Normalize("Appel Inc."), Normalizer.Normalize("Apple Inc."), isPerson: false, explain: true);
        Assert.True(slip.Score >= MatchingParameters.Default.Threshold, slip.Explain());
        var twoSlips = comparer.Compare(Normalizer.Normalize("Barakhoev"), Normalizer.Normalize("Barkhanoev"), isPerson: false, explain: false);
        Assert.True(twoSlips.Score < slip.Score, $"{twoSlips.Score} vs {slip.Score}");
    }

    [Fact]
    public void ALatinNameMeetsItsArabicSpellingByItsConsonants()
    {
        var comparer = new NameComparer(MatchingParameters.Default, TokenWeights.Uniform, new NicknameTable());
        var comparison = comparer.Compare(Normalizer.Normalize("Mohamed", isPerson: true), Normalizer.Normalize("محمد", isPerson: true), isPerson: true, explain: true);
        Assert.Contains(comparison.Matches, m => m.How == "transliterated consonants");
        var other = comparer.Compare(Normalizer.Normalize("Hassan", isPerson: true), Normalizer.Normalize("محمد", isPerson: true), isPerson: true, explain: true);
        Assert.DoesNotContain(other.Matches, m => m.How == "transliterated consonants");
    }

    [Theory]
    [InlineData("Huawei Technologies Co., Ltd.", "HUAWEI", false)]
    [InlineData("Ahmad bin Hasan", "Hasan bin Ahmad", true)]
    [InlineData("William G. Frost", "William W. Frost", true)]
    [InlineData("Deutsche Bank Trust Company", "Deutsche Bank", false)]
    [InlineData("Mohamed Salah", "محمد صلاح", true)]
    [InlineData("the company", "Co., Ltd.", false)]
    public void AComparisonScoredAloneScoresAsWhenExplained(string left, string right, bool isPerson)
    {
        var comparer = new NameComparer(MatchingParameters.Default, TokenWeights.Uniform, new NicknameTable());
        var (query, candidate) = (Normalizer.Normalize(left, isPerson), Normalizer.Normalize(right, isPerson));
        var explained = comparer.Compare(query, candidate, isPerson, explain: true);
        var workspace = new NameComparer.Workspace();
        // A workspace used before for a longer name must not leak into the next comparison.
        comparer.Score(Normalizer.Normalize("Alexander Vyacheslavovich Zakharov Junior", isPerson), comparer.PartWeights(Normalizer.Normalize("Alexander Vyacheslavovich Zakharov Junior", isPerson)), candidate, comparer.PartWeights(candidate), isPerson, true, false, workspace);
        var alone = comparer.Score(query, comparer.PartWeights(query), candidate, comparer.PartWeights(candidate), isPerson, true, false, workspace);
        Assert.Equal(explained.Score, alone?.Value ?? 0);
        Assert.Equal(explained.QueryCoverage, alone?.QueryCoverage ?? 0);
        Assert.Equal(explained.Matches, comparer.Compare(query, comparer.PartWeights(query), candidate, comparer.PartWeights(candidate), isPerson, explain: true, true, false, workspace).Matches);
    }

    [Property]
    public bool FuzzySimilarityWithAMinimumAgreesAtOrAboveIt(string a, string b, byte percent)
    {
        a ??= "";
        b ??= "";
        var minimum = percent % 101 / 100.0;
        var full = NameComparer.FuzzySimilarity(a, b);
        var bounded = NameComparer.FuzzySimilarity(a, b, minimum);
        return full >= minimum ? bounded == full : bounded < minimum;
    }

    /// <summary>Name parts from few letters, so that random pairs are often near each other and the letter-count bound is tested at its edge.</summary>
    [Property(MaxTest = 500)]
    public bool BoundedEditDistanceIsTheFullOneWhereItIsWithinTheBound(byte[] left, byte[] right, byte bound)
    {
        static string Part(byte[]? codes) => new((codes ?? []).Take(12).Select(code => "abcde19"[code % 7]).ToArray());
        var a = Part(left);
        var b = Part(right);
        var max = bound % 7;
        var full = FullEditDistance(a, b);
        var bounded = StringSimilarity.Levenshtein(a, b, max);
        return full <= max ? bounded == full : bounded > max;
    }

    [Theory]
    [InlineData("appel", "apple", 0)]
    [InlineData("scholz", "scholze", 1)]
    [InlineData("huawei", "alibaba", 5)]
    [InlineData("mhmd", "mohamed", 3)]
    [InlineData("Huawei", "huawei", 0)]
    public void LetterCountsBoundTheEditDistanceFromBelow(string left, string right, int expected)
    {
        Assert.Equal(expected, StringSimilarity.LetterCountDistance(left, right));
        Assert.True(expected <= FullEditDistance(left, right));
    }

    /// <summary>Parts that meet one another in each way the comparer knows, so that random names built of them often come close.</summary>
    private static readonly string[] CeilingParts =
    [
        "huawei", "hua", "wei", "huawey", "technologies", "technology", "co", "ltd", "bank", "of", "china", "boc", "mike", "michael",
        "mikhail", "j.", "john", "mohamed", "muhammad", "محمد", "bin", "hasan", "alibaba", "ali", "baba", "unit", "1", "2", "deutsche",
        "trust", "mexico", "holdings", "华为", "appel", "apple", "scholz", "scholze", "people's", "liberation", "army", "pla", "PLA",
    ];

    /// <summary>The ceiling of two names and the score of their full comparison, with the comparer's own weights.</summary>
    private static (double Ceiling, double Score) CeilingAndScore(
        NameComparer comparer, string left, string right, bool isPerson, bool allowShortForm = true, bool shortFormListed = false)
    {
        var (query, candidate) = (Normalizer.Normalize(left, isPerson), Normalizer.Normalize(right, isPerson));
        var (qw, cw) = (comparer.PartWeights(query), comparer.PartWeights(candidate));
        var workspace = new NameComparer.Workspace();
        var ceiling = comparer.Ceiling(query, qw, comparer.Outline(query), candidate, cw, comparer.Outline(candidate), isPerson, allowShortForm, workspace);
        return (ceiling, comparer.Score(query, qw, candidate, cw, isPerson, allowShortForm, shortFormListed, workspace)?.Value ?? 0);
    }

    [Property(MaxTest = 3000)]
    public bool NoComparisonScoresAboveItsCeiling(byte[] left, byte[] right, bool isPerson, bool allowShortForm, bool shortFormListed, bool fittedParameters)
    {
        static string Name(byte[]? codes) => string.Join(' ', (codes ?? []).Take(6).Select(code => CeilingParts[code % CeilingParts.Length]));
        var comparer = new NameComparer(fittedParameters ? MatchingParameters.Default : new MatchingParameters(), Screener.Weights, new NicknameTable());
        var (ceiling, score) = CeilingAndScore(comparer, Name(left), Name(right), isPerson, allowShortForm, shortFormListed);
        return score <= ceiling + 1e-12;
    }

    [Theory]
    [InlineData("Huawei", "Huawei Technologies Co., Ltd.", false)]
    [InlineData("Mike Pompeo", "Michael R. Pompeo", true)]
    [InlineData("Alibaba Group", "Ali Baba Group", false)]
    [InlineData("PLA", "People's Liberation Army", false)]
    [InlineData("Mohamed Salah", "محمد صلاح", true)]
    [InlineData("Olaf Scholz", "Olaf Scholze", true)]
    [InlineData("Ahmad bin Hasan", "Hasan bin Ahmad", true)]
    public void NamesThatMeetScoreNoHigherThanTheirCeiling(string left, string right, bool isPerson)
    {
        var (ceiling, score) = CeilingAndScore(Screener.Comparer, left, right, isPerson);
        Assert.True(score > 0 && score <= ceiling + 1e-12, $"{score} vs ceiling {ceiling}");
    }

    [Fact]
    public void ParametersUnderWhichARuleRaisesAScoreLeaveNoCeiling()
    {
        var comparer = new NameComparer(MatchingParameters.Default with { NumberMismatchFactor = 2 }, Screener.Weights, new NicknameTable());
        var (ceiling, score) = CeilingAndScore(comparer, "Unit 61398", "Unit 74455", isPerson: false);
        Assert.Equal(1, ceiling);
        Assert.True(score > 0, $"{score}");
    }

    [Theory]
    [InlineData("Bank of America", "Bank Melli Iran", false)]
    [InlineData("Michael Jordan", "Michael Pompeo", true)]
    [InlineData("Alibaba Group", "Ali Basati", false)]
    public void NamesThatShareOnlyAPartHaveACeilingBelowTheThreshold(string left, string right, bool isPerson)
    {
        var (ceiling, _) = CeilingAndScore(Screener.Comparer, left, right, isPerson, allowShortForm: false);
        Assert.True(ceiling < Screener.Comparer.Parameters.Threshold, $"{ceiling}");
    }

    [Fact]
    public void ListNamesThatCannotReachTheThresholdAreNotComparedInFull()
    {
        var screener = new WatchlistScreener([Entry("1", "Bank Melli Iran"), Entry("2", "Bank Saderat Iran"), Entry("3", "Agricultural Bank of China")]);
        Assert.Empty(screener.Screen(new ScreeningQuery("Bank of America", EntryKind.Organization)));
        Assert.Equal(0, screener.Comparisons.Made);
        Assert.Equal(3, screener.Comparisons.TurnedAway);
        Assert.Equal(["2"], screener.Screen(new ScreeningQuery("Bank Saderat Iran", EntryKind.Organization)).Select(c => c.Entry.Id));
        Assert.True(screener.Comparisons.Made > 0);
    }

    [Property(MaxTest = 500)]
    public bool BinnedLetterCountsBoundTheEditDistanceFromBelow(byte[] left, byte[] right)
    {
        static string Part(byte[]? codes) => new((codes ?? []).Take(12).Select(code => "abcde19-é"[code % 9]).ToArray());
        var (a, b) = (Part(left), Part(right));
        static NameComparer.PartOutline Outline(string part) => NameComparer.PartOutline.Of(new NameToken(part, TokenRole.Regular, TokenScript.Latin), new NicknameTable());
        var (first, second) = (a[..(a.Length / 2)], a[(a.Length / 2)..]);
        return NameComparer.PartOutline.LetterCountDistance(Outline(a), Outline(b)) <= FullEditDistance(a, b)
            && NameComparer.PartOutline.LetterCountDistance(Outline(b), [Outline(first), Outline(second)]) <= FullEditDistance(first + second, b);
    }

    [Fact]
    public void PrintableAsciiFoldsAsLatinWithApostrophesGone()
    {
        var name = Normalizer.Normalize("O'Brien `Trading` Co., Ltd. 1st");
        Assert.Equal(["obrien", "trading", "co", "ltd", "1"], name.Tokens.Select(t => t.Text));
        Assert.All(name.Tokens, t => Assert.Equal(TokenScript.Latin, t.Script));
        Assert.False(name.Transliterated);
        Assert.Equal("1 obrien trading", name.Key);
    }

    /// <summary>Edit distance with swaps of neighbours, the whole table and no bound: what the bounded one must agree with.</summary>
    private static int FullEditDistance(string a, string b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) table[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) table[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var value = Math.Min(Math.Min(table[i - 1, j] + 1, table[i, j - 1] + 1), table[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, table[i - 2, j - 2] + 1);
                table[i, j] = value;
            }
        }

        return table[a.Length, b.Length];
    }

    [Fact]
    public void HanNamesAreSplitIntoSyllablesAndLegalFormsDiscounted()
    {
        var name = Normalizer.Normalize("华为技术有限公司");
        Assert.Contains(name.Tokens, t => t.Role == TokenRole.LegalForm);
        Assert.Equal("huaweijishu", string.Concat(name.Distinctive.Select(t => t.Text)));
    }

    [Property(MaxTest = 200)]
    public bool ScreeningAnyTextNeverThrowsAndStaysInRange(string text)
    {
        var candidates = Screener.Screen(new ScreeningQuery(text ?? ""), minimumScore: 0);
        return candidates.All(c => c.Score is >= 0 and <= 1);
    }

    private static double PairScore(string left, string right, EntryKind kind, MatchingParameters parameters)
    {
        var scorer = new PairScorer(new NameComparer(parameters, Screener.Weights, new NicknameTable()), Normalizer);
        var attributes = PartyAttributes.None with { Kind = kind };
        return scorer.Score(new PairSide([left], attributes), new PairSide([right], attributes));
    }

    [Theory]
    [InlineData("Ahmad bin Hasan al-Ubaidi", "Hasan bin Ahmad al-Ubaidi")]
    [InlineData("Mohamed ben Belgacem ben Hamid al-Aouadi", "Mohamed ben Belgacem ben Abdallah al-Aouadi")]
    [InlineData("Frost, William G.", "William W. Frost")]
    [InlineData("Omar Khalid al-Rawi", "Omar Khalid al-Tikriti")]
    public void PeopleWhoseNamesDisagreeOnAPartThatTellsThemApartAreNoMatch(string left, string right)
    {
        var parameters = MatchingParameters.Default;
        var score = PairScore(left, right, EntryKind.Person, parameters);
        var withoutTheRule = PairScore(left, right, EntryKind.Person, parameters with { PartConflictFactor = 1 });
        Assert.True(score < withoutTheRule, $"{score} vs {withoutTheRule} without the rule");
        Assert.True(score < parameters.Threshold, $"{score}");
    }

    [Theory]
    [InlineData("Mohammed bin Salman al-Saud", "Muhammad bin Salman al-Saud")]
    [InlineData("Frost, William G.", "William G. Frost")]
    [InlineData("Osama bin Laden", "Osama bin Mohammed bin Awad bin Laden")]
    public void TheSamePersonWrittenOtherwiseIsNotTakenForAConflict(string left, string right)
    {
        var parameters = MatchingParameters.Default;
        Assert.Equal(PairScore(left, right, EntryKind.Person, parameters with { PartConflictFactor = 1 }), PairScore(left, right, EntryKind.Person, parameters), 9);
    }

    [Theory]
    [InlineData("Deutsche Bank Trust Company", "Deutsche Bank")]
    [InlineData("Banco Santander México S.A.", "Banco Santander S.A.")]
    [InlineData("CCB International Capital Corporation Limited", "CCB International (Holdings) Limited")]
    public void SisterCompaniesOfOneGroupAreNoMatch(string left, string right)
    {
        var parameters = MatchingParameters.Default;
        var score = PairScore(left, right, EntryKind.Organization, parameters);
        var withoutTheRule = PairScore(left, right, EntryKind.Organization, parameters with { SisterCompanyFactor = 1 });
        Assert.True(score < withoutTheRule, $"{score} vs {withoutTheRule} without the rule");
        Assert.True(score < parameters.Threshold, $"{score}");
    }

    [Theory]
    [InlineData("Deutsche Bank AG", "Deutsche Bank")]
    [InlineData("Bank of China Limited", "Bank of China")]
    [InlineData("Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES COMPANY")]
    public void OneCompanyWrittenOtherwiseIsNotTakenForASister(string left, string right)
    {
        var parameters = MatchingParameters.Default;
        var score = PairScore(left, right, EntryKind.Organization, parameters);
        Assert.Equal(PairScore(left, right, EntryKind.Organization, parameters with { SisterCompanyFactor = 1 }), score, 9);
        Assert.True(score >= parameters.Threshold, $"{score}");
    }
}
