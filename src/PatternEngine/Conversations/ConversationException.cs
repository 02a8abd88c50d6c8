namespace PatternEngine.Conversations;

/// <summary>A conversation cannot be started, continued or read as asked (unknown id, another pattern, a turns file or store that is wrong).</summary>
public sealed class ConversationException : PatternEngineException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    /// <param name="kind">Whether the input was wrong or the store failed.</param>
    /// <param name="message">What went wrong, naming the conversation or file.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ConversationException(PatternEngineErrorKind kind, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
    }

    /// <summary>Creates the exception from located problems of an input file (a turns file).</summary>
    /// <param name="diagnostics">Every problem, with its place.</param>
    public ConversationException(IReadOnlyList<Definitions.Diagnostic> diagnostics)
        : base(PatternEngineErrorKind.InvalidInput, diagnostics)
    {
    }
}
