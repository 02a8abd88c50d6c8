using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PatternEngine.Bench;

/// <summary>
/// What a bench through a provider's batch API (<see cref="BenchOptions.Batched"/>) says of latency: nothing. A run's
/// wall time there is the batches' turnaround (minutes to hours, and however the provider schedules them), so its
/// percentiles, their deltas and each run's figure are left out rather than reported as if they measured the model.
/// </summary>
internal static class BatchedLatency
{
    /// <summary>The summaries as a batch bench reports them: latency not measured, no percentile and no latency delta.</summary>
    public static ImmutableArray<PatternSummary> Apply(BenchOptions options, ImmutableArray<PatternSummary> summaries) =>
        !options.Batched ? summaries : [.. summaries.Select(s => s with
        {
            LatencyMeasured = false,
            LatencyP50Ms = null,
            LatencyP95Ms = null,
            Metrics = s.Metrics with { LatencyP95Ms = null },
            Deltas = s.Deltas with { LatencyP50Percent = null, LatencyP95Percent = null },
        })];

    /// <summary>A run's JSON with its latency (and its turns') null when the bench measured none.</summary>
    public static JsonObject Clear(JsonObject sample, BenchReport report)
    {
        if (report.LatencyMeasured)
        {
            return sample;
        }

        sample["latency_ms"] = null;
        foreach (var turn in (sample["turns"] as JsonArray ?? []).OfType<JsonObject>())
        {
            turn["latency_ms"] = null;
        }

        return sample;
    }
}
