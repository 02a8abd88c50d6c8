namespace PatternEngine.Models.Recording;

/// <summary>A cassette file that cannot be read: missing, or a line that is no entry. The message names the file and line.</summary>
public sealed class CassetteFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CassetteFileException()
    {
    }

    /// <summary>Creates the exception with a message that names where (<c>file:line: what</c>).</summary>
    public CassetteFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CassetteFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
