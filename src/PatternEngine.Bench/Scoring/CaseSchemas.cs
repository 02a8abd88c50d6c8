using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using PatternEngine.Schemas;

namespace PatternEngine.Bench.Scoring;

/// <summary>Loads a golden case's JSON Schema once, however many runs are scored against it.</summary>
internal static class CaseSchemas
{
    private static readonly ConditionalWeakTable<JsonNode, AnswerSchema> Loaded = [];

    /// <summary>The schema, loaded; throws <see cref="InvalidSchemaException"/> for a schema that cannot be checked safely.</summary>
    public static AnswerSchema Load(JsonNode schema) => Loaded.GetValue(schema, s => AnswerSchema.Load(s.ToJsonString()));
}
