using System.Collections.Immutable;
using System.Globalization;
using Dossier.Documents;
using Dossier.Entities;
using Dossier.Pipeline;
using Dossier.Text;

namespace Dossier.Figures;

/// <summary>
/// Finds money, percentages, counts and dates in each sentence and normalises them ("$2.5 million" is 2500000 USD,
/// "80 percent" is 0.80, "August 24, 2020" is 2020-08-24). When entities were found first, a figure is said to be
/// about the nearest entity before it in its sentence (or else the first after it).
/// </summary>
public sealed class FigureStage(FigureLexicon lexicon) : IDocumentStage
{
    public string Name => "figures";
    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens, Layers.Sentences];
    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Figures];

    public Document Process(Document document, CancellationToken cancellationToken)
    {
        var tokens = document.Get(Layers.Tokens);
        var sentences = document.Get(Layers.Sentences);
        var entities = document.GetOrDefault(Layers.Entities);
        var figures = ImmutableArray.CreateBuilder<Figure>();
        foreach (var sentence in sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var words = Enumerable.Range(sentence.FirstToken, sentence.TokenCount).Select(t => document.TextOf(tokens[t].Span)).ToArray();
            foreach (var (first, end, kind, value, unit, normalized) in Find(words))
            {
                var span = new TextSpan(tokens[sentence.FirstToken + first].Span.Start, tokens[sentence.FirstToken + end - 1].Span.End);
                var (about, aboutId) = kind == FigureKind.DATE || entities is null ? (null, null) : About(entities, sentence.Span, span);
                figures.Add(new Figure(span, kind, value is { } v ? Trim(v) : null, unit, normalized, about, aboutId));
            }
        }

        return document.With(Layers.Figures, figures.ToImmutable());
    }

    private static (string?, int?) About(EntityLayer entities, TextSpan sentence, TextSpan figure)
    {
        EntityMention? before = null;
        EntityMention? after = null;
        foreach (var mention in entities.Mentions)
        {
            if (!sentence.Contains(mention.Span)) continue;
            // A nationality or other MISC name ("Chinese", "Democratic") describes rather than being what the figure is about.
            if (mention.Label == EntityLabel.MISC) continue;
            if (mention.Span.End <= figure.Start) before = mention;
            else if (mention.Span.Start >= figure.End && after is null) after = mention;
        }

        var chosen = before ?? after;
        if (chosen is null) return (null, null);
        var entity = entities.Entities[chosen.EntityId];
        return (entity.Name, entity.Id);
    }

    /// <summary>Figures in one sentence's tokens: (first token, end token, kind, value, unit, normalised form).</summary>
    public IEnumerable<(int First, int End, FigureKind Kind, decimal? Value, string? Unit, string? Normalized)> Find(IReadOnlyList<string> words)
    {
        var t = 0;
        while (t < words.Count)
        {
            var found = Money(words, t) ?? Percent(words, t) ?? Date(words, t) ?? Quantity(words, t);
            if (found is { } figure)
            {
                yield return figure;
                t = figure.Item2;
            }
            else
            {
                t++;
            }
        }
    }

    private (int, int, FigureKind, decimal?, string?, string?)? Money(IReadOnlyList<string> w, int t)
    {
        var start = t;
        var currency = lexicon.Lookup("symbol", w[t]);
        if (currency is null && w[t] is "US" or "U.S." && t + 1 < w.Count && w[t + 1] == "$")
        {
            currency = "USD";
            t++;
        }

        if (currency is not null)
        {
            if (t + 1 >= w.Count || ParseNumber(w[t + 1]) is not { } amount) return null;
            var end = t + 2;
            var value = ApplyScale(w, ref end, amount);
            // "$300,000 U.S. dollars": the currency words after the amount belong to it.
            if (end < w.Count && w[end] is "U.S." or "US" && end + 1 < w.Count && lexicon.Lookup("currency", w[end + 1]) is not null) end += 2;
            else if (end < w.Count && lexicon.Lookup("currency", w[end]) is { } named && named == currency) end++;
            return (start, end, FigureKind.MONEY, value, currency, $"{Format(value)} {currency}");
        }

        if (Amount(w, t) is not { } plain) return null;
        var after = plain.End;
        if (after < w.Count && w[after] is "U.S." or "US" && after + 1 < w.Count && lexicon.Lookup("currency", w[after + 1]) is { } us) return (start, after + 2, FigureKind.MONEY, plain.Value, us, $"{Format(plain.Value)} {us}");
        if (after < w.Count && lexicon.Lookup("currency", w[after]) is { } code) return (start, after + 1, FigureKind.MONEY, plain.Value, code, $"{Format(plain.Value)} {code}");
        return null;
    }

    private (int, int, FigureKind, decimal?, string?, string?)? Percent(IReadOnlyList<string> w, int t)
    {
        if (ParseNumber(w[t]) is not { } number || t + 1 >= w.Count) return null;
        var end = w[t + 1] switch
        {
            "%" or "percent" or "pct" or "per-cent" => t + 2,
            "per" when t + 2 < w.Count && w[t + 2] == "cent" => t + 3,
            _ => -1,
        };
        if (end < 0) return null;
        var value = number / 100m;
        return (t, end, FigureKind.PERCENT, value, "%", Format(value));
    }

    private (int, int, FigureKind, decimal?, string?, string?)? Date(IReadOnlyList<string> w, int t)
    {
        var month = MonthOf(w[t]);
        if (month is { } m)
        {
            // Month day[, year] | Month year
            if (t + 1 < w.Count && Day(w[t + 1]) is { } day)
            {
                var end = t + 2;
                if (end + 1 < w.Count && w[end] == "," && Year(w[end + 1]) is { } y1) return (t, end + 2, FigureKind.DATE, null, null, Iso(y1, m, day));
                if (end < w.Count && Year(w[end]) is { } y2) return (t, end + 1, FigureKind.DATE, null, null, Iso(y2, m, day));
                return (t, end, FigureKind.DATE, null, null, $"--{m:00}-{day:00}");
            }

            if (t + 1 < w.Count && Year(w[t + 1]) is { } year) return (t, t + 2, FigureKind.DATE, null, null, $"{year:0000}-{m:00}");
            return null;
        }

        // day Month [year]
        if (Day(w[t]) is { } d && t + 1 < w.Count && MonthOf(w[t + 1]) is { } m2)
        {
            if (t + 2 < w.Count && Year(w[t + 2]) is { } year) return (t, t + 3, FigureKind.DATE, null, null, Iso(year, m2, d));
            return (t, t + 2, FigureKind.DATE, null, null, $"--{m2:00}-{d:00}");
        }

        if (lexicon.Lookup("weekday", w[t]) is not null) return (t, t + 1, FigureKind.DATE, null, null, w[t]);

        if (Year(w[t]) is { } alone && (t == 0 || lexicon.Lookup("year-cue", w[t - 1].ToLowerInvariant()) is not null || w[t - 1] is "the" or "and" or "or")
            && !(t + 1 < w.Count && (lexicon.Lookup("scale", w[t + 1]) is not null || lexicon.Lookup("currency", w[t + 1]) is not null || w[t + 1] is "%" or "percent")))
        {
            return (t, t + 1, FigureKind.DATE, null, null, alone.ToString("0000", CultureInfo.InvariantCulture));
        }

        return null;
    }

    private (int, int, FigureKind, decimal?, string?, string?)? Quantity(IReadOnlyList<string> w, int t)
    {
        if (Amount(w, t) is not { } amount) return null;
        var end = amount.End;
        string? unit = null;
        if (end < w.Count && w[end].Length > 1 && w[end].All(char.IsLower)) unit = w[end];
        return (t, end, FigureKind.QUANTITY, amount.Value, unit, Format(amount.Value));
    }

    /// <summary>A number, or a number word, and any scale word after it.</summary>
    private (decimal Value, int End)? Amount(IReadOnlyList<string> w, int t)
    {
        var number = ParseNumber(w[t]) ?? (w[t].Length > 0 && char.IsLower(w[t][0]) ? lexicon.Number("number", w[t]) : null);
        if (number is not { } n) return null;
        var end = t + 1;
        return (ApplyScale(w, ref end, n), end);
    }

    private decimal ApplyScale(IReadOnlyList<string> w, ref int end, decimal amount)
    {
        if (end < w.Count && lexicon.Number("scale", w[end].ToLowerInvariant()) is { } scale && (w[end].Length > 1 || char.IsLower(w[end][0])))
        {
            end++;
            return amount * scale;
        }

        return amount;
    }

    private int? MonthOf(string word) => lexicon.Number("month", word.TrimEnd('.')) is { } m && word.Length > 0 && char.IsUpper(word[0]) ? (int)m : null;

    private static int? Day(string word) => int.TryParse(word.TrimEnd(',').Replace("st", "").Replace("nd", "").Replace("rd", "").Replace("th", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31 && word.Length <= 4 ? d : null;

    private static int? Year(string word) => word.Length == 4 && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1800 and <= 2100 ? y : null;

    private static string Iso(int year, int month, int day) =>
        day <= DateTime.DaysInMonth(year, month) ? $"{year:0000}-{month:00}-{day:00}" : $"{year:0000}-{month:00}";

    public static decimal? ParseNumber(string word)
    {
        if (word.Length == 0 || !char.IsDigit(word[0]) || !char.IsDigit(word[^1])) return null;
        var commas = word.Contains(',');
        if (commas && !IsGrouped(word)) return null;
        return decimal.TryParse(word.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static bool IsGrouped(string word)
    {
        var integer = word.Split('.')[0];
        var groups = integer.Split(',');
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }

    private static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    // Dividing by 1.000…0 drops the trailing zeros that multiplying by a scale leaves in a decimal (2500000.0 becomes 2500000).
    private static decimal Trim(decimal value) => value / 1.000000000000000000000000000000000m;
}
