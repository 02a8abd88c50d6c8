namespace PatternEngine.Bench.History;

/// <summary>
/// What one model measured in one stored bench, over every call it answered (whatever the pattern or stage), with
/// the number of calls or runs behind each figure.
/// </summary>
public sealed record ModelHistoryEntry
{
    /// <summary>The bench.</summary>
    public required StoredBench Bench { get; init; }

    /// <summary>The model, as the provider names it.</summary>
    public required string Model { get; init; }

    /// <summary>The model's version, when the model is the bench's own and the bench knew its version.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Runs with at least one call to the model.</summary>
    public int Runs { get; init; }

    /// <summary>Of <see cref="Runs"/>, those that were scored.</summary>
    public int ScoredRuns { get; init; }

    /// <summary>Share of <see cref="ScoredRuns"/> that were right (0 to 1); null when none was scored.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Calls the model answered or failed.</summary>
    public int Calls { get; init; }

    /// <summary>Calls that failed.</summary>
    public int FailedCalls { get; init; }

    /// <summary>Share of calls that failed (0 to 1).</summary>
    public double ErrorRate => Calls == 0 ? 0 : (double)FailedCalls / Calls;

    /// <summary>Mean tokens sent per call.</summary>
    public double MeanInputTokens { get; init; }

    /// <summary>Mean tokens received per call.</summary>
    public double MeanOutputTokens { get; init; }

    /// <summary>Mean tokens sent and received per call.</summary>
    public double MeanTokens => MeanInputTokens + MeanOutputTokens;

    /// <summary>Calls the catalog priced.</summary>
    public int PricedCalls { get; init; }

    /// <summary>Mean cost per priced call in US dollars; null when no call was priced.</summary>
    public double? MeanCostUsd { get; init; }

    /// <summary>Calls behind the latency percentiles: those that succeeded in runs with nothing from a cache.</summary>
    public int TimedCalls { get; init; }

    /// <summary>Median call latency in milliseconds; null when no call was timed.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>95th percentile call latency in milliseconds.</summary>
    public double? LatencyP95Ms { get; init; }

    /// <summary>The same model's entry in the bench before, whatever the limit; null for the first.</summary>
    public ModelHistoryEntry? Previous { get; init; }

    /// <summary>How each figure changed since <see cref="Previous"/>; null for the first.</summary>
    public ModelChanges? Changes => Previous is null ? null : ModelChanges.Between(Previous, this);
}
