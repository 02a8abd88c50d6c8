namespace PatternEngine.Schemas;

/// <summary>A JSON Schema that cannot be checked safely; the message names where in it (a JSON pointer) and why.</summary>
internal sealed class InvalidSchemaException(string message) : Exception(message)
{
    public static InvalidSchemaException At(string pointer, string message) => new($"at '{pointer}': {message}");
}
