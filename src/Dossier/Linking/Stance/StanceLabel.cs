namespace Dossier.Linking.Stance;

/// <summary>The stance of a body towards a headline, as in FNC-1.</summary>
public enum StanceLabel
{
    Agree,
    Disagree,
    Discuss,
    Unrelated,
}

public static class StanceLabels
{
    public static string ToFnc(this StanceLabel label) => label switch
    {
        StanceLabel.Agree => "agree",
        StanceLabel.Disagree => "disagree",
        StanceLabel.Discuss => "discuss",
        _ => "unrelated",
    };

    public static bool TryParseFnc(string text, out StanceLabel label)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "agree": label = StanceLabel.Agree; return true;
            case "disagree": label = StanceLabel.Disagree; return true;
            case "discuss": label = StanceLabel.Discuss; return true;
            case "unrelated": label = StanceLabel.Unrelated; return true;
            default: label = StanceLabel.Unrelated; return false;
        }
    }
}
