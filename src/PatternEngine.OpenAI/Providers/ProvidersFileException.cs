using PatternEngine.Definitions;

namespace PatternEngine.Models.Providers;

/// <summary>
/// Thrown when the providers cannot be set up: the file is invalid, a flag contradicts it, or an API key's
/// environment variable is not set. Every problem has its file, line and column; no message ever holds a key.
/// </summary>
public sealed class ProvidersFileException(IReadOnlyList<Diagnostic> diagnostics)
    : PatternEngineException(PatternEngineErrorKind.InvalidInput, diagnostics);
