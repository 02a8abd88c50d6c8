namespace PatternEngine.Execution;

/// <summary>Thrown when a run fails part-way (a provider error, a cancellation); keeps what was measured.</summary>
public sealed class PatternRunException(string message, RunRecord partial, Exception? inner = null) : PatternEngineException(PatternEngineErrorKind.RunFailed, message, inner)
{
    /// <summary>Every stage that started, with its calls and totals; a failed or cancelled stage says so in its issues.</summary>
    public RunRecord Partial { get; } = partial;
}
