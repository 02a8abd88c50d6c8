namespace PatternEngine.Bench.Estimation;

/// <summary>
/// What one stage of a run is expected to spend, and the most it can spend. The worst case is always the pattern's
/// bounds (every sample, every refine round, every tool round, each call sending its prompt and answering its whole
/// <c>max_tokens</c>); the expected figures are measured when the history has the stage on its model, else the prior.
/// </summary>
public sealed record StageEstimate
{
    /// <summary>The stage's qualified id (<c>samples[*].answer</c> for a stage of an included pattern).</summary>
    public required string Stage { get; init; }

    /// <summary>The stage's kind, as pattern files write it.</summary>
    public required string Kind { get; init; }

    /// <summary>The model the stage's calls go to.</summary>
    public required string Model { get; init; }

    /// <summary>Measured or prior (the worst case is always from the pattern's bounds).</summary>
    public EstimateBasis Basis { get; init; }

    /// <summary>Calls expected in one run (measured: the mean per stored run).</summary>
    public double ExpectedCalls { get; init; }

    /// <summary>The most calls one run can make on the stage.</summary>
    public long WorstCalls { get; init; }

    /// <summary>Tokens sent and received expected in one run.</summary>
    public double ExpectedTokens { get; init; }

    /// <summary>The most tokens one run can spend on the stage.</summary>
    public long WorstTokens { get; init; }

    /// <summary>Expected cost in US dollars; null when the catalog does not price the model.</summary>
    public decimal? ExpectedCostUsd { get; init; }

    /// <summary>The worst-case cost in US dollars; null when the catalog does not price the model.</summary>
    public decimal? WorstCostUsd { get; init; }

    /// <summary>Whether a map's item count was not known (no list input given), so its figures are for one item.</summary>
    public bool ItemsUnknown { get; init; }

    /// <summary>How the figures were made, in a phrase (multipliers, measured runs).</summary>
    public string Note { get; init; } = "";
}
