namespace PatternEngine.Models.Resilience;

/// <summary>
/// A model call failed for good: after its retries, and after its fallback when it has one. Every attempt before
/// it is in the run's call records, each with its reason.
/// </summary>
public sealed class ModelCallException(string route, string message, Exception? inner = null) : PatternEngineException(PatternEngineErrorKind.RunFailed, message, inner)
{
    /// <summary>The logical model name that was called.</summary>
    public string Route { get; } = route;
}
