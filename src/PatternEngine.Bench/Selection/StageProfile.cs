namespace PatternEngine.Selection;

/// <summary>
/// What is known of a model on one stage of a pattern: measured in stored benches, or a prior from the catalog's
/// prices when nothing was measured. Each figure is null when unknown, and comes with the samples behind it.
/// </summary>
public sealed record StageProfile
{
    /// <summary>The catalog id of the model.</summary>
    public required string Model { get; init; }

    /// <summary>The stage.</summary>
    public required string Stage { get; init; }

    /// <summary>Stage runs measured (runs of the stage on this model that made calls).</summary>
    public int Runs { get; init; }

    /// <summary>Mean tokens sent and received per stage run.</summary>
    public double? MeanTokens { get; init; }

    /// <summary>Mean cost per stage run in US dollars, at the catalog's prices; null when the model is unpriced.</summary>
    public double? MeanCostUsd { get; init; }

    /// <summary>Stage runs behind the latency percentiles (those with nothing from a cache).</summary>
    public int TimedRuns { get; init; }

    /// <summary>Median stage latency in milliseconds.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>95th percentile stage latency in milliseconds.</summary>
    public double? LatencyP95Ms { get; init; }

    /// <summary>Scored runs behind <see cref="Accuracy"/>.</summary>
    public int ScoredRuns { get; init; }

    /// <summary>Share of scored runs of the pattern, with this stage on this model, that were right (0 to 1).</summary>
    public double? Accuracy { get; init; }

    /// <summary>Calls behind <see cref="ErrorRate"/>.</summary>
    public int Calls { get; init; }

    /// <summary>Share of calls that failed (0 to 1).</summary>
    public double? ErrorRate { get; init; }

    /// <summary>Whether the catalog has no price for the model (or for some of its calls), so its cost is unknown, never 0.</summary>
    public bool Unpriced { get; init; }

    /// <summary>Whether this is a prior, not a measurement; <see cref="Basis"/> then states what it assumes.</summary>
    public bool IsPrior { get; init; }

    /// <summary>Where the figures come from, in a phrase.</summary>
    public string Basis { get; init; } = "";
}
