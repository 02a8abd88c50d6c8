using PatternEngine.Definitions;

namespace PatternEngine.Budgets;

/// <summary>
/// Thrown in place of a model call whose worst case does not fit what is left of the run's budget: the call is not
/// made, and the run stops with <see cref="Execution.RunStatus.BudgetExceeded"/>, keeping what it measured.
/// </summary>
public sealed class BudgetExceededException : PatternEngineException
{
    /// <summary>Creates the exception for a call of <paramref name="stage"/> that would pass <paramref name="limit"/>.</summary>
    public BudgetExceededException(string? stage, RunBudget budget, string limit)
        : base(PatternEngineErrorKind.BudgetExceeded, $"the run's budget ({budget}) has no room for the next call of stage '{stage ?? "?"}': it would pass {limit}")
    {
        Stage = stage;
        Budget = budget;
    }

    /// <summary>The qualified id of the stage whose call was not made; null outside a stage.</summary>
    public string? Stage { get; }

    /// <summary>The budget the run had.</summary>
    public RunBudget Budget { get; }
}
