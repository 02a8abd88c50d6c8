namespace PatternEngine.Bench.Golden;

/// <summary>
/// Thrown when a golden file cannot be used: it is missing or unreadable, it holds no valid case, or a line is
/// malformed and <see cref="MalformedLineHandling.Fail"/> was asked for. The message lists every bad line as
/// <c>file:line: message</c>, one per line.
/// </summary>
public sealed class GoldenFileException : PatternEngineException
{
    /// <summary>Creates the exception with its message and the malformed lines behind it.</summary>
    public GoldenFileException(string message, IReadOnlyList<GoldenLineError> errors)
        : base(PatternEngineErrorKind.InvalidInput, [.. (errors ?? []).Select(e => e.ToDiagnostic())], message)
    {
        Errors = errors ?? [];
    }

    /// <summary>The malformed lines, in file order; empty when the file itself could not be read.</summary>
    public IReadOnlyList<GoldenLineError> Errors { get; }
}
