namespace PatternEngine.Selection;

/// <summary>Thrown when an SLO file, a plan file or a selection's arguments are wrong; the message names where and what.</summary>
public sealed class SelectionInputException(string message) : PatternEngineException(PatternEngineErrorKind.InvalidInput, message);
