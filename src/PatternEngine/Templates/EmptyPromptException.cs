namespace PatternEngine.Templates;

/// <summary>Thrown when a template renders no text at all, so there is nothing to send to a model.</summary>
public sealed class EmptyPromptException() : PatternEngineException(PatternEngineErrorKind.RunFailed, "the prompt rendered to empty text; there is nothing to send");
