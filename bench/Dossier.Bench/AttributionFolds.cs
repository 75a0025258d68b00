using System.Globalization;

namespace Dossier.Bench;

/// <summary>
/// One fold of PolNeAR train, by ordinal article index: fold K of N holds the articles whose index modulo N is K.
/// A model trained without a fold reads that fold as it reads unseen text, which is what a model stacked on it must learn from.
/// </summary>
internal readonly record struct AttributionFolds(int Fold, int Count)
{
    /// <summary>The fold a <c>--fold K/N</c> flag names; null without one.</summary>
    public static AttributionFolds? From(string[] args)
    {
        var index = Array.IndexOf(args, "--fold");
        if (index < 0 || index + 1 >= args.Length) return null;
        var parts = args[index + 1].Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var fold) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var count) ||
            count < 2 || fold < 0 || fold >= count)
        {
            throw new ArgumentException($"--fold takes K/N with 0 <= K < N and N >= 2, not '{args[index + 1]}'.");
        }

        return new AttributionFolds(fold, count);
    }

    /// <summary>Whether the article at this ordinal index lies in the fold.</summary>
    public bool Holds(int articleIndex) => articleIndex % Count == Fold;

    public static int FoldOf(int articleIndex, int count) => articleIndex % count;

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $", fold {Fold} of {Count} left out");
}
