using System.Globalization;
using Microsoft.Data.Sqlite;
using PatternEngine.Bench.Statistics;

namespace PatternEngine.Bench.History;

/// <summary>Reads a model's figures per bench from its calls and the runs they belong to.</summary>
internal static class ModelHistoryReader
{
    private const string CallFigures = """
        SELECT s.bench_id, COUNT(*) AS calls, SUM(c.error IS NOT NULL) AS failed_calls,
               AVG(c.input_tokens) AS mean_input_tokens, AVG(c.output_tokens) AS mean_output_tokens,
               COUNT(c.cost_usd) AS priced_calls, AVG(c.cost_usd) AS mean_cost_usd
        FROM calls c JOIN samples s ON s.id = c.sample_id
        WHERE c.model = $model
        GROUP BY s.bench_id
        """;

    private const string RunFigures = """
        SELECT s.bench_id, COUNT(*) AS runs, COUNT(s.correct) AS scored_runs, AVG(s.correct) AS accuracy
        FROM samples s
        WHERE s.id IN (SELECT sample_id FROM calls WHERE model = $model)
        GROUP BY s.bench_id
        """;

    // Like the pattern summaries: a run with anything from a cache has no fresh timings; a failed call's time says little.
    private const string Latencies = """
        SELECT s.bench_id, c.latency_ms
        FROM calls c JOIN samples s ON s.id = c.sample_id
        WHERE c.model = $model AND c.error IS NULL AND s.cached_calls = 0
        """;

    private const string Benches = """
        SELECT id, started_at, model, model_version, baseline, golden_file, cases, repeats, seed, bootstrap_resamples, skipped_lines
        FROM benches
        WHERE status = 'complete' AND id IN (SELECT s.bench_id FROM calls c JOIN samples s ON s.id = c.sample_id WHERE c.model = $model)
        ORDER BY started_at_ms, id
        """;

    public static List<ModelHistoryEntry> Read(SqliteConnection connection, string model, int? limit)
    {
        var calls = ByBench(connection, CallFigures, model);
        var runs = ByBench(connection, RunFigures, model);
        var latencies = new Dictionary<long, List<double>>();
        ForEachRow(connection, Latencies, model, r =>
        {
            var bench = r.GetInt64(0);
            if (!latencies.TryGetValue(bench, out var list))
            {
                latencies[bench] = list = [];
            }

            list.Add(r.GetDouble(1));
        });

        var entries = new List<ModelHistoryEntry>();
        ModelHistoryEntry? previous = null;
        ForEachRow(connection, Benches, model, r =>
        {
            var bench = HistoryQueries.Bench(r, "id");
            var call = calls[bench.Id];
            var run = runs[bench.Id];
            var times = latencies.GetValueOrDefault(bench.Id, []);
            times.Sort();
            var entry = new ModelHistoryEntry
            {
                Bench = bench,
                Model = model,
                ModelVersion = string.Equals(bench.Model, model, StringComparison.Ordinal) ? bench.ModelVersion : null,
                Runs = Convert.ToInt32(run["runs"], CultureInfo.InvariantCulture),
                ScoredRuns = Convert.ToInt32(run["scored_runs"], CultureInfo.InvariantCulture),
                Accuracy = run["accuracy"] as double?,
                Calls = Convert.ToInt32(call["calls"], CultureInfo.InvariantCulture),
                FailedCalls = Convert.ToInt32(call["failed_calls"], CultureInfo.InvariantCulture),
                MeanInputTokens = Convert.ToDouble(call["mean_input_tokens"], CultureInfo.InvariantCulture),
                MeanOutputTokens = Convert.ToDouble(call["mean_output_tokens"], CultureInfo.InvariantCulture),
                PricedCalls = Convert.ToInt32(call["priced_calls"], CultureInfo.InvariantCulture),
                MeanCostUsd = call["mean_cost_usd"] as double?,
                TimedCalls = times.Count,
                LatencyP50Ms = times.Count == 0 ? null : Percentile.Of(times, 50),
                LatencyP95Ms = times.Count == 0 ? null : Percentile.Of(times, 95),
                Previous = previous is null ? null : previous with { Previous = null },
            };
            entries.Add(entry);
            previous = entry;
        });

        entries.Reverse();
        return limit is { } n ? entries.Take(n).ToList() : entries;
    }

    /// <summary>Each row as column name to value (SQL NULL as null), keyed by its first column, the bench id.</summary>
    private static Dictionary<long, Dictionary<string, object?>> ByBench(
        SqliteConnection connection, string sql, string model)
    {
        var rows = new Dictionary<long, Dictionary<string, object?>>();
        ForEachRow(connection, sql, model, r =>
            rows[r.GetInt64(0)] = Enumerable.Range(0, r.FieldCount)
                .ToDictionary(r.GetName, i => r.IsDBNull(i) ? null : r.GetValue(i), StringComparer.Ordinal));
        return rows;
    }

    private static void ForEachRow(SqliteConnection connection, string sql, string model, Action<SqliteDataReader> row)
    {
        using var command = HistoryQueries.Command(connection, sql);
        command.Bind("$model", model);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}
