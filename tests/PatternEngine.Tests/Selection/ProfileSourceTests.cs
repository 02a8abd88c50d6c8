using PatternEngine.Bench.History;
using PatternEngine.Models.Catalog;
using PatternEngine.Selection;
using PatternEngine.Tests.Bench.History;
using PatternEngine.Tests.Cli;

namespace PatternEngine.Tests.Selection;

public sealed class ProfileSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Database()
    {
        var path = System.IO.Path.Combine(_dir.Path, "history.db");
        using var history = BenchHistory.Open(path);
        history.Save(SyntheticBench.Report(SyntheticBench.Start));
        return path;
    }

    [Fact]
    public void Read_profiles_each_stage_per_model_with_the_samples_behind_each_figure()
    {
        // The judge's 5 + 1 tokens at today's prices; the draft's model has none, so its cost is unknown, not $0.
        var catalog = ModelCatalog.Parse("models:\n  - { id: judge-model, input_per_million: 50, output_per_million: 250 }\n");
        var profiles = ProfileSource.Read(Database(), "self-check", catalog);

        var draft = profiles["draft"][SyntheticBench.Model];
        Assert.Equal((2, 2, 1, 2), (draft.Runs, draft.TimedRuns, draft.ScoredRuns, draft.Calls));
        Assert.Equal(22.5, draft.MeanTokens);
        Assert.Equal(351, draft.LatencyP50Ms!.Value, 9); // stage latencies 301 and 401 ms
        Assert.Equal(396, draft.LatencyP95Ms!.Value, 9);
        Assert.Equal(1.0, draft.Accuracy);
        Assert.Equal(0.5, draft.ErrorRate);
        Assert.False(draft.IsPrior);
        Assert.Equal((null, true), (draft.MeanCostUsd, draft.Unpriced));
        var check = Assert.Single(profiles["check"]);
        Assert.Equal(SyntheticBench.Judge, check.Key);
        Assert.Equal(0.0005, check.Value.MeanCostUsd!.Value, 12);
    }

    [Fact]
    public void Read_keeps_to_benches_on_the_golden_file_named_and_a_missing_database_has_no_profiles()
    {
        var database = Database();

        Assert.NotEmpty(ProfileSource.Read(database, "self-check", ModelCatalog.Empty, golden: "elsewhere/demo.jsonl"));
        Assert.Empty(ProfileSource.Read(database, "self-check", ModelCatalog.Empty, golden: "other.jsonl"));
        Assert.Empty(ProfileSource.Read(database, "no-such-pattern", ModelCatalog.Empty));
        Assert.Empty(ProfileSource.Read(System.IO.Path.Combine(_dir.Path, "none.db"), "self-check", ModelCatalog.Empty));
    }
}
