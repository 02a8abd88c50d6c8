namespace PatternEngine.Execution;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Every stage ran (or was skipped by its condition).</summary>
    Finished,

    /// <summary>A stage failed (a provider, a prompt that does not render, a cancellation).</summary>
    Failed,

    /// <summary>A call did not fit the run's budget, so it was not made and the run stopped.</summary>
    BudgetExceeded,

    /// <summary>A guard blocked the run's text, so no further model call was made.</summary>
    Blocked,
}
