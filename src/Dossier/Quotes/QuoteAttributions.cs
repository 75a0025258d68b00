using Dossier.Documents;

namespace Dossier.Quotes;

/// <summary>
/// One attribution may be reported as several quotes: a quote continued after its attribution ("“…,” she said. “…”")
/// takes the speaker of the quote it continues and has no cue of its own; a quote split around its attribution ("“…,” the
/// spokesperson added, “and …”") gives both parts the same cue and speaker. Readers and PolNeAR alike take such parts for
/// one content of one source; the stage keeps them apart so each part's text stays a quotation.
/// </summary>
public static class QuoteAttributions
{
    /// <summary>
    /// The quotes with a speaker, grouped by attribution in text order: a part with no cue span of its own joins the
    /// latest earlier group with the same speaker span; one with the cue span and speaker span of an earlier group joins it.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Quote>> Group(IEnumerable<Quote> quotes)
    {
        var groups = new List<List<Quote>>();
        var latestBySpeaker = new Dictionary<TextSpan, int>();
        var byCue = new Dictionary<(TextSpan Speaker, TextSpan Cue), int>();
        foreach (var quote in quotes)
        {
            if (quote.SpeakerSpan is not { } speaker) continue;
            int group;
            if (quote.CueSpan is not { } cue)
            {
                if (!latestBySpeaker.TryGetValue(speaker, out group)) group = -1;
            }
            else if (!byCue.TryGetValue((speaker, cue), out group))
            {
                group = -1;
            }

            if (group < 0)
            {
                group = groups.Count;
                groups.Add([]);
                if (quote.CueSpan is { } own) byCue[(speaker, own)] = group;
            }

            groups[group].Add(quote);
            latestBySpeaker[speaker] = group;
        }

        return groups;
    }
}
