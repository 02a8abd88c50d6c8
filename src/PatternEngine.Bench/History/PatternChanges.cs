namespace PatternEngine.Bench.History;

/// <summary>
/// How a pattern's figures changed from one bench to the next: percent for tokens, cost and latency, percentage
/// points for accuracy and for the tokens delta (itself a percent). Null where either side has no figure, or the
/// earlier one is zero so a percent means nothing.
/// </summary>
public sealed record PatternChanges
{
    /// <summary>Mean tokens per run, in percent.</summary>
    public double? TokensPercent { get; init; }

    /// <summary>Mean cost per run, in percent.</summary>
    public double? CostPercent { get; init; }

    /// <summary>Accuracy, in percentage points.</summary>
    public double? AccuracyPoints { get; init; }

    /// <summary>Median latency, in percent.</summary>
    public double? LatencyP50Percent { get; init; }

    /// <summary>95th percentile latency, in percent.</summary>
    public double? LatencyP95Percent { get; init; }

    /// <summary>The tokens delta against the baseline, in percentage points.</summary>
    public double? TokensDeltaPoints { get; init; }

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static PatternChanges Between(PatternSummary before, PatternSummary after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new PatternChanges
        {
            TokensPercent = Change.Percent(before.MeanTokens, after.MeanTokens),
            CostPercent = Change.Percent(before.MeanCostUsd, after.MeanCostUsd),
            AccuracyPoints = Change.Points(before.Accuracy, after.Accuracy),
            LatencyP50Percent = Change.Percent(before.LatencyP50Ms, after.LatencyP50Ms),
            LatencyP95Percent = Change.Percent(before.LatencyP95Ms, after.LatencyP95Ms),
            TokensDeltaPoints = Change.Difference(before.Deltas.TokensPercent?.Value, after.Deltas.TokensPercent?.Value),
        };
    }
}

/// <summary>The arithmetic of a change between two figures.</summary>
internal static class Change
{
    /// <summary>The relative change in percent; 0 when both are zero, null when only the earlier one is.</summary>
    public static double? Percent(double? before, double? after) =>
        before is not { } b || after is not { } a ? null
        : b == 0 ? (a == 0 ? 0 : null)
        : (a - b) / Math.Abs(b) * 100;

    /// <summary>The change of a share (0 to 1) in percentage points.</summary>
    public static double? Points(double? before, double? after) => Difference(before, after) * 100;

    /// <summary>The plain difference.</summary>
    public static double? Difference(double? before, double? after) => after - before;
}
