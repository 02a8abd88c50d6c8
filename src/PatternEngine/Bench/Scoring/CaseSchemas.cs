using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace PatternEngine.Bench.Scoring;

/// <summary>Loads a golden case's JSON Schema once, however many runs are scored against it.</summary>
internal static class CaseSchemas
{
    private static readonly ConditionalWeakTable<JsonNode, JsonSchema> Loaded = [];

    /// <summary>The schema, loaded; throws what NJsonSchema throws for a schema it cannot read.</summary>
    public static JsonSchema Load(JsonNode schema) => Loaded.GetValue(schema, Read);

    // NJsonSchema reads a schema asynchronously only to resolve external references, which golden schemas do not use.
    private static JsonSchema Read(JsonNode schema) => JsonSchema.FromJsonAsync(schema.ToJsonString()).GetAwaiter().GetResult();
}
