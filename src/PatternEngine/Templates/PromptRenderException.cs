namespace PatternEngine.Templates;

/// <summary>
/// Thrown when a template cannot render a prompt to send: it ran past its time limit
/// (<see cref="InputLimits.EvaluationTimeout"/>) or a loop or recursion limit, failed at run time, or rendered more
/// than <see cref="InputLimits.MaxPromptChars"/>. The prompt is never cut short to fit.
/// </summary>
public sealed class PromptRenderException : PatternEngineException
{
    /// <summary>Creates the exception.</summary>
    public PromptRenderException()
        : base(PatternEngineErrorKind.RunFailed, "the prompt cannot be rendered")
    {
    }

    /// <summary>Creates the exception with what went wrong.</summary>
    public PromptRenderException(string message)
        : base(PatternEngineErrorKind.RunFailed, message)
    {
    }

    /// <summary>Creates the exception with what went wrong and its cause.</summary>
    public PromptRenderException(string message, Exception innerException)
        : base(PatternEngineErrorKind.RunFailed, message, innerException)
    {
    }
}
