namespace PatternEngine.Bench;

/// <summary>What one pattern measured over every case and repeat, and its deltas against the baseline.</summary>
public sealed record PatternSummary
{
    /// <summary>The pattern's name.</summary>
    public required string Pattern { get; init; }

    /// <summary>The pattern's version.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 of the pattern file's bytes, in lowercase hex.</summary>
    public required string FileHash { get; init; }

    /// <summary>Whether this pattern is the baseline the others are compared with.</summary>
    public bool IsBaseline { get; init; }

    /// <summary>Runs made (cases × repeats).</summary>
    public int Runs { get; init; }

    /// <summary>Runs that failed.</summary>
    public int FailedRuns { get; init; }

    /// <summary>Runs with a call answered from cache: their latency is left out of the percentiles.</summary>
    public int CachedRuns { get; init; }

    /// <summary>Mean tokens (sent and received) per run.</summary>
    public double MeanTokens { get; init; }

    /// <summary>Mean cost per run in US dollars, over priced calls.</summary>
    public double MeanCostUsd { get; init; }

    /// <summary>Calls whose model the catalog does not price.</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>Share of scored runs that were right (0 to 1); null when no case expects an answer.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Median wall time of fresh (not cached) runs, in milliseconds; null when every run was cached.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>95th percentile wall time of fresh runs, in milliseconds.</summary>
    public double? LatencyP95Ms { get; init; }

    /// <summary>Deltas against the baseline; null for a metric that cannot be compared (a zero baseline, no fresh runs, nothing scored).</summary>
    public PatternDeltas Deltas { get; init; } = new();
}

/// <summary>A pattern's deltas against the baseline.</summary>
public sealed record PatternDeltas
{
    /// <summary>Tokens per run, in percent.</summary>
    public DeltaEstimate? TokensPercent { get; init; }

    /// <summary>Cost per run, in percent.</summary>
    public DeltaEstimate? CostPercent { get; init; }

    /// <summary>Median latency, in percent.</summary>
    public DeltaEstimate? LatencyP50Percent { get; init; }

    /// <summary>95th percentile latency, in percent.</summary>
    public DeltaEstimate? LatencyP95Percent { get; init; }

    /// <summary>Accuracy, in percentage points.</summary>
    public DeltaEstimate? AccuracyPoints { get; init; }
}
