using NJsonSchema;
using NJsonSchema.References;

namespace PatternEngine.Schemas;

/// <summary>
/// NJsonSchema's reference resolver with files and URLs refused: a schema is resolved inside itself or not at all, so
/// loading one never reads a file or makes a network request (whatever its <c>$id</c> says).
/// </summary>
internal sealed class LocalReferencesOnly(JsonSchemaAppender appender) : JsonReferenceResolver(appender)
{
    public static Func<JsonSchema, JsonReferenceResolver> Factory { get; } =
        schema => new LocalReferencesOnly(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));

    public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"the reference to the file '{filePath}' is refused: a schema may only refer inside itself");

    public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"the reference to '{url}' is refused: nothing is fetched; a schema may only refer inside itself");
}
