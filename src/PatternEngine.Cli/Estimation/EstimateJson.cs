using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Bench.Estimation;

namespace PatternEngine.Cli.Estimation;

/// <summary>An estimate as JSON with snake_case names: <c>stages</c> and <c>totals</c>.</summary>
internal static class EstimateJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable text; the output is not embedded in HTML
    };

    public static string Serialize(SpendEstimate estimate) => new JsonObject
    {
        ["pattern"] = estimate.Pattern,
        ["stages"] = new JsonArray([.. estimate.Stages.Select(Stage)]),
        ["totals"] = new JsonObject
        {
            ["expected_calls"] = Math.Round(estimate.ExpectedCalls, 2),
            ["worst_calls"] = estimate.WorstCalls,
            ["expected_tokens"] = Math.Round(estimate.ExpectedTokens),
            ["worst_tokens"] = estimate.WorstTokens,
            ["expected_cost_usd"] = estimate.ExpectedCostUsd,
            ["worst_cost_usd"] = estimate.WorstCostUsd,
            ["items_unknown"] = estimate.ItemsUnknown,
        },
    }.ToJsonString(Options);

    private static JsonObject Stage(StageEstimate stage) => new()
    {
        ["stage"] = stage.Stage,
        ["kind"] = stage.Kind,
        ["model"] = stage.Model,
        ["basis"] = stage.Basis.ToString().ToLowerInvariant(),
        ["expected_calls"] = Math.Round(stage.ExpectedCalls, 2),
        ["worst_calls"] = stage.WorstCalls,
        ["expected_tokens"] = Math.Round(stage.ExpectedTokens),
        ["worst_tokens"] = stage.WorstTokens,
        ["expected_cost_usd"] = stage.ExpectedCostUsd,
        ["worst_cost_usd"] = stage.WorstCostUsd,
        ["items_unknown"] = stage.ItemsUnknown,
        ["note"] = stage.Note,
    };
}
