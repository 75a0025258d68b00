using Dossier.Documents;

namespace Dossier.Tests.Claims;

/// <summary>Capitalised words that everyday web news puts where a subject could stand, and that are not whom a claim is about.</summary>
public sealed class ClaimSubjectFilterTests
{
    [Theory]
    [InlineData("Sadly, river pollution has become a standard feature of the dry season in the capital.", "Sadly")]
    [InlineData("Critically, however, the regulator pointed out that it has no role in policing election campaign content.", "Critically")]
    [InlineData("Moreover, the fine was the largest penalty the regulator had ever imposed on a utility.", "Moreover")]
    [InlineData("The commission warned that “voters are entitled to transparency from campaigners in an election.’’ Critically, however, it pointed out that it has no role in regulating election campaign content.", "Critically")]
    public void A_sentence_adverb_is_no_subject(string text, string adverb)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.DoesNotContain(document.Get(Layers.Claims), c => ClaimTestSupport.SubjectTexts(document, c).Contains(adverb));
    }

    [Theory]
    [InlineData("SAN FRANCISCO (AP) — Pacific Gas & Electric Co. was fined $5 million by state regulators over the wildfire.", "SAN FRANCISCO")]
    [InlineData("LOS ANGELES (AP) — Harlow Studios was sued for fraud by two of its former investors on Tuesday.", "LOS ANGELES")]
    [InlineData("NEW DELHI: Nearly 150 Indians were deported for violating visa rules, officials said.", "NEW DELHI")]
    public void A_wire_dateline_is_no_subject(string text, string place) => AssertClaimsNoneAbout(text, place);

    [Theory]
    [InlineData("\"The seizure data cited are consistent and certainly reasonable,\" said Bruce Bagley, a professor of international studies at the University of Miami.", "University of Miami")]
    [InlineData("Import tariffs are a tax on consumers, said Lawrence White, a professor at New York University's Stern School of Business.", "New York University")]
    public void Where_a_source_works_is_not_whom_its_statement_is_about(string text, string affiliation)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.DoesNotContain(document.Get(Layers.Claims), c => ClaimTestSupport.SubjectTexts(document, c).Any(s => s.Contains(affiliation, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Toxic waste from the Harlow plant polluted the river at 50 times the level deemed safe by the World Health Organization.", "World Health Organization")]
    [InlineData("Toxic emissions from the smelter exceeded the pollution limit set by the Orbis Environment Agency for the third year.", "Orbis Environment Agency")]
    public void Whoever_set_the_yardstick_is_not_whom_the_claim_is_about(string text, string yardstick)
    {
        var document = ClaimTestSupport.Analyze(text);
        var claims = document.Get(Layers.Claims);
        Assert.DoesNotContain(claims, c => ClaimTestSupport.SubjectTexts(document, c).Any(s => s.Contains(yardstick, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Local auto dealers sold 30,154 new cars in October, down 10 percent from a year ago, according to a sales report.", "Local")]
    [InlineData("Executives at the plant were charged with fraud and money laundering last year.", "Executives")]
    public void A_frequent_word_that_opens_a_sentence_is_no_name(string text, string word)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.DoesNotContain(document.Get(Layers.Claims), c => ClaimTestSupport.SubjectTexts(document, c).Contains(word));
    }

    [Theory]
    [InlineData("The Orbis Justice Department has charged Harlow Kent with espionage for publishing secret files.", "Orbis Justice Department", "Harlow Kent")]
    [InlineData("The largest fine ever levied by the Harlow Markets Authority hit Orbis Bank for money laundering.", "Harlow Markets Authority", "Orbis Bank")]
    [InlineData("The Orbis Football League will fine Jacob Rudolph for his role in the brawl.", "Orbis Football League", "Jacob Rudolph")]
    public void Whoever_takes_an_enforcement_action_is_not_whom_the_claim_is_about(string text, string agent, string target) =>
        AssertAboutTargetNotAgent(text, agent, target);

    [Fact]
    public void Whoever_is_charged_in_the_passive_stays_the_subject() =>
        AssertIsASubject("Harlow Kent has been charged with fraud by federal prosecutors.", "Harlow Kent");

    [Theory]
    [InlineData("Secretary Harlow Kent urged American firms to stop their transactions with Volga Credit Bank.", "Harlow Kent", "Volga Credit Bank")]
    [InlineData("Senator Harlow Kent has called for sanctions on Volga Credit Bank over its ties to the regime.", "Harlow Kent", "Volga Credit Bank")]
    [InlineData("The Orbis Trade Council demanded an export ban against Ural Savings for shipping drones to the army.", "Orbis Trade Council", "Ural Savings")]
    public void Whoever_urges_a_measure_against_others_is_not_whom_it_would_hit(string text, string urger, string target) =>
        AssertAboutTargetNotAgent(text, urger, target);

    [Theory]
    [InlineData("Volga Credit Bank was urged to stop its transactions with sanctioned Iranian firms.", "Volga Credit Bank")]
    [InlineData("Orbis Bank asked for a delay of its money laundering fine.", "Orbis Bank")]
    public void Whoever_is_urged_or_asks_for_itself_stays_the_subject(string text, string subject) => AssertIsASubject(text, subject);

    /// <summary>Some claim of the text is about the target, and none about the party acting against it.</summary>
    private static void AssertAboutTargetNotAgent(string text, string agent, string target)
    {
        var document = ClaimTestSupport.Analyze(text);
        var claims = document.Get(Layers.Claims);
        Assert.Contains(claims, c => ClaimTestSupport.SubjectTexts(document, c).Any(s => s.Contains(target, StringComparison.Ordinal)));
        Assert.DoesNotContain(claims, c => ClaimTestSupport.SubjectTexts(document, c).Any(s => s.Contains(agent, StringComparison.Ordinal)));
    }

    private static void AssertIsASubject(string text, string subject)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.Contains(document.Get(Layers.Claims), c => ClaimTestSupport.SubjectTexts(document, c).Contains(subject));
    }

    [Theory]
    [InlineData("Three demonstrators were killed in clashes with police and soldiers in Bolivia near a fuel plant.", "Bolivia")]
    [InlineData("Three demonstrators were killed in clashes with Bolivia's police and soldiers near a fuel plant.", "Bolivia")]
    [InlineData("But air pollution is a problem with roots in politics, and in Delhi, much of the pollution can be traced to weak enforcement of environmental laws.", "Delhi")]
    public void A_place_is_not_whom_a_risk_claim_is_about(string text, string place)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.DoesNotContain(document.Get(Layers.Claims), c => ClaimTestSupport.SubjectTexts(document, c).Any(s => s.Contains(place, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("NEW DELHI: Nearly 150 Indians were deported for violating visa rules, officials said.", "Indians")]
    [InlineData("More than 2,500 Afghan civilians have been killed in the fighting so far this year, according to the United Nations.", "Afghan")]
    [InlineData("Thousands of Americans were defrauded by the call centre, prosecutors said.", "Americans")]
    public void A_people_is_no_subject(string text, string people) => AssertClaimsNoneAbout(text, people);

    /// <summary>The text makes claims, and none of them has a subject containing <paramref name="word"/>.</summary>
    private static void AssertClaimsNoneAbout(string text, string word)
    {
        var document = ClaimTestSupport.Analyze(text);
        var claims = document.Get(Layers.Claims);
        Assert.NotEmpty(claims);
        Assert.DoesNotContain(claims, c => ClaimTestSupport.SubjectTexts(document, c).Any(s => s.Contains(word, StringComparison.Ordinal)));
    }

    [Fact]
    public void An_adjective_capitalised_after_a_colon_is_no_name()
    {
        var document = ClaimTestSupport.Analyze("Internal memo: Federal prison guards falsified records of cell checks, inmate counts\n\nTwo federal prison officers were charged on Tuesday with falsifying records.");
        Assert.DoesNotContain(document.Get(Layers.Claims), c => ClaimTestSupport.SubjectTexts(document, c).Contains("Federal"));
    }
}
