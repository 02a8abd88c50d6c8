using PatternEngine.Definitions;

namespace PatternEngine.Bench.Gates;

/// <summary>
/// A gate file cannot be read, does not fit its schema, or names a pattern the bench does not run; nothing ran.
/// <see cref="PatternEngineException.Diagnostics"/> has every problem at its place in the file; the message joins them.
/// </summary>
/// <param name="problems">Every problem, at its place in the file.</param>
public sealed class GateFileException(IReadOnlyList<Diagnostic> problems) : PatternEngineException(PatternEngineErrorKind.InvalidInput, problems);
