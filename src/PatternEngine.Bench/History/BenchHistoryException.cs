namespace PatternEngine.Bench.History;

/// <summary>
/// The bench history database cannot be used: missing, not SQLite, from a newer version, or failing.
/// The message is one line and names the file.
/// </summary>
public sealed class BenchHistoryException : PatternEngineException
{
    /// <summary>Creates the exception.</summary>
    public BenchHistoryException()
        : base(PatternEngineErrorKind.InvalidInput, "the bench history database cannot be used")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BenchHistoryException(string message)
        : base(PatternEngineErrorKind.InvalidInput, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public BenchHistoryException(string message, Exception innerException)
        : base(PatternEngineErrorKind.InvalidInput, message, innerException)
    {
    }
}
