namespace PatternEngine.Execution;

/// <summary>Thrown when a run fails part-way (a provider error, a cancellation); keeps what was measured.</summary>
public sealed class PatternRunException(string message, RunRecord partial, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The stages that finished before the failure, with their calls and totals.</summary>
    public RunRecord Partial { get; } = partial;
}
