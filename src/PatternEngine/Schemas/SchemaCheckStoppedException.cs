namespace PatternEngine.Schemas;

/// <summary>Checking an answer against a schema went past a limit; the message says which ("it takes more than ...").</summary>
internal sealed class SchemaCheckStoppedException(string message) : Exception(message);
