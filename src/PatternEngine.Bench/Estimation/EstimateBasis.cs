namespace PatternEngine.Bench.Estimation;

/// <summary>Where a stage's expected figures come from.</summary>
public enum EstimateBasis
{
    /// <summary>From the catalog's prices and the pattern's <c>max_tokens</c>, with prompt tokens counted: nothing was measured.</summary>
    Prior,

    /// <summary>From the stage's runs stored in the bench history on the same model.</summary>
    Measured,
}
