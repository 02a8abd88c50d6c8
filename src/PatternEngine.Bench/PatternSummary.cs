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

    /// <summary>Mean tokens (sent and received) per run, failed runs included.</summary>
    public double MeanTokens { get; init; }

    /// <summary>Mean cost per run in US dollars, over priced calls, failed runs included.</summary>
    public double MeanCostUsd { get; init; }

    /// <summary>Calls whose model the catalog does not price.</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>Share of scored runs that were right (0 to 1); null when no case expects an answer.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Whether latency was measured: false for a bench through a provider's batch API (<see cref="BenchOptions.Batched"/>), whose percentiles are then null.</summary>
    public bool LatencyMeasured { get; init; } = true;

    /// <summary>Median wall time of fresh runs (neither cached nor failed), in milliseconds; null when there are none.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>95th percentile wall time of fresh runs, in milliseconds; null when there are none.</summary>
    public double? LatencyP95Ms { get; init; }

    /// <summary>The checklist's figures (accuracy, error, tool-error and unparsed-answer rates, refine and vote figures, cost, p95), each with its interval.</summary>
    public Metrics.PatternMetrics Metrics { get; init; } = new();

    /// <summary>
    /// Deltas against the baseline over the cases both ran; null for a metric that cannot be compared (a zero baseline,
    /// no fresh runs, nothing scored, no case in common).
    /// </summary>
    public PatternDeltas Deltas { get; init; } = new();
}

/// <summary>A pattern's deltas against the baseline.</summary>
public sealed record PatternDeltas
{
    /// <summary>Mean tokens per case (each case the mean of its repeats), in percent.</summary>
    public DeltaEstimate? TokensPercent { get; init; }

    /// <summary>Mean cost per case, in percent; null when the baseline cost nothing.</summary>
    public DeltaEstimate? CostPercent { get; init; }

    /// <summary>Median latency of the fresh runs, in percent.</summary>
    public DeltaEstimate? LatencyP50Percent { get; init; }

    /// <summary>95th percentile latency of the fresh runs, in percent.</summary>
    public DeltaEstimate? LatencyP95Percent { get; init; }

    /// <summary>Share of scored runs that were right, in percentage points.</summary>
    public DeltaEstimate? AccuracyPoints { get; init; }
}
