namespace PatternEngine.Bench.Gates;

/// <summary>What a threshold's measured interval says about it.</summary>
public enum GateVerdict
{
    /// <summary>The whole interval lies on the right side of the limit.</summary>
    Pass,

    /// <summary>The whole interval lies on the wrong side of the limit: the miss is proven at 95%.</summary>
    Fail,

    /// <summary>The interval straddles the limit: more cases would settle it (see <see cref="GateResult.CasesToSettle"/>).</summary>
    Inconclusive,

    /// <summary>The bench measured nothing to judge (no scored case, no tool call, no fresh run, no baseline to compare).</summary>
    NotMeasured,
}
