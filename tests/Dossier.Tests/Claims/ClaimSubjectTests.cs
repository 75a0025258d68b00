using Dossier.Documents;

namespace Dossier.Tests.Claims;

public sealed class ClaimSubjectTests
{
    [Fact]
    public void A_leaders_name_before_administration_is_not_the_subject_the_company_acted_on_is()
    {
        var document = ClaimTestSupport.Analyze("The Biden administration imposed sanctions on Norland Steel last year.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal(["Norland Steel"], ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Fact]
    public void Neither_the_leader_nor_the_pronoun_for_the_administration_is_the_subject()
    {
        var document = ClaimTestSupport.Analyze(
            "Wexford Telecom Reassures Biden It Will Comply\n\n" +
            "Exporters are losing access to the U.S. market as the Biden administration keeps pushing its plans to impose sanctions on technology firms from China.");
        var claim = Assert.Single(document.Get(Layers.Claims), c => document.TextOf(c.Span).Contains("sanctions", StringComparison.Ordinal));
        Assert.DoesNotContain(ClaimTestSupport.SubjectTexts(document, claim), s => s is "Biden" or "its");
    }

    [Fact]
    public void A_leader_who_acts_in_person_is_still_the_subject()
    {
        var document = ClaimTestSupport.Analyze("Biden imposed sanctions on Norland Steel last year.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal("Biden", ClaimTestSupport.SubjectTexts(document, claim)[0]);
    }

    [Fact]
    public void An_organisation_the_model_finds_in_a_word_that_is_no_subject_alone_is_not_the_subject()
    {
        var document = ClaimTestSupport.Analyze("The Treasury fined Norland Steel $4 million for breaking export controls.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal(["Norland Steel"], ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Fact]
    public void The_payer_of_donations_is_a_subject_besides_the_payee()
    {
        var document = ClaimTestSupport.Analyze("The Liberal Party has been receiving heavy donations from Norland Steel executives since 2014.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal("political_influence", claim.Category);
        Assert.Contains("Norland Steel", ClaimTestSupport.SubjectTexts(document, claim));
        Assert.Equal(2, claim.SubjectEntityIds.Length);
    }

    [Theory]
    [InlineData("The management includes a former customs director who was convicted of bribery in 2019.")]
    [InlineData("The board includes a former customs director who was convicted of bribery in 2019.")]
    public void A_part_of_an_organisation_with_no_name_of_its_own_is_the_organisation_the_sentence_before_was_about(string second)
    {
        var document = ClaimTestSupport.Analyze("Kestrel Lines and Orbis Holdings were fined by the regulator for bribery. " + second);
        var claim = Assert.Single(document.Get(Layers.Claims), c => document.TextOf(c.Span) == second);
        Assert.Equal(["Kestrel Lines"], ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Theory]
    [InlineData("It denied any wrongdoing.", new[] { "Kestrel Lines" })]
    [InlineData("They denied any wrongdoing.", new[] { "Kestrel Lines", "Orbis Holdings" })]
    public void A_singular_pronoun_stands_for_the_first_of_the_subjects_before_a_plural_one_for_all(string second, string[] subjects)
    {
        var document = ClaimTestSupport.Analyze("Kestrel Lines and Orbis Holdings were fined by the regulator for bribery. " + second);
        var claim = Assert.Single(document.Get(Layers.Claims), c => document.TextOf(c.Span) == second);
        Assert.Equal(subjects, ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Theory]
    [InlineData("one of Orbis Holdings’ shipping units, Kestrel Lines, has paid bribes to port officials.")]
    [InlineData("one of Orbis Holding's shipping units, Kestrel Lines, has paid bribes to port officials.")]
    public void The_name_in_apposition_to_what_another_owns_is_the_first_subject_and_the_owner_the_next(string content)
    {
        var document = ClaimTestSupport.Analyze("According to court filings, " + content);
        var claim = Assert.Single(document.Get(Layers.Claims));
        var subjects = ClaimTestSupport.SubjectTexts(document, claim);
        Assert.Equal("Kestrel Lines", subjects[0]);
        Assert.Contains(subjects, s => s.StartsWith("Orbis Holding", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_of_names_closed_by_a_full_stop_is_running_text_whose_capitals_are_names()
    {
        const string examples = "These include Volga Credit Bank and Ural Savings.";
        var document = ClaimTestSupport.Analyze("Regulators opened a fraud investigation into several lenders last month. " + examples);
        var claim = Assert.Single(document.Get(Layers.Claims), c => document.TextOf(c.Span) == examples);
        Assert.Contains(ClaimTestSupport.SubjectTexts(document, claim), s => s.StartsWith("Volga Credit Bank", StringComparison.Ordinal));
    }

    [Fact]
    public void The_other_side_of_a_tie_is_a_subject_besides_the_first()
    {
        var document = ClaimTestSupport.Analyze("Norland Steel has close ties to the Liberal Party through its chairman.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal(["Norland Steel", "Liberal Party"], ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Fact]
    public void The_name_opening_a_clause_joined_by_and_is_a_subject_besides_the_first()
    {
        var document = ClaimTestSupport.Analyze(
            "During the campaign the nominees raised $1.2 million in donations from Norland Steel executives, and in 2022 the Harlan Foundation raised $135,000 from associates of Norland Steel.");
        var claim = Assert.Single(document.Get(Layers.Claims));
        Assert.Equal("Norland Steel", ClaimTestSupport.SubjectTexts(document, claim)[0]);
        Assert.Contains("Harlan Foundation", ClaimTestSupport.SubjectTexts(document, claim));
    }

    [Theory]
    [InlineData("A former aide to Senator Harlan Voss was indicted for bribery last year.")]
    [InlineData("Its board includes a previous adviser for Harlan Voss and a onetime chairwoman of the Voss Foundation, filings show lobbying ties.")]
    public void Where_someone_once_worked_is_not_whom_the_claim_is_about(string text)
    {
        var document = ClaimTestSupport.Analyze(text);
        Assert.DoesNotContain(document.Get(Layers.Claims), c => ClaimTestSupport.SubjectTexts(document, c).Any(s => s.Contains("Voss", StringComparison.Ordinal)));
    }
}
