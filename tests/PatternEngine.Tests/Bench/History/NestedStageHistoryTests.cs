using Microsoft.Data.Sqlite;
using PatternEngine.Bench;
using PatternEngine.Bench.History;
using PatternEngine.Execution;
using PatternEngine.Models.Catalog;
using PatternEngine.Selection;
using PatternEngine.Tests.Cli;

namespace PatternEngine.Tests.Bench.History;

/// <summary>
/// A composed pattern's runs in the history: nested stages point to the stage that ran them, calls are stored once
/// (with the stage that made them), and selection profiles a nested stage per bench run under its routing id.
/// </summary>
public sealed class NestedStageHistoryTests : IDisposable
{
    private const string Model = "tiny-model";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CallRecord Call(string stage, long tokens, double latency) => new()
    {
        Stage = stage,
        Route = "default",
        Model = Model,
        InputTokens = tokens,
        OutputTokens = tokens,
        UsageSource = "provider",
        CostUsd = tokens * 0.001m,
        LatencyMs = latency,
    };

    private static StageRecord Leaf(string id, CallRecord call) => new()
    {
        Id = id,
        Kind = "prompt",
        Model = Model,
        Calls = 1,
        InputTokens = call.InputTokens,
        OutputTokens = call.OutputTokens,
        CostUsd = call.CostUsd!.Value,
        LatencyMs = call.LatencyMs,
        Output = StageValue.Of("x"),
        CallRecords = [call],
    };

    // samples: a fan-out of two included runs (samples[0].reasoning, samples[1].reasoning); vote: no call.
    private static BenchSample Sample(string caseId, long first, long second)
    {
        StageRecord[] nested = [Leaf("samples[0].reasoning", Call("samples[0].reasoning", first, 100)), Leaf("samples[1].reasoning", Call("samples[1].reasoning", second, 300))];
        var samples = new StageRecord
        {
            Id = "samples",
            Kind = "fan_out",
            Model = Model,
            Calls = 2,
            InputTokens = first + second,
            OutputTokens = first + second,
            CostUsd = (first + second) * 0.001m,
            LatencyMs = 310,
            Output = StageValue.List(["x", "x"]),
            Stages = [.. nested],
        };
        var vote = new StageRecord { Id = "vote", Kind = "reduce", Model = "", Output = StageValue.Of("x") };
        return new BenchSample
        {
            Pattern = "consistent",
            CaseId = caseId,
            Calls = 2,
            InputTokens = first + second,
            OutputTokens = first + second,
            CostUsd = (first + second) * 0.001m,
            LatencyMs = 320,
            Correct = true,
            Stages = [samples, vote],
        };
    }

    private string Database()
    {
        var path = Path.Combine(_dir.Path, "history.db");
        var report = SyntheticBench.Report(SyntheticBench.Start);
        report = report with
        {
            Patterns = [report.Patterns[0], report.Patterns[1] with { Pattern = "consistent" }],
            Samples = [report.Samples[0], report.Samples[1], Sample("c1", 10, 20), Sample("c2", 30, 40)],
        };
        using var history = BenchHistory.Open(path);
        history.Save(report);
        return path;
    }

    private static long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void Nested_stages_point_to_the_stage_that_ran_them_and_every_call_is_stored_once()
    {
        var database = Database();

        Assert.Equal(4L, Scalar(database, "SELECT COUNT(*) FROM stages n JOIN stages p ON p.id = n.parent_id WHERE p.stage = 'samples' AND n.stage LIKE 'samples[%'"));
        Assert.Equal(0L, Scalar(database, "SELECT COUNT(*) FROM stages WHERE stage IN ('samples', 'vote') AND parent_id IS NOT NULL"));
        Assert.Equal(4L, Scalar(database, "SELECT COUNT(*) FROM calls c JOIN samples s ON s.id = c.sample_id WHERE s.case_id IN ('c1', 'c2') AND c.stage LIKE 'samples[%'"));
        Assert.Equal(0L, Scalar(database, "SELECT COUNT(*) FROM calls c JOIN stages st ON st.id = c.stage_row_id WHERE st.stage = 'samples'"));
        Assert.Equal(
            Scalar(database, "SELECT SUM(calls) FROM samples WHERE pattern_result_id = (SELECT id FROM pattern_results WHERE pattern = 'consistent')"),
            Scalar(database, "SELECT COUNT(*) FROM calls c JOIN samples s ON s.id = c.sample_id WHERE s.pattern_result_id = (SELECT id FROM pattern_results WHERE pattern = 'consistent')"));
    }

    [Fact]
    public void A_nested_stage_is_profiled_per_bench_run_under_its_routing_id()
    {
        var profiles = ProfileSource.Read(Database(), "consistent", ModelCatalog.Empty);

        Assert.Equal(["samples[*].reasoning"], profiles.Keys);
        var profile = profiles["samples[*].reasoning"][Model];
        Assert.Equal((2, 4), (profile.Runs, profile.Calls));
        Assert.Equal((60 + 140) / 2.0, profile.MeanTokens); // both items of a run add up: 2 * (10 + 20), 2 * (30 + 40)
        Assert.Equal(300, profile.LatencyP50Ms!.Value, 9); // the slower item of each run
    }
}
