using PatternEngine.Definitions;

namespace PatternEngine.Models.Catalog;

/// <summary>Thrown when a model catalog cannot be read; carries every problem with its file, line and column.</summary>
public sealed class CatalogFileException(IReadOnlyList<Diagnostic> diagnostics)
    : PatternEngineException(PatternEngineErrorKind.InvalidInput, diagnostics);
