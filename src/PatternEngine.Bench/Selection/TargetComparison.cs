using PatternEngine.Bench;

namespace PatternEngine.Selection;

/// <summary>One SLO target, compared between plan A and plan B on the same cases.</summary>
/// <param name="Target">The target's name, as an SLO file writes it.</param>
/// <param name="A">Plan A's figure.</param>
/// <param name="B">Plan B's figure.</param>
/// <param name="Delta">B against A, with its 95% interval: percent for latency and cost, points for accuracy and errors.</param>
/// <param name="Verdict">Whether B is better, worse, or not distinguishable.</param>
public sealed record TargetComparison(string Target, double? A, double? B, DeltaEstimate? Delta, ComparisonVerdict Verdict)
{
    /// <summary>Whether a cost is missing because a plan's model has no price: unknown, never taken as $0.</summary>
    public bool Unpriced { get; init; }
}
