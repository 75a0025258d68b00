namespace Dossier.Cli;

/// <summary>The exit codes of every command, as documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected error stopped the command.</summary>
    public const int Error = 1;

    /// <summary>The command line was wrong: unknown command or option, missing argument, bad value.</summary>
    public const int Usage = 2;

    /// <summary>The run finished, but some inputs failed; each was reported on stderr and recorded in the store.</summary>
    public const int FinishedWithFailures = 3;

    /// <summary>Nothing matched what was asked for (e.g. no entity of that name in the store).</summary>
    public const int NotFound = 4;
}
