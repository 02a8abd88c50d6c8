namespace PatternEngine.Review;

/// <summary>
/// A review queue cannot do what was asked: no item has the id, the item is decided already, or the store failed.
/// The message is one line and names the store.
/// </summary>
public sealed class ReviewException : PatternEngineException
{
    /// <summary>Creates the exception.</summary>
    public ReviewException()
        : base(PatternEngineErrorKind.InvalidInput, "the review queue cannot do that")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReviewException(string message)
        : base(PatternEngineErrorKind.InvalidInput, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ReviewException(string message, Exception innerException)
        : base(PatternEngineErrorKind.InvalidInput, message, innerException)
    {
    }

    /// <summary>Creates the exception of the given kind.</summary>
    public ReviewException(PatternEngineErrorKind kind, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
    }
}
