namespace PatternEngine.Bench.Statistics;

/// <summary>A confidence interval's ends.</summary>
/// <param name="Low">The low end.</param>
/// <param name="High">The high end.</param>
public readonly record struct ConfidenceInterval(double Low, double High);
