using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Dossier.Claims;
using Dossier.Documents;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Credibility;

/// <summary>
/// Scores how far an article deserves trust from observable signals in its text (docs/credibility.md): a sensational
/// headline, how many of its claims name a source, unnamed sources, categorical against hedged wording, loaded words,
/// sweeping generalisations, whether the other side is heard, and page chrome left in. Every signal carries the spans
/// that show it, so that a reader can check the reasons rather than trust the number.
/// </summary>
public sealed class CredibilityStage : IDocumentStage
{
    private const int MaximumEvidence = 12;

    private readonly CredibilityLexicon _lexicon = CredibilityLexicon.Default;

    public string Name => "credibility";
    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens, Layers.Sentences];
    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Credibility];

    public Document Process(Document document, CancellationToken cancellationToken) =>
        document.With(Layers.Credibility, Assess(document, cancellationToken));

    private CredibilityAssessment Assess(Document document, CancellationToken cancellationToken)
    {
        var tokens = document.Get(Layers.Tokens);
        var sentences = document.Get(Layers.Sentences);
        var claims = document.GetOrDefault(Layers.Claims);
        if (claims.IsDefault) claims = [];
        var words = TokenWords.Lowered(document.Text, tokens);
        var wordCount = Math.Max(1, tokens.Count(t => t.Kind == TokenKind.Word));
        cancellationToken.ThrowIfCancellationRequested();

        List<TextSpan> Spans(PhraseMatcher<bool> matcher, int first, int end) =>
            [.. matcher.Find(words, first, end).Select(m => new TextSpan(tokens[m.FirstToken].Span.Start, tokens[m.EndToken - 1].Span.End))];

        var signals = new List<CredibilitySignal>();
        void Add(string name, double value, string explanation, IEnumerable<TextSpan> evidence)
        {
            value = Math.Clamp(value, 0, 1);
            if (value <= 0) return;
            var effect = Math.Round(_lexicon.Weight(name) * value, 4);
            signals.Add(new CredibilitySignal(name, Math.Round(value, 4), effect, explanation, [.. evidence.Take(MaximumEvidence)]));
        }

        if (!sentences.IsDefaultOrEmpty)
        {
            var headline = sentences[0];
            var sensational = Spans(_lexicon.Sensational, headline.FirstToken, headline.EndToken);
            Add("sensational_headline", sensational.Count > 0 ? 1 : 0,
                $"the opening line uses clickbait or alarm wording ({Quoted(document, sensational)})", sensational);
        }

        var riskClaims = claims.Where(c => c.Category != ClaimLexicon.OtherCategory).ToList();
        if (riskClaims.Count > 0)
        {
            var sourced = riskClaims.Where(c => c.Source is not null).ToList();
            Add("named_sources", sourced.Count / (double)riskClaims.Count,
                $"{sourced.Count} of {riskClaims.Count} risk claims say on whose authority they rest", sourced.Select(c => c.Source!.Span ?? c.Span));
            var unsourced = riskClaims.Where(c => c.Source is null && c.Status == ClaimStatus.Asserted && c.Polarity == Polarity.Adverse).ToList();
            Add("unsourced_claims", unsourced.Count / (double)riskClaims.Count,
                $"{unsourced.Count} of {riskClaims.Count} risk claims are adverse statements in the article's own voice, with no source", unsourced.Select(c => c.Span));
        }

        var anonymous = Spans(_lexicon.Anonymous, 0, tokens.Length);
        Add("anonymous_sources", anonymous.Count / 3.0, $"{anonymous.Count} unnamed source(s) ({Quoted(document, anonymous)})", anonymous);

        var categorical = Spans(_lexicon.Categorical, 0, tokens.Length);
        var hedges = claims.SelectMany(c => c.Hedges.IsDefault ? [] : c.Hedges).Distinct().ToList();
        if (categorical.Count + hedges.Count > 0)
        {
            var share = categorical.Count / (double)(categorical.Count + hedges.Count);
            Add("categorical_language", share * Math.Min(1, categorical.Count / 2.0),
                $"{categorical.Count} categorical phrase(s) against {hedges.Count} hedge(s) in claims ({Quoted(document, categorical)})", categorical);
            Add("hedged_language", (1 - share) * Math.Min(1, hedges.Count / 3.0),
                $"{hedges.Count} hedge(s) mark uncertain claims as such ({Quoted(document, hedges)})", hedges);
        }

        var loaded = Spans(_lexicon.Loaded, 0, tokens.Length);
        var perHundred = loaded.Count * 100.0 / wordCount;
        Add("loaded_language", perHundred / 2.0,
            string.Create(CultureInfo.InvariantCulture, $"{loaded.Count} loaded or partisan term(s), {perHundred:F1} per 100 words ({Quoted(document, loaded)})"), loaded);

        var sweeping = Spans(_lexicon.Sweeping, 0, tokens.Length);
        Add("sweeping_generalisations", sweeping.Count / 2.0, $"{sweeping.Count} sweeping generalisation(s) ({Quoted(document, sweeping)})", sweeping);

        var responses = claims.Where(c => c.Status == ClaimStatus.Denied).Select(c => c.Span).Concat(Spans(_lexicon.Response, 0, tokens.Length)).Distinct().Order().ToList();
        var adverse = claims.Count(c => c.Polarity == Polarity.Adverse);
        if (responses.Count > 0)
        {
            Add("other_side_response", 1, $"the response of those accused is reported ({responses.Count} place(s))", responses);
        }
        else if (adverse >= 2)
        {
            Add("no_other_side", 1, $"{adverse} adverse claims and no response from those they are about", []);
        }

        var chrome = Spans(_lexicon.Chrome, 0, tokens.Length);
        Add("chrome_left", chrome.Count / 2.0, $"page furniture left in the text ({Quoted(document, chrome)})", chrome);

        var score = Math.Clamp(_lexicon.Weight("base") + signals.Sum(s => s.Effect), 0, 1);
        return new CredibilityAssessment(Math.Round(score, 4), [.. signals.OrderBy(s => s.Effect)]);
    }

    private static string Quoted(Document document, IReadOnlyList<TextSpan> spans) =>
        string.Join(", ", spans.Take(4).Select(s => "\"" + document.TextOf(s) + "\"")) + (spans.Count > 4 ? ", …" : "");
}

/// <summary>The cue lists and weights of the credibility signals, read from Credibility/Data.</summary>
internal sealed class CredibilityLexicon
{
    private readonly FrozenDictionary<string, double> _weights;

    private CredibilityLexicon()
    {
        Sensational = Matcher("sensational-cues.txt");
        Anonymous = Matcher("anonymous-sources.txt");
        Categorical = Matcher("categorical-cues.txt");
        Sweeping = Matcher("sweeping-cues.txt");
        Loaded = Matcher("loaded-terms.txt");
        Response = Matcher("response-cues.txt");
        Chrome = Matcher("chrome-cues.txt");
        _weights = EmbeddedData.ReadLines("Credibility.Data.signal-weights.tsv").Select(l => l.Split('\t')).Where(f => f.Length >= 2)
            .ToFrozenDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public static CredibilityLexicon Default { get; } = new();

    public PhraseMatcher<bool> Sensational { get; }
    public PhraseMatcher<bool> Anonymous { get; }
    public PhraseMatcher<bool> Categorical { get; }
    public PhraseMatcher<bool> Sweeping { get; }
    public PhraseMatcher<bool> Loaded { get; }
    public PhraseMatcher<bool> Response { get; }
    public PhraseMatcher<bool> Chrome { get; }

    public double Weight(string signal) => _weights.GetValueOrDefault(signal);

    private static PhraseMatcher<bool> Matcher(string file) =>
        new(EmbeddedData.ReadLines("Credibility.Data." + file).Select(l => new CuePhrase<bool>(PhraseMatcher<bool>.ParseWords(l), true)));
}

public static class CredibilityPipelineExtensions
{
    public static PipelineBuilder UseCredibility(this PipelineBuilder builder) => builder.Use(new CredibilityStage());
}
