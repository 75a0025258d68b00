using System.Text.RegularExpressions;

namespace Dossier.Extraction;

/// <summary>
/// Recognises whole lines of page chrome (shop widgets, prompts, labels, navigation) from the embedded list; plain-text
/// inputs drop them, and the HTML block classifier reads a match as one of its features.
/// </summary>
internal sealed class ChromeLines
{
    /// <summary>Chrome is short; longer text is never tested, which keeps the cost per block small and bounded.</summary>
    public const int MaxChars = 240;

    private readonly Regex _chrome;

    public ChromeLines()
    {
        var patterns = EmbeddedData.ReadLines("Extraction.Data.chrome-lines.txt");
        // One alternation of every pattern, run by the non-backtracking engine: compiled to IL, the alternation made one
        // method so large that the JIT spent seconds of CPU on it in every process that built an extractor; the
        // non-backtracking engine builds its automaton lazily in milliseconds, matches faster still, and in time linear in
        // the line whatever a pattern says.
        _chrome = new Regex("^(?:" + string.Join("|", patterns.Select(p => "(?:" + p + ")")) + ")$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
    }

    public bool IsChrome(string line)
    {
        if (line.Length > MaxChars) return false;
        try
        {
            return _chrome.IsMatch(line);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
