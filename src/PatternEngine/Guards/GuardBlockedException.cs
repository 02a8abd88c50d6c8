namespace PatternEngine.Guards;

/// <summary>Thrown when a guard blocks its text: the run stops with status <c>blocked</c> and makes no further model call.</summary>
public sealed class GuardBlockedException(string stage, string reason)
    : PatternEngineException(PatternEngineErrorKind.Blocked, $"guard '{stage}' blocked the text: {reason}")
{
    /// <summary>The qualified id of the guard stage.</summary>
    public string Stage { get; } = stage;

    /// <summary>Why the guard blocked it.</summary>
    public string Reason { get; } = reason;
}
