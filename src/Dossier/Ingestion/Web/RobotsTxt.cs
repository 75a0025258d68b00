namespace Dossier.Ingestion.Web;

/// <summary>The Allow/Disallow rules of robots.txt (RFC 9309) that apply to our user agent: longest match wins, Allow on a tie.</summary>
public sealed class RobotsTxt
{
    private readonly List<(string Path, bool Allow)> _rules;

    private RobotsTxt(List<(string Path, bool Allow)> rules) => _rules = rules;

    public static RobotsTxt AllowAll { get; } = new([]);

    public static RobotsTxt Parse(string text, string userAgent)
    {
        var product = userAgent.Split('/', ' ')[0].ToLowerInvariant();
        var groups = new List<(List<string> Agents, List<(string, bool)> Rules)>();
        (List<string> Agents, List<(string, bool)> Rules)? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Split('#')[0].Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                if (!lastWasAgent || current is null)
                {
                    current = ([], []);
                    groups.Add(current.Value);
                }

                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }

            lastWasAgent = false;
            if (current is null) continue;
            if (key is "allow" or "disallow" && (value.Length > 0 || key == "allow")) current.Value.Rules.Add((value, key == "allow"));
        }

        var mine = groups.Where(g => g.Agents.Any(a => a != "*" && product.StartsWith(a, StringComparison.Ordinal))).SelectMany(g => g.Rules).ToList();
        if (mine.Count == 0 && !groups.Any(g => g.Agents.Any(a => a != "*" && product.StartsWith(a, StringComparison.Ordinal))))
        {
            mine = groups.Where(g => g.Agents.Contains("*")).SelectMany(g => g.Rules).ToList();
        }

        return new RobotsTxt(mine);
    }

    public bool Allows(string pathAndQuery)
    {
        var best = -1;
        var allowed = true;
        foreach (var (path, allow) in _rules)
        {
            if (!Matches(path, pathAndQuery)) continue;
            var length = path.Length;
            if (length > best || (length == best && allow))
            {
                best = length;
                allowed = allow;
            }
        }

        return allowed;
    }

    /// <summary>Prefix match with '*' wildcards and an optional '$' end anchor.</summary>
    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored) pattern = pattern[..^1];
        var parts = pattern.Split('*');
        var position = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i == 0)
            {
                if (!path.StartsWith(part, StringComparison.Ordinal)) return false;
                position = part.Length;
                continue;
            }

            var found = path.IndexOf(part, position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + part.Length;
        }

        return !anchored || position == path.Length || parts[^1].Length == 0;
    }
}
