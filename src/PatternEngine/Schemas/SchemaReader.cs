using System.Runtime.ExceptionServices;
using NJsonSchema;

namespace PatternEngine.Schemas;

/// <summary>
/// Reads a JSON Schema with NJsonSchema without waiting on a task. NJsonSchema's reader is asynchronous only because a
/// reference could name a file or a URL; with <see cref="LocalReferencesOnly"/> none is ever fetched, so the task it
/// returns is complete when it returns: its result is taken, never waited for.
/// </summary>
internal static class SchemaReader
{
    /// <summary>The schema <paramref name="json"/> describes; its references stay inside it.</summary>
    public static JsonSchema Read(string json)
    {
        var reading = JsonSchema.FromJsonAsync(json, null, LocalReferencesOnly.Factory);
        if (reading.IsCompletedSuccessfully)
        {
            return reading.Result;
        }

        if (reading.Exception?.InnerException is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        throw new InvalidOperationException("NJsonSchema went asynchronous reading a schema whose references stay inside it");
    }

    /// <summary>A schema embedded in this assembly, read once by its caller.</summary>
    public static JsonSchema ReadEmbedded(string name) => Read(Definitions.Loading.SchemaErrors.ReadEmbedded(name));
}
