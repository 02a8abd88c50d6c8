namespace PatternEngine.Execution;

/// <summary>Thrown when a run's inputs do not fit the pattern: a missing, unknown or mistyped input.</summary>
public sealed class PatternInputException(string message) : PatternEngineException(PatternEngineErrorKind.InvalidInput, message);
