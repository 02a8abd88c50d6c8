namespace PatternEngine.Bench.Judging;

/// <summary>
/// What the judge said of one run of a <c>scorer: judge</c> case, and what asking it cost. The run's own figures
/// (<see cref="BenchSample.Calls"/>, tokens, cost, latency) never include the judge's.
/// </summary>
public sealed record JudgeVerdict
{
    /// <summary>Whether the judge found the answer right; null when its verdict could not be had (see <see cref="Unscored"/>).</summary>
    public bool? Correct { get; init; }

    /// <summary>The judge's reason, as it gave it.</summary>
    public string? Reason { get; init; }

    /// <summary>Why the run has no verdict (the judge's answer did not parse, or its route failed); null when it has one.</summary>
    public string? Unscored { get; init; }

    /// <summary>
    /// The case's <c>check</c> scorer on its <c>expected</c> (exact unless named), when the case gives both: what the
    /// judge's agreement is measured against. Null when the case gives no <c>expected</c>.
    /// </summary>
    public bool? Checked { get; init; }

    /// <summary>The totals of the judge's run for this verdict: its calls, tokens, cost and wall time (a failed judge's, as far as it got).</summary>
    public Execution.RunTotals Usage { get; init; } = new();
}
