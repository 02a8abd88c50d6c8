using Microsoft.Data.Sqlite;
using PatternEngine.Definitions;

namespace PatternEngine.Bench.History;

/// <summary>Reads pattern results newest first, each joined with the previous result of the same pattern on the same model.</summary>
internal static class PatternHistoryReader
{
    // Only finished benches are history: an interrupted one waits for --resume. The previous result is found over all rows (the window runs before the filters), so a limit never hides it;
    // the filters keep or drop whole pattern-and-model groups, so filtering first would give the same answer anyway.
    private const string Query = """
        WITH ordered AS (
            SELECT r.id AS result_id, r.pattern, b.model, b.started_at_ms, b.id AS bench_id,
                   LAG(r.id) OVER (PARTITION BY r.pattern, b.model ORDER BY b.started_at_ms, b.id) AS previous_id
            FROM pattern_results r JOIN benches b ON b.id = r.bench_id
            WHERE b.status = 'complete'
        )
        SELECT o.result_id, o.previous_id
        FROM ordered o
        WHERE ($pattern IS NULL OR o.pattern = $pattern) AND ($model IS NULL OR o.model = $model)
        ORDER BY o.started_at_ms DESC, o.bench_id DESC, o.pattern
        LIMIT $limit
        """;

    private const string RowQuery = """
        SELECT r.*, b.started_at, b.model, b.model_version, b.baseline, b.golden_file, b.cases, b.repeats, b.seed,
               b.bootstrap_resamples, b.skipped_lines
        FROM pattern_results r JOIN benches b ON b.id = r.bench_id
        WHERE r.id = $id
        """;

    public static List<PatternHistoryEntry> Read(SqliteConnection connection, string? pattern, string? model, int? limit)
    {
        var pairs = new List<(long Result, long? Previous)>();
        using (var command = HistoryQueries.Command(connection, Query))
        {
            command.Bind("$pattern", pattern);
            command.Bind("$model", model);
            command.Bind("$limit", limit ?? -1); // a negative limit is none
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                pairs.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
            }
        }

        using var row = HistoryQueries.Command(connection, RowQuery);
        var id = row.Parameters.AddWithValue("$id", 0L);
        PatternHistoryEntry Load(long resultId)
        {
            id.Value = resultId;
            using var reader = row.ExecuteReader();
            reader.Read();
            return Entry(reader);
        }

        return [.. pairs.Select(p => Load(p.Result) with { Previous = p.Previous is { } previous ? Load(previous) : null })];
    }

    private static PatternHistoryEntry Entry(SqliteDataReader reader) => new()
    {
        Bench = HistoryQueries.Bench(reader, "bench_id"),
        Summary = new PatternSummary
        {
            Pattern = reader.String("pattern"),
            Version = reader.String("version"),
            FileHash = reader.String("file_hash"),
            IsBaseline = reader.Bool("is_baseline"),
            Runs = reader.Int("runs"),
            FailedRuns = reader.Int("failed_runs"),
            CachedRuns = reader.Int("cached_runs"),
            MeanTokens = reader.Double("mean_tokens"),
            MeanCostUsd = reader.Double("mean_cost_usd"),
            UnpricedCalls = reader.Int("unpriced_calls"),
            Accuracy = reader.NullableDouble("accuracy"),
            LatencyP50Ms = reader.NullableDouble("latency_p50_ms"),
            LatencyP95Ms = reader.NullableDouble("latency_p95_ms"),
            Deltas = new PatternDeltas
            {
                TokensPercent = Delta(reader, "tokens"),
                CostPercent = Delta(reader, "cost"),
                LatencyP50Percent = Delta(reader, "latency_p50"),
                LatencyP95Percent = Delta(reader, "latency_p95"),
                AccuracyPoints = Delta(reader, "accuracy"),
            },
        },
    };

    private static DeltaEstimate? Delta(SqliteDataReader reader, string metric) =>
        reader.NullableDouble(metric + "_delta") is not { } value ? null
        : new DeltaEstimate(
            value,
            reader.NullableDouble(metric + "_delta_low") ?? value,
            reader.NullableDouble(metric + "_delta_high") ?? value,
            reader.NullableDouble(metric + "_expected_min") is { } min && reader.NullableDouble(metric + "_expected_max") is { } max
                ? new PercentRange(min, max)
                : null);
}
