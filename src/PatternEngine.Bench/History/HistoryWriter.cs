using System.Globalization;
using Microsoft.Data.Sqlite;
using PatternEngine.Execution;

namespace PatternEngine.Bench.History;

/// <summary>
/// Writes bench reports: one whole report, all or nothing (<see cref="Save"/>), or a bench that streams in, run by run
/// (<see cref="Begin"/>, <see cref="Append"/>, <see cref="Finish"/>): the bench, its pattern results, samples, stages and calls.
/// </summary>
internal static class HistoryWriter
{
    public static long Save(SqliteConnection connection, BenchReport report)
    {
        var unknown = report.Samples.Select(s => s.Pattern).Except(report.Patterns.Select(p => p.Pattern), StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            throw new ArgumentException($"A sample names pattern '{unknown}', which the report does not summarise.", nameof(report));
        }

        using var transaction = connection.BeginTransaction();
        var (benchId, resultIds) = InsertBenchAndResults(connection, transaction, report, BenchStatus.Complete, identity: null);
        using (var rows = new RunInserts(connection, transaction, benchId))
        {
            foreach (var sample in report.Samples)
            {
                rows.Insert(sample, resultIds[sample.Pattern]);
            }
        }

        transaction.Commit();
        return benchId;
    }

    /// <summary>
    /// Starts a bench that streams in: its row (status running) and a row per pattern, whose figures
    /// <see cref="Finish"/> fills in; <paramref name="start"/>'s summaries name the patterns, its samples are not read.
    /// </summary>
    public static (long BenchId, Dictionary<string, long> ResultIds) Begin(SqliteConnection connection, BenchReport start, Streaming.BenchIdentity identity)
    {
        using var transaction = connection.BeginTransaction();
        var ids = InsertBenchAndResults(connection, transaction, start, BenchStatus.Running, identity);
        transaction.Commit();
        return ids;
    }

    /// <summary>Adds finished runs of a streaming bench, in one transaction.</summary>
    public static void Append(SqliteConnection connection, long benchId, IReadOnlyDictionary<string, long> resultIds, IReadOnlyList<BenchSample> samples)
    {
        using var transaction = connection.BeginTransaction();
        using (var rows = new RunInserts(connection, transaction, benchId))
        {
            foreach (var sample in samples)
            {
                rows.Insert(sample, resultIds[sample.Pattern]);
            }
        }

        transaction.Commit();
    }

    /// <summary>Ends a streaming bench: its model, resamples and status, and every pattern's figures over all its runs.</summary>
    public static void Finish(SqliteConnection connection, long benchId, BenchReport report, string status)
    {
        using var transaction = connection.BeginTransaction();
        using (var bench = HistoryQueries.Command(connection, """
            UPDATE benches SET model = $model, bootstrap_resamples = $bootstrap_resamples, skipped_lines = $skipped_lines, status = $status
            WHERE id = $id
            """, transaction))
        {
            bench.Bind("$model", report.Model);
            bench.Bind("$bootstrap_resamples", report.BootstrapResamples);
            bench.Bind("$skipped_lines", report.SkippedLines.Length);
            bench.Bind("$status", status);
            bench.Bind("$id", benchId);
            bench.ExecuteNonQuery();
        }

        var updated = ResultColumns.Where(c => c is not ("bench_id" or "pattern")).ToList();
        using (var update = HistoryQueries.Command(connection,
            $"UPDATE pattern_results SET {string.Join(", ", updated.Select(c => $"{c} = ${c}"))} WHERE bench_id = $bench_id AND pattern = $pattern",
            transaction))
        {
            foreach (var column in ResultColumns)
            {
                update.Parameters.Add(new SqliteParameter("$" + column, null));
            }

            update.Parameters["$bench_id"].Value = benchId;
            foreach (var summary in report.Patterns)
            {
                BindPatternResult(update, summary);
                update.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static (long BenchId, Dictionary<string, long> ResultIds) InsertBenchAndResults(
        SqliteConnection connection, SqliteTransaction transaction, BenchReport report, string status, Streaming.BenchIdentity? identity)
    {
        var benchId = InsertBench(connection, transaction, report, status, identity);
        var resultIds = new Dictionary<string, long>(StringComparer.Ordinal);
        using var insert = PatternResultInsert(connection, transaction, benchId);
        foreach (var summary in report.Patterns)
        {
            BindPatternResult(insert, summary);
            resultIds[summary.Pattern] = (long)insert.ExecuteScalar()!;
        }

        return (benchId, resultIds);
    }

    private static long InsertBench(SqliteConnection connection, SqliteTransaction transaction, BenchReport report, string status, Streaming.BenchIdentity? identity)
    {
        using var command = HistoryQueries.Command(connection, """
            INSERT INTO benches (started_at, started_at_ms, model, model_version, baseline, golden_file, cases, repeats, seed, bootstrap_resamples, skipped_lines,
                                 status, golden_hash, stage_models)
            VALUES ($started_at, $started_at_ms, $model, $model_version, $baseline, $golden_file, $cases, $repeats, $seed, $bootstrap_resamples, $skipped_lines,
                    $status, $golden_hash, $stage_models)
            RETURNING id
            """, transaction);
        command.Bind("$status", status);
        command.Bind("$golden_hash", identity?.GoldenHash);
        command.Bind("$stage_models", identity?.StageModels);
        command.Bind("$started_at", report.StartedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Bind("$started_at_ms", report.StartedAt.ToUnixTimeMilliseconds());
        command.Bind("$model", report.Model);
        command.Bind("$model_version", report.ModelVersion);
        command.Bind("$baseline", report.Baseline);
        command.Bind("$golden_file", report.GoldenFile);
        command.Bind("$cases", report.Cases);
        command.Bind("$repeats", report.Repeats);
        command.Bind("$seed", report.Seed);
        command.Bind("$bootstrap_resamples", report.BootstrapResamples);
        command.Bind("$skipped_lines", report.SkippedLines.Length);
        return (long)command.ExecuteScalar()!;
    }

    private static readonly string[] DeltaMetrics = ["tokens", "cost", "latency_p50", "latency_p95", "accuracy"];

    private static readonly string[] DeltaParts = ["delta", "delta_low", "delta_high", "expected_min", "expected_max"];

    private static readonly string[] ResultColumns =
    [
        "bench_id", "pattern", "version", "file_hash", "is_baseline", "runs", "failed_runs", "cached_runs", "mean_tokens",
        "mean_cost_usd", "unpriced_calls", "accuracy", "latency_p50_ms", "latency_p95_ms",
        .. DeltaMetrics.SelectMany(m => DeltaParts.Select(p => $"{m}_{p}")),
    ];

    private static SqliteCommand PatternResultInsert(SqliteConnection connection, SqliteTransaction transaction, long benchId)
    {
        var command = HistoryQueries.Command(connection,
            $"INSERT INTO pattern_results ({string.Join(", ", ResultColumns)}) VALUES ({string.Join(", ", ResultColumns.Select(c => "$" + c))}) RETURNING id",
            transaction);
        foreach (var column in ResultColumns)
        {
            command.Parameters.Add(new SqliteParameter("$" + column, null));
        }

        command.Parameters["$bench_id"].Value = benchId;
        return command;
    }

    private static void BindPatternResult(SqliteCommand command, PatternSummary summary)
    {
        Set(command, "pattern", summary.Pattern);
        Set(command, "version", summary.Version);
        Set(command, "file_hash", summary.FileHash);
        Set(command, "is_baseline", summary.IsBaseline);
        Set(command, "runs", summary.Runs);
        Set(command, "failed_runs", summary.FailedRuns);
        Set(command, "cached_runs", summary.CachedRuns);
        Set(command, "mean_tokens", summary.MeanTokens);
        Set(command, "mean_cost_usd", summary.MeanCostUsd);
        Set(command, "unpriced_calls", summary.UnpricedCalls);
        Set(command, "accuracy", summary.Accuracy);
        Set(command, "latency_p50_ms", summary.LatencyP50Ms);
        Set(command, "latency_p95_ms", summary.LatencyP95Ms);
        var deltas = summary.Deltas;
        DeltaEstimate?[] estimates = [deltas.TokensPercent, deltas.CostPercent, deltas.LatencyP50Percent, deltas.LatencyP95Percent, deltas.AccuracyPoints];
        foreach (var (metric, estimate) in DeltaMetrics.Zip(estimates))
        {
            Set(command, metric + "_delta", estimate?.Value);
            Set(command, metric + "_delta_low", estimate?.Low);
            Set(command, metric + "_delta_high", estimate?.High);
            Set(command, metric + "_expected_min", estimate?.Expected?.Min);
            Set(command, metric + "_expected_max", estimate?.Expected?.Max);
        }
    }

    private static void Set(SqliteCommand command, string column, object? value) =>
        command.Parameters["$" + column].Value = value ?? DBNull.Value;

    /// <summary>The prepared inserts for samples, stages and calls, reused for every row (a bench has thousands).</summary>
    private sealed class RunInserts : IDisposable
    {
        private readonly SqliteCommand _sample;
        private readonly SqliteCommand _stage;
        private readonly SqliteCommand _call;

        public RunInserts(SqliteConnection connection, SqliteTransaction transaction, long benchId)
        {
            _sample = Prepare(connection, transaction, "samples",
                ["bench_id", "pattern_result_id", "case_id", "repeat_index", "calls", "cached_calls", "input_tokens", "output_tokens",
                 "cost_usd", "unpriced_calls", "latency_ms", "correct", "error", "answer", "replayed_calls", "facts"]);
            _stage = Prepare(connection, transaction, "stages",
                ["sample_id", "parent_id", "position", "stage", "kind", "model", "skipped", "calls", "input_tokens", "output_tokens", "cost_usd",
                 "unpriced_calls", "latency_ms", "issues"]);
            _call = Prepare(connection, transaction, "calls",
                ["sample_id", "stage_row_id", "position", "stage", "route", "model", "input_tokens", "output_tokens", "usage_source",
                 "cost_usd", "latency_ms", "finish_reason", "error"]);
            Set(_sample, "bench_id", benchId);
        }

        public void Insert(BenchSample sample, long patternResultId)
        {
            Set(_sample, "pattern_result_id", patternResultId);
            Set(_sample, "case_id", sample.CaseId);
            Set(_sample, "repeat_index", sample.Repeat);
            Set(_sample, "calls", sample.Calls);
            Set(_sample, "cached_calls", sample.CachedCalls);
            Set(_sample, "input_tokens", sample.InputTokens);
            Set(_sample, "output_tokens", sample.OutputTokens);
            Set(_sample, "cost_usd", (double)sample.CostUsd);
            Set(_sample, "unpriced_calls", sample.UnpricedCalls);
            Set(_sample, "latency_ms", sample.LatencyMs);
            Set(_sample, "correct", sample.Correct);
            Set(_sample, "error", sample.Error);
            Set(_sample, "answer", sample.Answer);
            Set(_sample, "replayed_calls", sample.ReplayedCalls);
            Set(_sample, "facts", Streaming.SampleFacts.ToJson(sample));
            var sampleId = (long)_sample.ExecuteScalar()!;

            var stagePosition = 0;
            var callPosition = 0;
            foreach (var stage in sample.Stages)
            {
                InsertStageAndCalls(sampleId, null, stage, ref stagePosition, ref callPosition);
            }
        }

        // A stage's calls go with it; the stages of the patterns it ran follow it, pointing back to it.
        private void InsertStageAndCalls(long sampleId, long? parentId, StageRecord stage, ref int stagePosition, ref int callPosition)
        {
            var stageRowId = InsertStage(sampleId, parentId, stagePosition++, stage);
            foreach (var call in stage.CallRecords)
            {
                InsertCall(sampleId, stageRowId, callPosition++, call);
            }

            foreach (var nested in stage.Stages)
            {
                InsertStageAndCalls(sampleId, stageRowId, nested, ref stagePosition, ref callPosition);
            }
        }

        private long InsertStage(long sampleId, long? parentId, int position, StageRecord stage)
        {
            Set(_stage, "sample_id", sampleId);
            Set(_stage, "parent_id", parentId);
            Set(_stage, "position", position);
            Set(_stage, "stage", stage.Id);
            Set(_stage, "kind", stage.Kind);
            Set(_stage, "model", stage.Model);
            Set(_stage, "skipped", stage.Skipped);
            Set(_stage, "calls", stage.Calls);
            Set(_stage, "input_tokens", stage.InputTokens);
            Set(_stage, "output_tokens", stage.OutputTokens);
            Set(_stage, "cost_usd", (double)stage.CostUsd);
            Set(_stage, "unpriced_calls", stage.UnpricedCalls);
            Set(_stage, "latency_ms", stage.LatencyMs);
            Set(_stage, "issues", stage.Issues.Length);
            return (long)_stage.ExecuteScalar()!;
        }

        private void InsertCall(long sampleId, long stageRowId, int position, CallRecord call)
        {
            Set(_call, "sample_id", sampleId);
            Set(_call, "stage_row_id", stageRowId);
            Set(_call, "position", position);
            Set(_call, "stage", call.Stage);
            Set(_call, "route", call.Route);
            Set(_call, "model", call.Model);
            Set(_call, "input_tokens", call.InputTokens);
            Set(_call, "output_tokens", call.OutputTokens);
            Set(_call, "usage_source", call.UsageSource);
            Set(_call, "cost_usd", call.CostUsd is { } cost ? (double)cost : null);
            Set(_call, "latency_ms", call.LatencyMs);
            Set(_call, "finish_reason", call.FinishReason);
            Set(_call, "error", call.Error);
            _call.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _sample.Dispose();
            _stage.Dispose();
            _call.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
        {
            var command = HistoryQueries.Command(connection,
                $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))}) RETURNING id",
                transaction);
            foreach (var column in columns)
            {
                command.Parameters.Add(new SqliteParameter("$" + column, null));
            }

            command.Prepare();
            return command;
        }
    }
}

/// <summary>A stored bench's <c>status</c>: only complete benches are history; the others can be resumed.</summary>
internal static class BenchStatus
{
    public const string Running = "running";

    public const string Interrupted = "interrupted";

    public const string Complete = "complete";
}
