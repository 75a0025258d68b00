using Dossier.Analysis;
using Dossier.Serialization;

namespace Dossier.Reports;

/// <summary>Computes the report of one entity from its dossier: the same figures feed every output format.</summary>
public static class ReportBuilder
{
    public const string Undated = "undated";

    private static readonly HashSet<string> DenialRelations = new(StringComparer.OrdinalIgnoreCase) { "denies", "denial", "contradicts", "refutes", "disputes" };

    /// <summary>The report's quotes as users read them: what the entity said, then what others said about it.</summary>
    public static IReadOnlyList<(string Heading, IReadOnlyList<ReportQuoteJson> Quotes)> QuoteSections(DossierReport report) =>
    [
        ($"What {report.Entity.Name} said", [.. report.Quotes.Where(q => q.ByEntity)]),
        ($"What others said about {report.Entity.Name}", [.. report.Quotes.Where(q => !q.ByEntity)]),
    ];

    public static DossierReport Build(EntityDossier dossier)
    {
        var entityId = dossier.Entity.Id;
        var documents = dossier.Documents;
        var claims = new List<ReportClaimJson>();
        var quotes = new List<ReportQuoteJson>();
        var articles = new List<ReportArticleJson>();
        var claimsByRef = new Dictionary<(string Document, int Index), ReportClaimJson>();
        var pairs = new List<DenialPairJson>();

        foreach (var stored in documents)
        {
            var document = stored.Document;
            var outlet = OutletOf(document);
            var aboutEntity = new HashSet<int>(stored.CanonicalIds.Where(pair => pair.Value == entityId).Select(pair => pair.Key));
            var documentClaims = new List<ReportClaimJson>();
            for (var index = 0; index < document.Claims.Count; index++)
            {
                var claim = document.Claims[index];
                var reportClaim = ToReportClaim(document, index, outlet);
                claimsByRef[(document.Id, index)] = reportClaim;
                if (claim.SubjectEntityIds.Any(aboutEntity.Contains)) documentClaims.Add(reportClaim);
            }

            var quoteSources = new HashSet<int>(document.Claims
                .Where(claim => claim.SubjectEntityIds.Any(aboutEntity.Contains) && claim.Source?.QuoteIndex is not null)
                .Select(claim => claim.Source!.QuoteIndex!.Value));
            var mentions = EntityDossier.MentionsIn(stored, entityId).ToList();
            var documentQuotes = new List<ReportQuoteJson>();
            for (var index = 0; index < document.Quotes.Count; index++)
            {
                var quote = document.Quotes[index];
                var spokenBy = quote.SpeakerEntityId is { } speaker && aboutEntity.Contains(speaker)
                               || quote.SpeakerOrganisationId is { } organisation && aboutEntity.Contains(organisation);
                var speaksOf = mentions.Any(m => m.Start >= quote.Start && m.End <= quote.End);
                if ((spokenBy || speaksOf || quoteSources.Contains(index)) && !LiesInALongerQuoteBySameSpeaker(document.Quotes, index))
                {
                    documentQuotes.Add(new ReportQuoteJson(document.Id, index, NamedSpeaker(quote) ?? quote.Speaker ?? "unknown speaker", quote.SpeakerKind, quote.Text, quote.Cue,
                        quote.Start, quote.End, Anchors.Quote(document.Id, index), spokenBy));
                }
            }

            foreach (var claim in documentClaims)
            {
                if (document.Claims[claim.Index].RespondsTo is { } answered && claimsByRef.TryGetValue((document.Id, answered), out var allegation))
                {
                    pairs.Add(new DenialPairJson(allegation, claim, "responds_to"));
                }
            }

            claims.AddRange(documentClaims);
            quotes.AddRange(documentQuotes);
            articles.Add(new ReportArticleJson(
                document.Id, document.Title ?? document.Source, document.Source, document.Url, outlet, document.Published, document.Authors,
                document.Credibility?.Score, document.Credibility?.Signals ?? [], mentions.Count, documentClaims.Count, documentQuotes.Count));
        }

        var reportedClaims = new HashSet<(string, int)>(claims.Select(c => (c.Document, c.Index)));
        foreach (var link in dossier.ClaimLinks ?? [])
        {
            if (!DenialRelations.Contains(link.Relation)) continue;
            if (!reportedClaims.Contains((link.From.Document, link.From.Claim)) && !reportedClaims.Contains((link.To.Document, link.To.Claim))) continue;
            // A link reads "from denies to": the allegation is the claim that is answered.
            if (claimsByRef.TryGetValue((link.To.Document, link.To.Claim), out var allegation)
                && claimsByRef.TryGetValue((link.From.Document, link.From.Claim), out var denial)
                && !pairs.Any(p => p.Allegation == allegation && p.Denial == denial))
            {
                pairs.Add(new DenialPairJson(allegation, denial, link.Relation));
            }
        }

        return new DossierReport(
            DossierJsonMapper.ToJson(dossier.Entity, dossier.Hits),
            documents.Count,
            RiskCategories(claims),
            GroupByStory(claims, documents, dossier.Stories ?? []),
            quotes,
            pairs,
            Timeline(claims),
            SourceGraph(claims),
            articles);
    }

    /// <summary>The denials of the report under the allegation each answers, allegations in order of first answer.</summary>
    public static IReadOnlyList<(ReportClaimJson Allegation, IReadOnlyList<ReportClaimJson> Denials)> DenialsByAllegation(DossierReport report) =>
        [.. report.AllegationDenials.GroupBy(pair => (pair.Allegation.Document, pair.Allegation.Index))
            .Select(group => (group.First().Allegation, (IReadOnlyList<ReportClaimJson>)[.. group.Select(pair => pair.Denial).Distinct()]))];

    /// <summary>The outlet that published a document: its site, else its URL's host, else its source's file name.</summary>
    public static string OutletOf(DocumentJson document)
    {
        if (!string.IsNullOrWhiteSpace(document.Site)) return document.Site.Trim();
        if (document.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            return uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        }

        return Path.GetFileName(document.Source) is { Length: > 0 } name ? name : document.Source;
    }

    private static ReportClaimJson ToReportClaim(DocumentJson document, int index, string outlet)
    {
        var claim = document.Claims[index];
        // A pronoun the quote stage could not resolve is left to the claim stage's source, which has resolved it.
        var attributedTo = claim.Source is { } source
            ? source.QuoteIndex is { } quoteIndex && quoteIndex >= 0 && quoteIndex < document.Quotes.Count && document.Quotes[quoteIndex] is { Speaker: not null } quote
                ? NamedSpeaker(quote) ?? source.Text
                : source.Text
            : null;
        return new ReportClaimJson(document.Id, index, claim.Text, claim.Category, claim.Status, claim.Polarity, document.Published, outlet,
            string.IsNullOrWhiteSpace(attributedTo) ? null : attributedTo.Trim(), claim.Start, claim.End, Anchors.Claim(document.Id, index));
    }

    /// <summary>
    /// "… implied that the report could be politically motivated, suggesting that it may have been aimed at …": the
    /// quotes layer keeps an attribution nested in another, but one by the same speaker (the same words of the text
    /// name both, or overlap: "the tech giant called …, questioning …" read with "the tech" as the second speaker)
    /// restates part of the longer quote, so the dossier shows the longer one once.
    /// </summary>
    private static bool LiesInALongerQuoteBySameSpeaker(IReadOnlyList<QuoteJson> quotes, int index)
    {
        var quote = quotes[index];
        if (quote is not { SpeakerStart: { } speakerStart, SpeakerEnd: { } speakerEnd }) return false;
        for (var other = 0; other < quotes.Count; other++)
        {
            var longer = quotes[other];
            if (other != index && longer.Start <= quote.Start && quote.End <= longer.End && longer.End - longer.Start > quote.End - quote.Start
                && longer.SpeakerStart < speakerEnd && speakerStart < longer.SpeakerEnd) return true;
        }

        return false;
    }

    /// <summary>Who a quote's speaker is to a reader: a pronoun ("It alleged that …") says nothing, the name it stands for does; null when unresolved.</summary>
    private static string? NamedSpeaker(QuoteJson quote) =>
        string.Equals(quote.SpeakerKind, "pronoun", StringComparison.OrdinalIgnoreCase) ? quote.ResolvedSpeaker : quote.Speaker;

    private static readonly string AdversePolarity = DossierJsonMapper.Snake(Dossier.Claims.Polarity.Adverse);

    /// <summary>
    /// The adverse claims per category: a denial, a negation ("has thus far avoided such measures") or the entity's own
    /// favourable statement is in the category's claims but is no risk, and counting it made a denied allegation look
    /// five times as weighty. Independent sources of a category are the distinct outlets whose articles carry its adverse
    /// claims: several articles of one outlet count once, because they are not independent confirmations.
    /// </summary>
    private static List<RiskCategoryJson> RiskCategories(List<ReportClaimJson> claims) =>
        claims.Where(claim => claim.Polarity == AdversePolarity)
            .GroupBy(claim => claim.Category, StringComparer.Ordinal)
            .Select(group =>
            {
                var sources = group.Select(claim => claim.Outlet).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
                return new RiskCategoryJson(group.Key, group.Count(), sources.Count, sources);
            })
            .OrderByDescending(category => category.IndependentSources).ThenByDescending(category => category.Claims).ThenBy(category => category.Category, StringComparer.Ordinal)
            .ToList();

    private static List<StoryClaimsJson> GroupByStory(List<ReportClaimJson> claims, IReadOnlyList<StoredDocument> documents, IReadOnlyList<StoryJson> stories)
    {
        var storyOf = new Dictionary<string, StoryJson>(StringComparer.Ordinal);
        foreach (var story in stories)
        {
            foreach (var documentId in story.Documents) storyOf.TryAdd(documentId, story);
        }

        var order = documents.Select((stored, index) => (stored.Document.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);
        return claims
            .GroupBy(claim => storyOf.TryGetValue(claim.Document, out var story) ? story.Id : "article-" + Anchors.Short(claim.Document), StringComparer.Ordinal)
            .Select(group => new StoryClaimsJson(
                group.Key,
                storyOf.TryGetValue(group.First().Document, out var story)
                    ? story.Documents.Where(order.ContainsKey).ToList()
                    : [group.First().Document],
                group.GroupBy(claim => claim.Category, StringComparer.Ordinal)
                    .OrderBy(category => category.Key, StringComparer.Ordinal)
                    .Select(category => new CategoryClaimsJson(category.Key, category.ToList()))
                    .ToList()))
            .OrderBy(story => story.Documents.Select(id => order.GetValueOrDefault(id, int.MaxValue)).DefaultIfEmpty(int.MaxValue).Min())
            .ThenBy(story => story.Story, StringComparer.Ordinal)
            .ToList();
    }

    private static List<TimelineBucketJson> Timeline(List<ReportClaimJson> claims) =>
        claims.GroupBy(claim => (Period: PeriodOf(claim.Published), claim.Category))
            .Select(group => new TimelineBucketJson(group.Key.Period, group.Key.Category, group.Count()))
            .OrderBy(bucket => bucket.Period == Undated).ThenBy(bucket => bucket.Period, StringComparer.Ordinal).ThenBy(bucket => bucket.Category, StringComparer.Ordinal)
            .ToList();

    /// <summary>The month of an ISO date ("2020-08-14T…" → "2020-08"), or "undated" when there is none.</summary>
    public static string PeriodOf(string? published) =>
        published is { Length: >= 7 } && char.IsAsciiDigit(published[0]) && published[4] == '-' && char.IsAsciiDigit(published[5]) && char.IsAsciiDigit(published[6])
            ? published[..7]
            : Undated;

    /// <summary>Outlets and the speakers claims are attributed to, each linked to the claims they carry.</summary>
    private static SourceGraphJson SourceGraph(List<ReportClaimJson> claims)
    {
        var nodes = new List<GraphNodeJson>();
        var edges = new List<GraphEdgeJson>();
        var known = new HashSet<string>(StringComparer.Ordinal);

        string Node(string kind, string key, string label)
        {
            var id = kind + ":" + (kind == "claim" ? key : key.ToLowerInvariant());
            if (known.Add(id)) nodes.Add(new GraphNodeJson(id, kind, label));
            return id;
        }

        foreach (var claim in claims)
        {
            var claimNode = Node("claim", claim.Anchor, $"{claim.Category} ({claim.Status})");
            edges.Add(new GraphEdgeJson(Node("outlet", claim.Outlet, claim.Outlet), claimNode));
            if (claim.AttributedTo is { } speaker) edges.Add(new GraphEdgeJson(Node("speaker", speaker, speaker), claimNode));
        }

        return new SourceGraphJson(nodes, edges.Distinct().ToList());
    }
}

/// <summary>The ids of highlighted spans in article text, shared by the report and the web pages so that links resolve.</summary>
public static class Anchors
{
    public static string Short(string documentId) => documentId.Length > 12 ? documentId[..12] : documentId;

    public static string Claim(string documentId, int index) => $"c-{Safe(Short(documentId))}-{index}";

    public static string Quote(string documentId, int index) => $"q-{Safe(Short(documentId))}-{index}";

    // Document ids are hex hashes; anything else (a hostile store) is reduced to characters safe in an id and a URL fragment.
    private static string Safe(string value) => string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
}
