namespace PatternEngine.Bench.Gates;

/// <summary>What an inconclusive (or unmeasured) threshold does to the gates' outcome.</summary>
public enum InconclusiveGates
{
    /// <summary>It passes: a gate fails only on a miss the bench proves (the default).</summary>
    Pass,

    /// <summary>It fails: a gate passes only on a pass the bench proves.</summary>
    Fail,
}
