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

    /// <summary>A run stopped by its budget: its next call did not fit, so it was not made.</summary>
    public const int BudgetExceeded = 4;

    /// <summary>A run blocked by a guard: no model call followed.</summary>
    public const int Blocked = 5;
}
