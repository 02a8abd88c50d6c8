using PatternEngine.Bench;
using PatternEngine.Bench.Gates;
using PatternEngine.Bench.Metrics;

namespace PatternEngine.Tests.Bench.Gates;

/// <summary>Verdicts on measured intervals: pass wholly on the right side, fail wholly on the wrong side, inconclusive when straddling.</summary>
public sealed class BenchGatesTests
{
    private static BenchReport Report(MetricEstimate? accuracy, DeltaEstimate? tokens = null, int cases = 40) => new()
    {
        StartedAt = DateTimeOffset.UnixEpoch,
        Model = "m",
        Baseline = "baseline",
        GoldenFile = "golden.jsonl",
        Cases = cases,
        Patterns =
        [
            new PatternSummary
            {
                Pattern = "baseline", Version = "1", FileHash = "h", IsBaseline = true,
                Metrics = new PatternMetrics { Accuracy = accuracy },
                Deltas = new PatternDeltas { TokensPercent = tokens },
            },
        ],
        Samples = [],
    };

    private static GateReport Judge(BenchReport report, string thresholds, InconclusiveGates inconclusive = InconclusiveGates.Pass) =>
        BenchGates.Judge(report, GateFile.Parse($"gates:\n  - pattern: baseline\n{thresholds}", "g.yaml"), inconclusive);

    [Theory]
    [InlineData(0.90, 0.85, 0.95, GateVerdict.Pass)]
    [InlineData(0.50, 0.40, 0.60, GateVerdict.Fail)]
    [InlineData(0.72, 0.60, 0.84, GateVerdict.Inconclusive)]
    [InlineData(0.75, 0.70, 0.80, GateVerdict.Pass)] // the low end on the limit reaches it
    public void A_minimum_is_judged_on_the_whole_interval(double value, double low, double high, GateVerdict verdict)
    {
        var gates = Judge(Report(new MetricEstimate(value, low, high, 40)), "    min_accuracy: 0.7\n");

        Assert.Equal(verdict, Assert.Single(gates.Results).Verdict);
    }

    [Theory]
    [InlineData(250, 200, 300, GateVerdict.Pass)]
    [InlineData(520, 450, 600, GateVerdict.Fail)]
    [InlineData(380, 320, 460, GateVerdict.Inconclusive)]
    public void A_maximum_is_judged_on_the_whole_interval_and_a_delta_against_the_baseline_too(double value, double low, double high, GateVerdict verdict)
    {
        var gates = Judge(Report(null, new DeltaEstimate(value, low, high)), "    max_tokens_delta_percent: 400\n");

        Assert.Equal(verdict, Assert.Single(gates.Results).Verdict);
    }

    [Fact]
    public void An_inconclusive_verdict_estimates_the_cases_from_the_intervals_width_and_says_it_is_an_estimate()
    {
        // Reach towards the limit 0.12 (0.72 to 0.60), margin 0.02 (0.72 to 0.7): 40 × (0.12 / 0.02)² = 1,440 cases.
        var result = Assert.Single(Judge(Report(new MetricEstimate(0.72, 0.60, 0.84, 40)), "    min_accuracy: 0.7\n").Results);

        Assert.Equal(1440, result.CasesToSettle);
        Assert.Contains("about 1,440 cases would likely settle it (an estimate from the interval's width)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inconclusive_threshold_passes_by_default_and_fails_when_told()
    {
        var report = Report(new MetricEstimate(0.72, 0.60, 0.84, 40));

        Assert.True(Judge(report, "    min_accuracy: 0.7\n").Passed);
        var strict = Judge(report, "    min_accuracy: 0.7\n", InconclusiveGates.Fail);
        Assert.False(strict.Passed);
        Assert.Equal(PatternEngineErrorKind.GateFailed, Assert.Throws<GatesFailedException>(strict.ThrowIfFailed).Kind);
    }

    [Fact]
    public void A_threshold_on_something_not_measured_says_so_and_follows_the_inconclusive_rule()
    {
        var gates = Judge(Report(new MetricEstimate(1, 1, 1, 40)), "    max_tool_error_rate: 0.1\n");

        var result = Assert.Single(gates.Results);
        Assert.Equal(GateVerdict.NotMeasured, result.Verdict);
        Assert.True(gates.Passed);
        Assert.False(gates with { Inconclusive = InconclusiveGates.Fail } is { Passed: true });
    }

    [Fact]
    public void A_proven_miss_fails_the_gates_and_names_the_threshold()
    {
        var gates = Judge(Report(new MetricEstimate(0.5, 0.4, 0.6, 40)), "    min_accuracy: 0.7\n");

        var error = Assert.Throws<GatesFailedException>(gates.ThrowIfFailed);
        Assert.Contains("baseline: min_accuracy >= 0.7: FAIL, accuracy 0.5 [0.4, 0.6]", error.Message, StringComparison.Ordinal);
    }
}
