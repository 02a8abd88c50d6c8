using PatternEngine.Definitions;

namespace PatternEngine;

/// <summary>
/// The base of every exception the engine throws on purpose: catch this one type to handle them all. <see cref="Kind"/>
/// says whether the input was wrong or the run failed; <see cref="Diagnostics"/> says where in the input, when the input
/// has places (<c>file:line:column: message</c>, one per problem). When it has none, <see cref="Exception.Message"/>
/// says what, in one line that names the file or setting.
/// </summary>
public abstract class PatternEngineException : Exception
{
    /// <summary>Creates the exception with a one-line message and no locations.</summary>
    /// <param name="kind">Whether the input was wrong or the run failed.</param>
    /// <param name="message">What went wrong, naming the file or setting.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    protected PatternEngineException(PatternEngineErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Diagnostics = [];
    }

    /// <summary>Creates the exception from located problems; the message joins them, one per line.</summary>
    /// <param name="kind">Whether the input was wrong or the run failed.</param>
    /// <param name="diagnostics">Every problem, with its place in the input.</param>
    /// <param name="message">The message; null joins the diagnostics.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    protected PatternEngineException(PatternEngineErrorKind kind, IReadOnlyList<Diagnostic> diagnostics, string? message = null, Exception? innerException = null)
        : base(message ?? string.Join(Environment.NewLine, diagnostics ?? []), innerException)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        Kind = kind;
        Diagnostics = diagnostics;
    }

    /// <summary>Whether the input was wrong or the run failed.</summary>
    public PatternEngineErrorKind Kind { get; }

    /// <summary>Every problem with its place in the input, in input order; empty when the error has no place (the message says what).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
