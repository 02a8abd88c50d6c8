namespace PatternEngine.Definitions;

/// <summary>Thrown when a pattern file cannot be loaded or compiled; carries every diagnostic found.</summary>
public sealed class PatternFileException : PatternEngineException
{
    /// <summary>Creates the exception from the diagnostics that caused it (every problem found, in file order).</summary>
    public PatternFileException(IReadOnlyList<Diagnostic> diagnostics)
        : base(PatternEngineErrorKind.InvalidInput, diagnostics)
    {
    }
}
