using System.Collections.Frozen;
using System.Collections.Immutable;
using Dossier.Text;

namespace Dossier.Claims;

/// <summary>
/// Whether a text is English prose, the only language the claim rules, cue lists and models are written for. Judged on
/// the text itself: a page's declared language is often missing, or wrong when a site declares one language for pages
/// in another (English articles on a site that says German).
/// </summary>
internal static class EnglishProse
{
    /// <summary>Shorter texts (a headline, one sentence) say too little to judge; they are read as English.</summary>
    private const int MinimumWords = 50;

    /// <summary>In English news about one word in three is a function word of the list; other languages and score
    /// tables stay well under one in twenty.</summary>
    private const double MinimumFunctionWordShare = 0.05;

    /// <param name="loweredWords">The tokens' words in lower case, one per token.</param>
    public static bool Holds(string text, ImmutableArray<Token> tokens, IReadOnlyList<string> loweredWords, FrozenSet<string> englishFunctionWords)
    {
        int words = 0, functionWords = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            if (tokens[t].Kind != TokenKind.Word || !char.IsLetter(text[tokens[t].Span.Start])) continue;
            words++;
            if (englishFunctionWords.Contains(loweredWords[t])) functionWords++;
        }

        return words < MinimumWords || functionWords >= MinimumFunctionWordShare * words;
    }
}
