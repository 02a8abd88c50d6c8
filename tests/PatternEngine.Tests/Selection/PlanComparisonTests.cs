using PatternEngine.Bench;
using PatternEngine.Selection;

namespace PatternEngine.Tests.Selection;

public sealed class PlanComparisonTests
{
    private static PatternSummary Summary(double? accuracy, double p95, double cost, int failed, PatternDeltas? deltas = null) => new()
    {
        Pattern = "p",
        Version = "1",
        FileHash = "h",
        Runs = 40,
        FailedRuns = failed,
        Accuracy = accuracy,
        LatencyP95Ms = p95,
        MeanCostUsd = cost,
        Deltas = deltas ?? new(),
    };

    [Fact]
    public void Compare_gives_a_verdict_on_each_target_from_its_interval()
    {
        var a = Summary(0.80, 100, 0.01, failed: 0);
        var b = Summary(0.90, 300, 0.01, failed: 0, new PatternDeltas
        {
            AccuracyPoints = new DeltaEstimate(10, 2, 18),
            LatencyP95Percent = new DeltaEstimate(200, 150, 260),
            CostPercent = new DeltaEstimate(0.5, -3, 4),
        });

        var verdicts = PlanComparison.Compare(a, b, new Slo { MinAccuracy = 0.7, MaxLatencyP95Ms = 500, MaxCostUsd = 1, MaxErrorRate = 0.1 })
            .ToDictionary(c => c.Target, c => c.Verdict);

        Assert.Equal(ComparisonVerdict.Better, verdicts["min_accuracy"]);
        Assert.Equal(ComparisonVerdict.Worse, verdicts["max_latency_p95_ms"]);
        Assert.Equal(ComparisonVerdict.NotDistinguishable, verdicts["max_cost_usd"]);
        Assert.Equal(ComparisonVerdict.NotDistinguishable, verdicts["max_error_rate"]);
    }

    [Fact]
    public void Compare_judges_only_the_targets_set_and_says_when_a_figure_is_missing()
    {
        var comparison = Assert.Single(PlanComparison.Compare(Summary(null, 1, 0, 0), Summary(null, 1, 0, 0), new Slo { MinAccuracy = 0.5 }));

        Assert.Equal(("min_accuracy", ComparisonVerdict.NotMeasured), (comparison.Target, comparison.Verdict));
    }

    [Fact]
    public void Many_more_failures_are_worse_on_the_error_rate()
    {
        var comparison = Assert.Single(PlanComparison.Compare(Summary(1, 1, 0, failed: 0), Summary(1, 1, 0, failed: 20), new Slo { MaxErrorRate = 0.1 }));

        Assert.Equal(ComparisonVerdict.Worse, comparison.Verdict);
        Assert.Equal(50, comparison.Delta!.Value, 9);
    }
}
