namespace PatternEngine.Definitions;

/// <summary>How a tournament pairs its candidates.</summary>
public enum BracketKind
{
    /// <summary>Single elimination: n-1 comparisons in ceil(log2 n) rounds.</summary>
    Knockout,

    /// <summary>Every candidate against every other; most wins ranks first.</summary>
    RoundRobin,
}
