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
        var diagnostics = new List<Diagnostic>();
        foreach (var error in SchemaErrors.Flatten(schema.Validate(document.Root)))
        {
            if (error.Kind == ValidationErrorKind.NotOneOf && error.Token is JObject stage)
            {
                // The oneOf over stage kinds says only "matches none"; validate against the kind's own shape instead.
                diagnostics.AddRange(ValidateStage(schema, stage, document));
                continue;
            }

            diagnostics.Add(SchemaErrors.ToDiagnostic(error, document));
        }

        return diagnostics.DistinctBy(d => d.ToString()).OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
    }

    private static IEnumerable<Diagnostic> ValidateStage(JsonSchema schema, JObject stage, LocatedJson document)
    {
        var kind = (stage["kind"] as JValue)?.Value as string;
        if (kind is null || !schema.Definitions.TryGetValue(kind + "_stage", out var stageSchema))
        {
            return []; // the stage's own "kind" error already says what kinds exist
        }

        return SchemaErrors.Flatten(stageSchema.Validate(stage)).Select(e => SchemaErrors.ToDiagnostic(e, document));
    }

    private static JsonSchema Load() => JsonSchema.FromJsonAsync(Text).GetAwaiter().GetResult();

    private static string ReadResource() => SchemaErrors.ReadEmbedded("PatternEngine.pattern-file.schema.json");
}
