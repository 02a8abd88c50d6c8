namespace PatternEngine.Cli;

/// <summary>What the command line's exit codes mean.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A failure while running: a provider error, a cancelled run.</summary>
    public const int RunFailed = 1;

    /// <summary>Invalid input: a bad pattern file, a missing input or model file, a bad flag.</summary>
    public const int InvalidInput = 2;

    /// <summary>A bench's gate failed (<c>--gate</c>): the figures are written and stored, and a threshold was missed.</summary>
    public const int GateFailed = 3;
}
