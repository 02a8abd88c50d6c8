namespace PatternEngine.Execution;

/// <summary>
/// Thrown when a run fails part-way (a provider error, a cancellation, a call its budget has no room for, a guard
/// that blocks); keeps what was measured. Its <see cref="PatternEngineException.Kind"/> is the cause's when the cause
/// is a budget or a guard, else <see cref="PatternEngineErrorKind.RunFailed"/>.
/// </summary>
public sealed class PatternRunException(string message, RunRecord partial, Exception? inner = null)
    : PatternEngineException(KindOf(inner), message, inner)
{
    /// <summary>Every stage that started, with its calls and totals; a failed or cancelled stage says so in its issues.</summary>
    public RunRecord Partial { get; } = partial;

    /// <summary>The budget or guard stop in <paramref name="error"/>'s chain of causes, else <see cref="PatternEngineErrorKind.RunFailed"/>.</summary>
    internal static PatternEngineErrorKind KindOf(Exception? error)
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is PatternEngineException { Kind: PatternEngineErrorKind.BudgetExceeded or PatternEngineErrorKind.Blocked } stop)
            {
                return stop.Kind;
            }
        }

        return PatternEngineErrorKind.RunFailed;
    }
}
