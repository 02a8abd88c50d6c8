using System.Collections.Immutable;

namespace PatternEngine.Bench.Reports;

/// <summary>One of the five metrics a pattern is compared with the baseline on, with where its delta lives and why it can be missing.</summary>
public sealed class BenchMetric
{
    private readonly Func<PatternDeltas, DeltaEstimate?> _select;
    private readonly Func<PatternSummary, PatternSummary, string> _whyUnavailable;

    private BenchMetric(string key, string label, bool inPoints, Func<PatternDeltas, DeltaEstimate?> select, Func<PatternSummary, PatternSummary, string> whyUnavailable)
    {
        Key = key;
        Label = label;
        InPoints = inPoints;
        _select = select;
        _whyUnavailable = whyUnavailable;
    }

    /// <summary>Tokens per run, in percent.</summary>
    public static BenchMetric Tokens { get; } = new("tokens_percent", "tokens", false, d => d.TokensPercent,
        (b, _) => b.MeanTokens == 0 ? "the baseline used no tokens, so there is nothing to take a percentage of" : Unknown);

    /// <summary>Cost per run, in percent.</summary>
    public static BenchMetric Cost { get; } = new("cost_percent", "cost", false, d => d.CostPercent,
        (b, p) => b.UnpricedCalls + p.UnpricedCalls > 0 ? "the cost is unknown: some calls went to models the catalog does not price (give them a price with --catalog)"
            : b.MeanCostUsd == 0 ? "the baseline cost nothing (its model is free), so there is nothing to take a percentage of"
            : Unknown);

    /// <summary>Median latency, in percent.</summary>
    public static BenchMetric LatencyP50 { get; } = new("latency_p50_percent", "latency p50", false, d => d.LatencyP50Percent, WhyNoLatency);

    /// <summary>95th percentile latency, in percent.</summary>
    public static BenchMetric LatencyP95 { get; } = new("latency_p95_percent", "latency p95", false, d => d.LatencyP95Percent, WhyNoLatency);

    /// <summary>Accuracy, in percentage points.</summary>
    public static BenchMetric Accuracy { get; } = new("accuracy_points", "accuracy", true, d => d.AccuracyPoints,
        (b, p) => b.Accuracy is null && p.Accuracy is null ? "no case expects an answer, so nothing was scored"
            : b.Accuracy is null ? "no run of the baseline was scored"
            : p.Accuracy is null ? "no run of this pattern was scored"
            : Unknown);

    /// <summary>Every metric, in the order reports show them.</summary>
    public static ImmutableArray<BenchMetric> All { get; } = [Tokens, Cost, LatencyP50, LatencyP95, Accuracy];

    /// <summary>The metric's snake_case name, as JSON writes it (<c>tokens_percent</c>, …).</summary>
    public string Key { get; }

    /// <summary>The metric's name for people (<c>tokens</c>, <c>latency p50</c>, …).</summary>
    public string Label { get; }

    /// <summary>Whether the delta is in percentage points (accuracy) rather than percent.</summary>
    public bool InPoints { get; }

    /// <summary>The delta's unit as reports write it after a number: <c>%</c> or <c> pts</c>.</summary>
    public string Unit => InPoints ? " pts" : "%";

    /// <summary>This metric's delta among a pattern's deltas.</summary>
    public DeltaEstimate? Of(PatternDeltas deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        return _select(deltas);
    }

    /// <summary>Why a pattern has no delta on this metric, read from its figures and the baseline's.</summary>
    public string WhyUnavailable(PatternSummary baseline, PatternSummary pattern)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(pattern);
        return _whyUnavailable(baseline, pattern);
    }

    /// <inheritdoc/>
    public override string ToString() => Label;

    private const string Unknown = "the bench could not compare it with the baseline";

    // Cached runs replay recorded latencies, so the percentiles (and their deltas) use fresh runs only.
    private static string WhyNoLatency(PatternSummary baseline, PatternSummary pattern) =>
        !pattern.LatencyMeasured ? "the bench went through a provider's batch API, so latency was not measured"
        : baseline.LatencyP50Ms is null && pattern.LatencyP50Ms is null ? "every run of the baseline and of this pattern was cached, so no latency was measured"
        : baseline.LatencyP50Ms is null ? "every run of the baseline was cached, so its latency was not measured"
        : pattern.LatencyP50Ms is null ? "every run of this pattern was cached, so its latency was not measured"
        : baseline.LatencyP50Ms == 0 ? "the baseline's latency was zero, so there is nothing to take a percentage of"
        : Unknown;
}
