namespace PatternEngine.Bench.History;

/// <summary>
/// How a model's figures changed from one bench to the next: percent for tokens, cost and latency, percentage
/// points for accuracy and error rate. Null where either side has no figure or the earlier one is zero.
/// </summary>
public sealed record ModelChanges
{
    /// <summary>Mean tokens per call, in percent.</summary>
    public double? TokensPercent { get; init; }

    /// <summary>Mean cost per priced call, in percent.</summary>
    public double? CostPercent { get; init; }

    /// <summary>Accuracy, in percentage points.</summary>
    public double? AccuracyPoints { get; init; }

    /// <summary>Error rate, in percentage points.</summary>
    public double? ErrorRatePoints { get; init; }

    /// <summary>Median latency, in percent.</summary>
    public double? LatencyP50Percent { get; init; }

    /// <summary>95th percentile latency, in percent.</summary>
    public double? LatencyP95Percent { get; init; }

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static ModelChanges Between(ModelHistoryEntry before, ModelHistoryEntry after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new ModelChanges
        {
            TokensPercent = Change.Percent(before.MeanTokens, after.MeanTokens),
            CostPercent = Change.Percent(before.MeanCostUsd, after.MeanCostUsd),
            AccuracyPoints = Change.Points(before.Accuracy, after.Accuracy),
            ErrorRatePoints = Change.Points(before.ErrorRate, after.ErrorRate),
            LatencyP50Percent = Change.Percent(before.LatencyP50Ms, after.LatencyP50Ms),
            LatencyP95Percent = Change.Percent(before.LatencyP95Ms, after.LatencyP95Ms),
        };
    }
}
