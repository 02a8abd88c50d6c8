namespace PatternEngine.Definitions;

/// <summary>The deltas against one plain call that the prompt-pattern quick sheet expects of a pattern, in percent.</summary>
public sealed record ExpectedDeltas
{
    /// <summary>Expected change in tokens, e.g. +200 to +300.</summary>
    public PercentRange? TokensPercent { get; init; }

    /// <summary>Expected change in latency.</summary>
    public PercentRange? LatencyPercent { get; init; }
}

/// <summary>A range of percentages.</summary>
/// <param name="Min">The low end.</param>
/// <param name="Max">The high end.</param>
public sealed record PercentRange(double Min, double Max);
