namespace PatternEngine.Bench.Metrics;

/// <summary>
/// The production checklist's figures for one pattern, each with its 95% interval from a bootstrap over cases; a
/// metric is null when nothing it counts happened (no case expects an answer, no tool was called, no draft refined,
/// no vote taken, no fresh run). Every one can be computed again from a bench's <c>--log</c> lines alone
/// (<see cref="BenchLogMetrics"/>).
/// </summary>
public sealed record PatternMetrics
{
    /// <summary>Share of scored runs that were right (over scored runs).</summary>
    public MetricEstimate? Accuracy { get; init; }

    /// <summary>Share of runs that failed (over runs).</summary>
    public MetricEstimate? ErrorRate { get; init; }

    /// <summary>Share of tool calls that threw or were malformed: an unknown tool, arguments that did not parse (over tool calls).</summary>
    public MetricEstimate? ToolErrorRate { get; init; }

    /// <summary>Share of the prompts' answers that failed their output schema or extraction (over answers).</summary>
    public MetricEstimate? UnparsedAnswerRate { get; init; }

    /// <summary>Share of refined drafts whose critique accepted them before the last round (over refined drafts).</summary>
    public MetricEstimate? RefineAcceptanceRate { get; init; }

    /// <summary>Mean critique rounds per refined draft.</summary>
    public MetricEstimate? RefineMeanRounds { get; init; }

    /// <summary>Mean share of samples that voted for the winner (over votes).</summary>
    public MetricEstimate? VoteAgreement { get; init; }

    /// <summary>Share of hostile cases' runs (expected verdict redact or block) whose guards redacted or blocked (over those runs).</summary>
    public MetricEstimate? GuardDetectionRate { get; init; }

    /// <summary>Share of benign cases' runs (expected verdict allow) whose guards redacted or blocked (over those runs).</summary>
    public MetricEstimate? GuardFalsePositiveRate { get; init; }

    /// <summary>Mean cost per run in US dollars (over runs); null when a call went to a model the catalog does not price.</summary>
    public MetricEstimate? CostUsd { get; init; }

    /// <summary>95th percentile wall time of fresh runs (neither cached nor failed), in milliseconds (over fresh runs).</summary>
    public MetricEstimate? LatencyP95Ms { get; init; }
}
