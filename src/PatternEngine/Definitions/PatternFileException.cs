namespace PatternEngine.Definitions;

/// <summary>Thrown when a pattern file cannot be loaded or compiled; carries every diagnostic found.</summary>
public sealed class PatternFileException : Exception
{
    /// <summary>Creates the exception from the diagnostics that caused it.</summary>
    public PatternFileException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
