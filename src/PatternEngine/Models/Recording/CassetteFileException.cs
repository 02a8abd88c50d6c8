namespace PatternEngine.Models.Recording;

/// <summary>A cassette file that cannot be read: missing, or a line that is no entry. The message names the file and line.</summary>
public sealed class CassetteFileException : PatternEngineException
{
    /// <summary>Creates the exception.</summary>
    public CassetteFileException()
        : base(PatternEngineErrorKind.InvalidInput, "the cassette file cannot be read")
    {
    }

    /// <summary>Creates the exception with a message that names where (<c>file:line: what</c>).</summary>
    public CassetteFileException(string message)
        : base(PatternEngineErrorKind.InvalidInput, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CassetteFileException(string message, Exception innerException)
        : base(PatternEngineErrorKind.InvalidInput, message, innerException)
    {
    }
}
