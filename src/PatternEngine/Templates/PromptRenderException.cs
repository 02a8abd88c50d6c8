namespace PatternEngine.Templates;

/// <summary>
/// Thrown when a template cannot render a prompt to send: it ran past its time limit
/// (<see cref="InputLimits.EvaluationTimeout"/>) or a loop or recursion limit, failed at run time, or rendered more
/// than <see cref="InputLimits.MaxPromptChars"/>. The prompt is never cut short to fit.
/// </summary>
public sealed class PromptRenderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PromptRenderException()
    {
    }

    /// <summary>Creates the exception with what went wrong.</summary>
    public PromptRenderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what went wrong and its cause.</summary>
    public PromptRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
