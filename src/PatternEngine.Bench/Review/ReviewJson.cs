using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PatternEngine.Bench.Review;

/// <summary>How the review queue stores a run's inputs (a JSON object of strings) and reasons (a JSON array of strings).</summary>
internal static class ReviewJson
{
    public static string Inputs(IReadOnlyDictionary<string, string> inputs) => InputsObject(inputs).ToJsonString();

    /// <summary>The inputs as a JSON object of strings: as the store keeps them, and as a golden line's <c>inputs</c>.</summary>
    public static JsonObject InputsObject(IReadOnlyDictionary<string, string> inputs) =>
        new(inputs.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)JsonValue.Create(i.Value))));

    public static ImmutableSortedDictionary<string, string> Inputs(string json) =>
        JsonNode.Parse(json)!.AsObject().ToImmutableSortedDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

    public static string Reasons(ImmutableArray<string> reasons) => new JsonArray([.. reasons.Select(r => (JsonNode?)JsonValue.Create(r))]).ToJsonString();

    public static ImmutableArray<string> Reasons(string json) => [.. JsonNode.Parse(json)!.AsArray().Select(r => r!.GetValue<string>())];
}
