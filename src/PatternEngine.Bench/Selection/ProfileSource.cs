using System.Globalization;
using Microsoft.Data.Sqlite;
using PatternEngine.Bench.History;
using PatternEngine.Definitions;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Selection;

/// <summary>
/// Reads stage profiles from the bench history: every stored run of the stage in the pattern, grouped by the model
/// that answered its calls (its catalog id when the catalog lists it, else as the provider named it), costed at the
/// catalog's current prices (unknown for a model it does not price). A stage run whose calls went to more than one
/// model is left out. A stage of an included pattern is profiled under its routing id (<c>samples[*].answer</c>): per
/// bench run, its samples' or items' tokens, cost and calls add up and its latency is the longest of them (they run
/// concurrently). A stage that only ran included patterns has no profile of its own.
/// </summary>
public static class ProfileSource
{
    private const string StageRuns = """
        SELECT st.id, st.stage, st.model, st.input_tokens, st.output_tokens, st.latency_ms,
               s.correct, s.cached_calls, b.golden_file, st.sample_id
        FROM stages st
        JOIN samples s ON s.id = st.sample_id
        JOIN pattern_results pr ON pr.id = s.pattern_result_id
        JOIN benches b ON b.id = s.bench_id
        WHERE pr.pattern = $pattern AND st.skipped = 0 AND st.calls > 0
          AND NOT EXISTS (SELECT 1 FROM stages nested WHERE nested.parent_id = st.id)
        """;

    private const string CallErrors = """
        SELECT c.stage_row_id, c.error IS NOT NULL
        FROM calls c
        JOIN samples s ON s.id = c.sample_id
        JOIN pattern_results pr ON pr.id = s.pattern_result_id
        WHERE pr.pattern = $pattern
        """;

    /// <summary>
    /// The measured profiles of <paramref name="pattern"/>'s stages, by stage id then catalog model id; only benches
    /// on a golden file named like <paramref name="golden"/> when it is given. A missing database has no profiles.
    /// </summary>
    /// <exception cref="BenchHistoryException">The file is not a bench history.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, StageProfile>> Read(
        string database, string pattern, ModelCatalog catalog, string? golden = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(catalog);
        if (!File.Exists(database))
        {
            return new Dictionary<string, IReadOnlyDictionary<string, StageProfile>>();
        }

        // Opening through BenchHistory checks the file is ours and brings its schema up to date first.
        BenchHistory.OpenExisting(database).Dispose();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();

        var errors = new Dictionary<long, (int Calls, int Failed)>();
        ForEach(connection, CallErrors, pattern, r =>
        {
            var (calls, failed) = errors.GetValueOrDefault(r.GetInt64(0));
            errors[r.GetInt64(0)] = (calls + 1, failed + (r.GetInt64(1) != 0 ? 1 : 0));
        });

        var rows = new List<(long Sample, StageRun Run)>();
        ForEach(connection, StageRuns, pattern, r =>
        {
            var model = r.GetString(2);
            if (model.Contains(',', StringComparison.Ordinal)
                || (golden is not null && !SameFile(r.GetString(8), golden)))
            {
                return;
            }

            var (calls, failed) = errors.GetValueOrDefault(r.GetInt64(0));
            var entry = catalog.Find(model);
            var (input, output) = (r.GetInt64(3), r.GetInt64(4));
            rows.Add((r.GetInt64(9), new StageRun(
                QualifiedStages.RoutingId(r.GetString(1)),
                entry?.Id ?? model,
                input + output,
                (double?)entry?.CostOf(input, output),
                r.GetDouble(5),
                r.IsDBNull(6) ? null : r.GetInt64(6) != 0,
                r.GetInt64(7) > 0,
                calls,
                failed)));
        });

        return PerBenchRun(rows)
            .GroupBy(r => r.Stage, StringComparer.Ordinal)
            .ToDictionary(
                stage => stage.Key,
                stage => (IReadOnlyDictionary<string, StageProfile>)stage
                    .GroupBy(r => r.Model, StringComparer.Ordinal)
                    .ToDictionary(m => m.Key, m => Profile(stage.Key, m.Key, [.. m]), StringComparer.Ordinal),
                StringComparer.Ordinal);
    }

    // One run of a stage per bench run: the samples or items of a nested stage (points[0].critique, points[1].critique)
    // are one run of points[*].critique; when they went to different models the run is left out, as a mixed stage is.
    private static IEnumerable<StageRun> PerBenchRun(List<(long Sample, StageRun Run)> rows) =>
        rows.GroupBy(r => (r.Sample, r.Run.Stage))
            .Where(g => g.Select(r => r.Run.Model).Distinct(StringComparer.Ordinal).Count() == 1)
            .Select(g => g.Count() == 1 ? g.First().Run : g.First().Run with
            {
                Tokens = g.Sum(r => r.Run.Tokens),
                CostUsd = g.Any(r => r.Run.CostUsd is null) ? null : g.Sum(r => r.Run.CostUsd!.Value),
                LatencyMs = g.Max(r => r.Run.LatencyMs),
                Calls = g.Sum(r => r.Run.Calls),
                FailedCalls = g.Sum(r => r.Run.FailedCalls),
            });

    /// <summary>The profile of a model on a stage from its stored runs.</summary>
    internal static StageProfile Profile(string stage, string model, IReadOnlyList<StageRun> runs)
    {
        var times = runs.Where(r => !r.Cached).Select(r => r.LatencyMs).Order().ToArray();
        var scored = runs.Where(r => r.Correct is not null).ToList();
        var calls = runs.Sum(r => r.Calls);
        return new StageProfile
        {
            Model = model,
            Stage = stage,
            Runs = runs.Count,
            MeanTokens = runs.Average(r => (double)r.Tokens),
            MeanCostUsd = runs.Any(r => r.CostUsd is null) ? null : runs.Average(r => r.CostUsd!.Value),
            Unpriced = runs.Any(r => r.CostUsd is null),
            TimedRuns = times.Length,
            LatencyP50Ms = times.Length == 0 ? null : Bench.Statistics.Percentile.OfSorted(times, 50),
            LatencyP95Ms = times.Length == 0 ? null : Bench.Statistics.Percentile.OfSorted(times, 95),
            ScoredRuns = scored.Count,
            Accuracy = scored.Count == 0 ? null : scored.Count(r => r.Correct == true) / (double)scored.Count,
            Calls = calls,
            ErrorRate = calls == 0 ? null : runs.Sum(r => r.FailedCalls) / (double)calls,
            Basis = string.Create(CultureInfo.InvariantCulture, $"measured: {runs.Count} stage runs, {calls} calls"),
        };
    }

    private static bool SameFile(string stored, string golden) =>
        string.Equals(Path.GetFileName(stored), Path.GetFileName(golden), StringComparison.Ordinal);

    private static void ForEach(SqliteConnection connection, string sql, string pattern, Action<SqliteDataReader> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$pattern", pattern);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}

/// <summary>One stored run of a stage, as a profile needs it.</summary>
internal sealed record StageRun(
    string Stage, string Model, long Tokens, double? CostUsd, double LatencyMs, bool? Correct, bool Cached, int Calls, int FailedCalls);
