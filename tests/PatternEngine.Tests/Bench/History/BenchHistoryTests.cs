using Microsoft.Data.Sqlite;
using PatternEngine.Bench.History;
using PatternEngine.Tests.Cli;

namespace PatternEngine.Tests.Bench.History;

public sealed class BenchHistoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "history.db");

    [Fact]
    public void A_saved_report_reads_back_with_every_summary_figure_delta_and_interval()
    {
        var report = SyntheticBench.Report(SyntheticBench.Start);
        using var history = BenchHistory.Open(Db);

        var id = history.Save(report);
        var entries = history.PatternHistory();

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(id, e.Bench.Id));
        Assert.Equal(report.Patterns.OrderBy(p => p.Pattern), entries.Select(e => e.Summary).OrderBy(p => p.Pattern));
        var bench = entries[0].Bench;
        Assert.Equal(report.StartedAt, bench.StartedAt);
        Assert.Equal(report.StartedAt.Offset, bench.StartedAt.Offset);
        Assert.Equal(
            (report.Model, report.ModelVersion, report.Baseline, report.GoldenFile, report.Cases, report.Repeats, report.Seed, report.BootstrapResamples, 1),
            (bench.Model, bench.ModelVersion, bench.Baseline, bench.GoldenFile, bench.Cases, bench.Repeats, bench.Seed, bench.BootstrapResamples, bench.SkippedLines));
    }

    [Fact]
    public void Save_writes_one_row_per_sample_stage_and_call_with_their_figures()
    {
        var report = SyntheticBench.Report(SyntheticBench.Start);
        using (var history = BenchHistory.Open(Db))
        {
            history.Save(report);
        }

        Assert.Equal(4L, Query("SELECT COUNT(*) FROM samples"));
        Assert.Equal(5L, Query("SELECT COUNT(*) FROM stages"));
        Assert.Equal(5L, Query("SELECT COUNT(*) FROM calls"));
        Assert.Equal("judge|judge-model|check|5|1|0.0005|50.0", Query(
            "SELECT route || '|' || model || '|' || stage || '|' || input_tokens || '|' || output_tokens || '|' || cost_usd || '|' || latency_ms FROM calls WHERE route = 'judge'"));
        Assert.Equal("self-check|c2|draft: timed out|timed out", Query("""
            SELECT r.pattern || '|' || s.case_id || '|' || s.error || '|' || c.error
            FROM calls c JOIN samples s ON s.id = c.sample_id JOIN pattern_results r ON r.id = s.pattern_result_id
            WHERE c.error IS NOT NULL
            """));
        Assert.Equal("self-check|check|judge|1", Query(
            "SELECT r.pattern || '|' || st.stage || '|' || st.kind || '|' || st.position FROM stages st JOIN samples s ON s.id = st.sample_id JOIN pattern_results r ON r.id = s.pattern_result_id WHERE st.model = 'judge-model'"));
    }

    [Fact]
    public void Save_returns_a_new_id_for_each_bench()
    {
        using var history = BenchHistory.Open(Db);

        var first = history.Save(SyntheticBench.Report(SyntheticBench.Start));
        var second = history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(1)));

        Assert.True(second > first);
        Assert.Equal(2, history.BenchCount());
    }

    [Fact]
    public void A_save_that_fails_half_way_leaves_nothing_behind()
    {
        var report = SyntheticBench.Report(SyntheticBench.Start);
        var twice = report with { Patterns = [.. report.Patterns, report.Patterns[1]] }; // the second insert of self-check breaks UNIQUE
        using var history = BenchHistory.Open(Db);

        var error = Assert.Throws<BenchHistoryException>(() => history.Save(twice));

        Assert.StartsWith(Db + ": ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, history.BenchCount());
        Assert.Empty(history.PatternHistory());
    }

    [Fact]
    public void A_sample_of_a_pattern_the_report_does_not_summarise_is_refused_before_anything_is_written()
    {
        var report = SyntheticBench.Report(SyntheticBench.Start);
        var stray = report with { Samples = [.. report.Samples, report.Samples[0] with { Pattern = "ghost" }] };
        using var history = BenchHistory.Open(Db);

        var error = Assert.Throws<ArgumentException>(() => history.Save(stray));

        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, history.BenchCount());
    }

    [Fact]
    public void Pattern_history_lists_the_newest_bench_first_whatever_the_order_of_saving()
    {
        using var history = BenchHistory.Open(Db);
        var late = history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(2)));
        var early = history.Save(SyntheticBench.Report(SyntheticBench.Start));
        var middle = history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(1)));

        var entries = history.PatternHistory("self-check");

        Assert.Equal([late, middle, early], entries.Select(e => e.Bench.Id));
    }

    [Fact]
    public void Each_result_is_compared_with_the_previous_bench_of_the_same_pattern_and_model()
    {
        using var history = BenchHistory.Open(Db);
        var first = history.Save(SyntheticBench.Report(SyntheticBench.Start, scale: 1.0));
        var other = history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(1), model: "other-model", scale: 5.0));
        var second = history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(2), modelVersion: "v2", scale: 1.5));

        var entries = history.PatternHistory("self-check");

        Assert.Equal([second, other, first], entries.Select(e => e.Bench.Id));
        Assert.Equal(first, entries[0].Previous?.Bench.Id);
        Assert.Null(entries[1].Previous);
        Assert.Null(entries[2].Previous);
        var changes = entries[0].Changes!;
        Assert.Equal(50, changes.TokensPercent!.Value, 9);
        Assert.Equal(50, changes.CostPercent!.Value, 9);
        Assert.Equal(50, changes.LatencyP50Percent!.Value, 9);
        Assert.Equal(0, changes.AccuracyPoints!.Value, 9);
        Assert.Equal(50, changes.TokensDeltaPoints!.Value, 9); // the delta went from +100% to +150%
        Assert.Null(entries[2].Changes);
    }

    [Fact]
    public void A_limit_keeps_the_newest_results_and_still_finds_their_previous_bench()
    {
        using var history = BenchHistory.Open(Db);
        var first = history.Save(SyntheticBench.Report(SyntheticBench.Start));
        var second = history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(1), scale: 2));

        var entry = Assert.Single(history.PatternHistory("baseline", limit: 1));

        Assert.Equal(second, entry.Bench.Id);
        Assert.Equal(first, entry.Previous?.Bench.Id);
        Assert.Equal(100, entry.Changes!.TokensPercent!.Value, 9);
    }

    [Fact]
    public void Filters_by_pattern_and_by_model_keep_only_matching_results()
    {
        using var history = BenchHistory.Open(Db);
        var onTiny = history.Save(SyntheticBench.Report(SyntheticBench.Start));
        var onOther = history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(1), model: "other-model"));

        Assert.Equal(4, history.PatternHistory().Count);
        Assert.All(history.PatternHistory(pattern: "baseline"), e => Assert.Equal("baseline", e.Summary.Pattern));
        Assert.Equal(2, history.PatternHistory(pattern: "baseline").Count);
        Assert.Equal([onOther, onOther], history.PatternHistory(model: "other-model").Select(e => e.Bench.Id));
        var both = Assert.Single(history.PatternHistory(pattern: "self-check", model: SyntheticBench.Model));
        Assert.Equal(onTiny, both.Bench.Id);
        Assert.Empty(history.PatternHistory(pattern: "nowhere"));
    }

    [Fact]
    public void Model_history_measures_the_models_calls_with_the_counts_behind_each_figure()
    {
        using var history = BenchHistory.Open(Db);
        var id = history.Save(SyntheticBench.Report(SyntheticBench.Start));

        var entry = Assert.Single(history.ModelHistory(SyntheticBench.Model));

        Assert.Equal(id, entry.Bench.Id);
        Assert.Equal("sha256-abcdef0123456789", entry.ModelVersion);
        Assert.Equal((4, 1, 0.25), (entry.Calls, entry.FailedCalls, entry.ErrorRate));
        Assert.Equal((15.0, 7.5, 22.5), (entry.MeanInputTokens, entry.MeanOutputTokens, entry.MeanTokens));
        Assert.Equal(2, entry.PricedCalls);
        Assert.Equal(0.0015, entry.MeanCostUsd!.Value, 12);
        Assert.Equal((4, 3), (entry.Runs, entry.ScoredRuns));
        Assert.Equal(2.0 / 3, entry.Accuracy!.Value, 12);
        // The failed call and the cached run's call are not timed: 100 and 300 ms remain.
        Assert.Equal(2, entry.TimedCalls);
        Assert.Equal(200, entry.LatencyP50Ms!.Value, 9);
        Assert.Equal(290, entry.LatencyP95Ms!.Value, 9);
        Assert.Null(entry.Previous);
    }

    [Fact]
    public void Model_history_covers_a_model_that_only_some_stages_called()
    {
        using var history = BenchHistory.Open(Db);
        history.Save(SyntheticBench.Report(SyntheticBench.Start));

        var judge = Assert.Single(history.ModelHistory(SyntheticBench.Judge));

        Assert.Null(judge.ModelVersion); // the bench's version belongs to its own model
        Assert.Equal((1, 1, 1, 0), (judge.Runs, judge.ScoredRuns, judge.Calls, judge.FailedCalls));
        Assert.Equal(1.0, judge.Accuracy);
        Assert.Equal(50, judge.LatencyP50Ms);
        Assert.Empty(history.ModelHistory("unknown-model"));
    }

    [Fact]
    public void Model_history_is_newest_first_and_compares_with_the_bench_before_even_past_the_limit()
    {
        using var history = BenchHistory.Open(Db);
        var first = history.Save(SyntheticBench.Report(SyntheticBench.Start, scale: 1));
        var second = history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(1), modelVersion: "v2", scale: 3));

        var all = history.ModelHistory(SyntheticBench.Model);
        var entry = Assert.Single(history.ModelHistory(SyntheticBench.Model, limit: 1));

        Assert.Equal([second, first], all.Select(e => e.Bench.Id));
        Assert.Equal("v2", entry.ModelVersion);
        Assert.Equal(first, entry.Previous?.Bench.Id);
        Assert.Equal(200, entry.Changes!.LatencyP50Percent!.Value, 9);
        Assert.Equal(0, entry.Changes.TokensPercent!.Value, 9);
        Assert.Equal(0, entry.Changes.ErrorRatePoints!.Value, 9);
    }

    [Fact]
    public void The_names_held_are_the_patterns_and_every_model_benched_or_called()
    {
        using var history = BenchHistory.Open(Db);
        history.Save(SyntheticBench.Report(SyntheticBench.Start));
        history.Save(SyntheticBench.Report(SyntheticBench.Start, model: "other-model"));

        Assert.Equal(["baseline", "self-check"], history.PatternNames());
        Assert.Equal([SyntheticBench.Judge, "other-model", SyntheticBench.Model], history.ModelNames());
    }

    private object? Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
