namespace PatternEngine.Bench.History;

/// <summary>
/// The bench history database cannot be used: missing, not SQLite, from a newer version, or failing.
/// The message is one line and names the file.
/// </summary>
public sealed class BenchHistoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BenchHistoryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BenchHistoryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public BenchHistoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
