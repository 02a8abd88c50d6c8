using PatternEngine.Definitions;

namespace PatternEngine.Bench.Gates;

/// <summary>One threshold of a gate: a metric's name as the gate file writes it, and its limit.</summary>
/// <param name="Name">The threshold's name (<c>min_accuracy</c>, <c>max_latency_p95_ms</c>, …; see <see cref="GateMetric"/>).</param>
/// <param name="Limit">The limit, in the metric's unit.</param>
/// <param name="Location">Where the gate file states it.</param>
public sealed record GateThreshold(string Name, double Limit, SourceLocation Location);
