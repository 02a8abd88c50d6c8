using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Bench;
using PatternEngine.Bench.History;

namespace PatternEngine.Cli.Output;

/// <summary>Stored bench results as JSON with snake_case names: <c>results</c>, and <c>model_history</c> when a model is shown.</summary>
internal static class HistoryJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable text; the output is not embedded in HTML
    };

    public static string Serialize(
        string database, string? pattern, string? model, IReadOnlyList<PatternHistoryEntry> results, IReadOnlyList<ModelHistoryEntry>? models)
    {
        var json = new JsonObject
        {
            ["database"] = database,
            ["pattern"] = pattern,
            ["model"] = model,
            ["results"] = new JsonArray([.. results.Select(Result)]),
        };
        if (models is not null)
        {
            json["model_history"] = new JsonArray([.. models.Select(ModelEntry)]);
        }

        return json.ToJsonString(Options);
    }

    private static JsonObject Result(PatternHistoryEntry entry)
    {
        var s = entry.Summary;
        var c = entry.Changes;
        return new JsonObject
        {
            ["bench"] = Bench(entry.Bench),
            ["pattern"] = s.Pattern,
            ["version"] = s.Version,
            ["file_hash"] = s.FileHash,
            ["is_baseline"] = s.IsBaseline,
            ["runs"] = s.Runs,
            ["failed_runs"] = s.FailedRuns,
            ["cached_runs"] = s.CachedRuns,
            ["mean_tokens"] = s.MeanTokens,
            ["mean_cost_usd"] = s.MeanCostUsd,
            ["unpriced_calls"] = s.UnpricedCalls,
            ["accuracy"] = s.Accuracy,
            ["latency_p50_ms"] = s.LatencyP50Ms,
            ["latency_p95_ms"] = s.LatencyP95Ms,
            ["deltas"] = new JsonObject
            {
                ["tokens_percent"] = Delta(s.Deltas.TokensPercent),
                ["cost_percent"] = Delta(s.Deltas.CostPercent),
                ["latency_p50_percent"] = Delta(s.Deltas.LatencyP50Percent),
                ["latency_p95_percent"] = Delta(s.Deltas.LatencyP95Percent),
                ["accuracy_points"] = Delta(s.Deltas.AccuracyPoints),
            },
            ["previous_bench"] = entry.Previous?.Bench.Id,
            ["changes"] = c is null ? null : new JsonObject
            {
                ["tokens_percent"] = c.TokensPercent,
                ["cost_percent"] = c.CostPercent,
                ["accuracy_points"] = c.AccuracyPoints,
                ["latency_p50_percent"] = c.LatencyP50Percent,
                ["latency_p95_percent"] = c.LatencyP95Percent,
                ["tokens_delta_points"] = c.TokensDeltaPoints,
            },
        };
    }

    private static JsonObject ModelEntry(ModelHistoryEntry e)
    {
        var c = e.Changes;
        return new JsonObject
        {
            ["bench"] = Bench(e.Bench),
            ["model"] = e.Model,
            ["model_version"] = e.ModelVersion,
            ["runs"] = e.Runs,
            ["scored_runs"] = e.ScoredRuns,
            ["accuracy"] = e.Accuracy,
            ["calls"] = e.Calls,
            ["failed_calls"] = e.FailedCalls,
            ["error_rate"] = e.ErrorRate,
            ["mean_input_tokens"] = e.MeanInputTokens,
            ["mean_output_tokens"] = e.MeanOutputTokens,
            ["priced_calls"] = e.PricedCalls,
            ["mean_cost_usd"] = e.MeanCostUsd,
            ["timed_calls"] = e.TimedCalls,
            ["latency_p50_ms"] = e.LatencyP50Ms,
            ["latency_p95_ms"] = e.LatencyP95Ms,
            ["previous_bench"] = e.Previous?.Bench.Id,
            ["changes"] = c is null ? null : new JsonObject
            {
                ["tokens_percent"] = c.TokensPercent,
                ["cost_percent"] = c.CostPercent,
                ["accuracy_points"] = c.AccuracyPoints,
                ["error_rate_points"] = c.ErrorRatePoints,
                ["latency_p50_percent"] = c.LatencyP50Percent,
                ["latency_p95_percent"] = c.LatencyP95Percent,
            },
        };
    }

    private static JsonObject Bench(StoredBench b) => new()
    {
        ["id"] = b.Id,
        ["started_at"] = b.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        ["model"] = b.Model,
        ["model_version"] = b.ModelVersion,
        ["baseline"] = b.Baseline,
        ["golden_file"] = b.GoldenFile,
        ["cases"] = b.Cases,
        ["repeats"] = b.Repeats,
        ["seed"] = b.Seed,
    };

    private static JsonObject? Delta(DeltaEstimate? d) => d is null ? null : new JsonObject
    {
        ["value"] = d.Value,
        ["low"] = d.Low,
        ["high"] = d.High,
        ["expected"] = d.Expected is null ? null : new JsonObject { ["min"] = d.Expected.Min, ["max"] = d.Expected.Max },
        ["verdict"] = d.Verdict.ToString().ToLowerInvariant(),
    };
}
