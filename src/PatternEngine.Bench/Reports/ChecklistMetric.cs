using System.Collections.Immutable;
using System.Globalization;
using PatternEngine.Bench.Metrics;

namespace PatternEngine.Bench.Reports;

/// <summary>One of the checklist's per-pattern figures, as every report format names and writes it.</summary>
public sealed class ChecklistMetric
{
    private readonly Func<PatternMetrics, MetricEstimate?> _select;
    private readonly Func<double, string> _format;

    private ChecklistMetric(string key, string label, Func<PatternMetrics, MetricEstimate?> select, Func<double, string> format)
    {
        Key = key;
        Label = label;
        _select = select;
        _format = format;
    }

    /// <summary>Every figure, in the order reports show them.</summary>
    public static ImmutableArray<ChecklistMetric> All { get; } =
    [
        new("accuracy", "accuracy", m => m.Accuracy, Percent),
        new("error_rate", "error rate", m => m.ErrorRate, Percent),
        new("tool_error_rate", "tool-error rate", m => m.ToolErrorRate, Percent),
        new("unparsed_answer_rate", "unparsed answers", m => m.UnparsedAnswerRate, Percent),
        new("refine_acceptance_rate", "refine accepted", m => m.RefineAcceptanceRate, Percent),
        new("refine_mean_rounds", "refine rounds", m => m.RefineMeanRounds, v => v.ToString("0.00", CultureInfo.InvariantCulture)),
        new("vote_agreement", "vote agreement", m => m.VoteAgreement, Percent),
        new("guard_detection_rate", "guard detection", m => m.GuardDetectionRate, Percent),
        new("guard_false_positive_rate", "guard false positives", m => m.GuardFalsePositiveRate, Percent),
        new("cost_usd", "cost per run", m => m.CostUsd, BenchFormat.Cost),
        new("latency_p95_ms", "latency p95", m => m.LatencyP95Ms, v => v.ToString("0.0", CultureInfo.InvariantCulture) + " ms"),
    ];

    /// <summary>The figure's snake_case name, as JSON writes it.</summary>
    public string Key { get; }

    /// <summary>The figure's name for people.</summary>
    public string Label { get; }

    /// <summary>This figure among a pattern's metrics.</summary>
    public MetricEstimate? Of(PatternMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return _select(metrics);
    }

    /// <summary>The figure with its interval: <c>83.3% [70.0%, 93.3%]</c>; <c>n/a</c> when not measured.</summary>
    public string Format(MetricEstimate? estimate) =>
        estimate is null ? BenchFormat.NotAvailable : $"{_format(estimate.Value)} [{_format(estimate.Low)}, {_format(estimate.High)}]";

    /// <inheritdoc/>
    public override string ToString() => Label;

    // A share as a percentage to one decimal, as every report writes accuracy.
    private static string Percent(double share) => BenchFormat.Accuracy(share);
}
