using Dossier.Entities;

namespace Dossier.Quotes;

/// <summary>
/// Tells what kind of source a speaker phrase names, from its head word ("an Alibaba spokesperson" → role,
/// "a Hong Kong-based analyst" → unnamed, "The Financial Times article" → outlet) and, for bare names, from the
/// Entities layer when there is one or else from how the document uses the name elsewhere.
/// </summary>
internal sealed class SpeakerClassifier(TokenWords words, QuoteLexicon lexicon, EntityLayer entities)
{
    private static readonly HashSet<string> Prepositions = ["of", "for", "from", "at", "in", "with"];
    private static readonly HashSet<string> Quantifiers = ["one", "some", "many", "several", "most", "few", "all", "none", "each", "both", "two", "three", "four", "dozens"];
    private static readonly HashSet<string> PersonTitles = ["mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sen.", "rep.", "gov.", "gen.", "prof."];

    private readonly Dictionary<string, bool> _organisationNames = new(StringComparer.Ordinal);

    public SpeakerKind Classify(int start, int end)
    {
        if (end - start == 1 && lexicon.Pronouns.ContainsKey(words.Lower(start))) return SpeakerKind.Pronoun;

        var headEnd = start + 1;
        while (headEnd < end && !Prepositions.Contains(words.Lower(headEnd))) headEnd++;
        var quantified = Quantifiers.Contains(words.Lower(start)) && headEnd < end && words.Lower(headEnd) == "of";
        var head = quantified ? end - 1 : headEnd - 1;
        while (head > start && words.Lower(head) is "'s" or "’s" or "'" or "’") head--;
        var headWord = words.Lower(head);

        if (lexicon.OutletWords.Contains(headWord)) return IssuedByOrganisation(start, head) ? SpeakerKind.Organisation : SpeakerKind.Outlet;
        if (lexicon.OrganisationNouns.Contains(headWord)) return SpeakerKind.Organisation;
        if (quantified) return SpeakerKind.Unnamed;
        // "the Sioux Falls Argus Leader", "the Associated Press": a capitalised role word inside an organisation's name is no role.
        if (words.IsCapitalised(head) && head > start && MentionAt(head) is { Label: EntityLabel.ORG } organisation && organisation.Span.Start < words.Tokens[head].Span.Start)
        {
            return AnyOf(start, headEnd, lexicon.OutletWords) ? SpeakerKind.Outlet : SpeakerKind.Organisation;
        }

        if (lexicon.RoleNouns.Contains(headWord)) return SpeakerKind.Role;
        if (lexicon.UnnamedNouns.Contains(headWord)) return SpeakerKind.Unnamed;
        if (!words.IsCapitalised(head)) return SpeakerKind.Unnamed;

        if (MentionAt(head) is { } mention)
        {
            if (mention.Label == EntityLabel.PER) return SpeakerKind.NamedPerson;
            if (mention.Label == EntityLabel.ORG) return AnyOf(start, headEnd, lexicon.OutletWords) ? SpeakerKind.Outlet : SpeakerKind.Organisation;
        }

        if (AnyOf(start, headEnd, lexicon.OutletWords)) return SpeakerKind.Outlet;
        if (AnyOf(start, headEnd, lexicon.OrganisationNouns)) return SpeakerKind.Organisation;
        if (words.Lower(start) == "the") return SpeakerKind.Organisation;

        var capitalised = 0;
        for (var i = start; i < headEnd; i++)
        {
            if (words.IsCapitalised(i)) capitalised++;
        }

        if (capitalised >= 2) return SpeakerKind.NamedPerson;
        var name = words.Text(head);
        if (name.Length >= 2 && name.All(c => char.IsUpper(c) || c == '.')) return SpeakerKind.Organisation;
        return IsOrganisationName(name) ? SpeakerKind.Organisation : SpeakerKind.NamedPerson;
    }

    /// <summary>The entity the speaker is, and for a role or an unnamed source the organisation named in the phrase.</summary>
    public (int? EntityId, int? OrganisationId) Link(int start, int end, SpeakerKind kind)
    {
        if (entities.Mentions.IsDefaultOrEmpty || start >= end) return (null, null);
        var first = words.Tokens[start].Span.Start;
        var last = words.Tokens[end - 1].Span.End;
        EntityMention? person = null, organisation = null, any = null;
        foreach (var mention in entities.Mentions)
        {
            if (mention.Span.Start >= last || mention.Span.End <= first) continue;
            any ??= mention;
            if (mention.Label == EntityLabel.PER) person ??= mention;
            if (mention.Label == EntityLabel.ORG) organisation ??= mention;
        }

        return kind switch
        {
            SpeakerKind.NamedPerson or SpeakerKind.Pronoun => ((person ?? any)?.EntityId, null),
            SpeakerKind.Organisation or SpeakerKind.Outlet => ((organisation ?? any)?.EntityId, null),
            _ => (person?.EntityId, organisation?.EntityId),
        };
    }

    /// <summary>
    /// Whether a label before a colon names a source ("Kerry: …", "Michigan Officials: …") rather than a topic or a
    /// section ("Bubonic plague: …", "Fact Check: …", "Pro tip: …"): with entities, its last word is in the name of a
    /// person, an organisation or a place, or is a noun for people or bodies; without entities, any name may speak.
    /// </summary>
    public bool NamesSource(int start, int end)
    {
        if (entities.Mentions.IsDefaultOrEmpty) return true;
        var head = end - 1;
        while (head > start && words.Lower(head) is "'s" or "’s" or "'" or "’") head--;
        var headWord = words.Lower(head);
        if (lexicon.Pronouns.ContainsKey(headWord) || lexicon.RoleNouns.Contains(headWord) || lexicon.UnnamedNouns.Contains(headWord) ||
            lexicon.OrganisationNouns.Contains(headWord) || lexicon.OutletWords.Contains(headWord))
        {
            return true;
        }

        return MentionAt(head) is { Label: EntityLabel.PER or EntityLabel.ORG or EntityLabel.LOC };
    }

    /// <summary>The last person named before a token, for a pronoun that follows no quote of a person.</summary>
    public Antecedent? NearestPersonBefore(int token)
    {
        if (entities.Mentions.IsDefaultOrEmpty || token >= words.Tokens.Length) return null;
        var offset = words.Tokens[token].Span.Start;
        EntityMention? nearest = null;
        foreach (var mention in entities.Mentions)
        {
            if (mention.Label == EntityLabel.PER && mention.Kind != MentionKind.Pronoun && mention.Span.End <= offset) nearest = mention;
        }

        if (nearest is null) return null;
        var name = nearest.EntityId >= 0 && nearest.EntityId < entities.Entities.Length ? entities.Entities[nearest.EntityId].Name : null;
        return name is null ? null : new Antecedent(name, SpeakerKind.NamedPerson, nearest.EntityId, null);
    }

    /// <summary>"The company’s response", "Apex’s statement": what an organisation issues is the organisation speaking; an outlet's report ("Bloomberg’s report") stays the outlet's.</summary>
    private bool IssuedByOrganisation(int start, int head)
    {
        for (var possessive = start + 1; possessive < head; possessive++)
        {
            if (words.Lower(possessive) is not ("'s" or "’s")) continue;
            var owner = words.Lower(possessive - 1);
            if (lexicon.OutletWords.Contains(owner)) return false;
            return lexicon.OrganisationNouns.Contains(owner) || MentionAt(possessive - 1) is { Label: EntityLabel.ORG };
        }

        return false;
    }

    private EntityMention? MentionAt(int token)
    {
        if (entities.Mentions.IsDefaultOrEmpty) return null;
        var span = words.Tokens[token].Span;
        foreach (var mention in entities.Mentions)
        {
            if (mention.Span.Overlaps(span)) return mention;
        }

        return null;
    }

    private bool AnyOf(int start, int end, IReadOnlySet<string> set)
    {
        for (var i = start; i < end; i++)
        {
            if (words.IsCapitalised(i) && set.Contains(words.Lower(i))) return true;
        }

        return false;
    }

    /// <summary>
    /// Without entities, a one-word name is an organisation when the document says so elsewhere ("Alibaba, a Chinese
    /// e-commerce giant", "Alibaba Group") and a person when it carries a title or a first name ("Secretary Pompeo", "Jim Carafano").
    /// </summary>
    private bool IsOrganisationName(string name)
    {
        if (_organisationNames.TryGetValue(name, out var known)) return known;
        var organisation = 0;
        var person = 0;
        foreach (var i in words.Occurrences(name))
        {
            var next = words.Lower(i + 1);
            if (words.IsCapitalised(i + 1) && lexicon.OrganisationNouns.Contains(next)) organisation++;
            if (next == ",")
            {
                for (var j = i + 2; j < Math.Min(words.Count, i + 10) && !words.IsPunctuation(j); j++)
                {
                    if (lexicon.OrganisationNouns.Contains(words.Lower(j))) organisation++;
                    if (lexicon.RoleNouns.Contains(words.Lower(j)) || lexicon.UnnamedNouns.Contains(words.Lower(j))) person++;
                }
            }

            var previous = words.Lower(i - 1);
            if (PersonTitles.Contains(previous) || words.IsCapitalised(i - 1) && lexicon.RoleNouns.Contains(previous)) person++;
            else if (words.IsCapitalised(i - 1) && !words.IsCapitalised(i - 2) && !words.IsPunctuation(i - 1) &&
                     !lexicon.OrganisationNouns.Contains(previous) && !lexicon.OutletWords.Contains(previous) && previous != "the")
            {
                person++;
            }
        }

        var isOrganisation = organisation > person;
        _organisationNames[name] = isOrganisation;
        return isOrganisation;
    }
}
