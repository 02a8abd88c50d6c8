using System.Collections.Immutable;
using PatternEngine.Bench;

namespace PatternEngine.Selection;

/// <summary>
/// Verdicts on SLO targets from a bench of plan B against plan A (the baseline) on the same cases: the paired
/// bootstrap intervals the bench gives for accuracy, latency and cost, and a normal interval for the error rate.
/// </summary>
public static class PlanComparison
{
    private const double Z95 = 1.959964;

    /// <summary>A verdict on each target <paramref name="targets"/> sets, in SLO file order.</summary>
    public static ImmutableArray<TargetComparison> Compare(PatternSummary a, PatternSummary b, Slo targets)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(targets);
        var comparisons = ImmutableArray.CreateBuilder<TargetComparison>();
        if (targets.MinAccuracy is not null)
        {
            comparisons.Add(Judge("min_accuracy", a.Accuracy, b.Accuracy, b.Deltas.AccuracyPoints, higherIsBetter: true));
        }

        if (targets.MaxLatencyP95Ms is not null)
        {
            comparisons.Add(Judge("max_latency_p95_ms", a.LatencyP95Ms, b.LatencyP95Ms, b.Deltas.LatencyP95Percent, higherIsBetter: false));
        }

        if (targets.MaxCostUsd is not null)
        {
            // A plan with unpriced calls has no cost to compare; two free plans cost the same (the bench gives no
            // percentage of a zero baseline).
            comparisons.Add(
                a.UnpricedCalls + b.UnpricedCalls > 0
                    ? new TargetComparison("max_cost_usd", Priced(a), Priced(b), null, ComparisonVerdict.NotMeasured) { Unpriced = true }
                : a.MeanCostUsd == 0 && b.MeanCostUsd == 0
                    ? new TargetComparison("max_cost_usd", 0, 0, new DeltaEstimate(0, 0, 0), ComparisonVerdict.NotDistinguishable)
                    : Judge("max_cost_usd", a.MeanCostUsd, b.MeanCostUsd, b.Deltas.CostPercent, higherIsBetter: false));
        }

        if (targets.MaxErrorRate is not null)
        {
            comparisons.Add(Judge("max_error_rate", ErrorRate(a), ErrorRate(b), ErrorRateDelta(a, b), higherIsBetter: false));
        }

        return comparisons.ToImmutable();
    }

    private static TargetComparison Judge(string target, double? a, double? b, DeltaEstimate? delta, bool higherIsBetter)
    {
        var verdict = a is null || b is null || delta is null ? ComparisonVerdict.NotMeasured
            : delta.Low > 0 ? (higherIsBetter ? ComparisonVerdict.Better : ComparisonVerdict.Worse)
            : delta.High < 0 ? (higherIsBetter ? ComparisonVerdict.Worse : ComparisonVerdict.Better)
            : ComparisonVerdict.NotDistinguishable;
        return new TargetComparison(target, a, b, delta, verdict);
    }

    private static double? Priced(PatternSummary summary) => summary.UnpricedCalls > 0 ? null : summary.MeanCostUsd;

    private static double? ErrorRate(PatternSummary summary) => summary.Runs == 0 ? null : summary.FailedRuns / (double)summary.Runs;

    /// <summary>B's error rate less A's in points, with a Wald interval (a zero-width one when neither failed).</summary>
    private static DeltaEstimate? ErrorRateDelta(PatternSummary a, PatternSummary b)
    {
        if (ErrorRate(a) is not { } pa || ErrorRate(b) is not { } pb)
        {
            return null;
        }

        var spread = Z95 * Math.Sqrt((pa * (1 - pa) / a.Runs) + (pb * (1 - pb) / b.Runs));
        var delta = (pb - pa) * 100;
        return new DeltaEstimate(delta, delta - (spread * 100), delta + (spread * 100));
    }
}
