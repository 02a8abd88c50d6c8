using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace PatternEngine.Definitions.Loading;

/// <summary>
/// The pattern file format's JSON Schema (<c>pattern-file.schema.json</c>, embedded, also usable by editors),
/// and validation against it with messages that say what to write instead.
/// </summary>
internal static class FileFormatSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>The schema's JSON text, as shipped.</summary>
    public static string Text { get; } = ReadResource();

    public static IReadOnlyList<Diagnostic> Validate(LocatedJson document)
    {
        var schema = Schema.Value;
        var diagnostics = SchemaErrors.Flatten(schema.Validate(document.Root)).SelectMany(e => Explain(schema, e, document));
        return diagnostics.DistinctBy(d => d.ToString()).OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
    }

    // A oneOf (over stage kinds, over a prompt or a pattern body) says only "matches none"; validate against the shape
    // the object meant instead: its kind's, or a pattern body's when it names a pattern.
    private static IEnumerable<Diagnostic> Explain(JsonSchema schema, ValidationError error, LocatedJson document)
    {
        if (error.Kind != ValidationErrorKind.NotOneOf || error.Token is not JObject shape)
        {
            return [SchemaErrors.ToDiagnostic(error, document)];
        }

        var meant = (shape["kind"] as JValue)?.Value is string kind ? (schema.Definitions.TryGetValue(kind + "_stage", out var stage) ? stage : null)
            : error.Path?.EndsWith("body", StringComparison.Ordinal) == true ? schema.Definitions[shape.ContainsKey("pattern") ? "pattern_body" : "prompt"]
            : null;

        // Without a known kind the stage's own "kind" error already says what kinds exist.
        return meant is null ? [] : SchemaErrors.Flatten(meant.Validate(shape)).SelectMany(e => Explain(schema, e, document));
    }

    private static JsonSchema Load() => Schemas.SchemaReader.Read(Text);

    private static string ReadResource() => SchemaErrors.ReadEmbedded("PatternEngine.pattern-file.schema.json");
}
