using System.Globalization;

namespace PatternEngine.Selection;

/// <summary>A target a candidate does not meet: what was asked, what it has (null: not measured), and by how much it misses.</summary>
/// <param name="Target">The target's name, as an SLO file writes it (<c>max_latency_p95_ms</c>, …).</param>
/// <param name="Required">The target's value.</param>
/// <param name="Actual">The candidate's figure; null when it was never measured.</param>
public sealed record TargetMiss(string Target, double Required, double? Actual)
{
    /// <summary>Whether the figure is a cost that is unknown because the model has no price (never taken as $0).</summary>
    public bool Unpriced { get; init; }

    /// <summary>How far the figure is on the wrong side of the target; null when it was never measured.</summary>
    public double? Shortfall => Actual is { } actual ? Math.Abs(actual - Required) : null;

    /// <summary>E.g. <c>max_latency_p95_ms: 340 against 200, over by 140</c>, <c>min_accuracy: not measured</c>, or <c>max_cost_usd: unpriced …</c>.</summary>
    public override string ToString() => Actual is { } actual
        ? string.Create(CultureInfo.InvariantCulture,
            $"{Target}: {Format(actual)} against {Format(Required)}, {(Target.StartsWith("min_", StringComparison.Ordinal) ? "short" : "over")} by {Format(Shortfall!.Value)}")
        : Unpriced ? $"{Target}: unpriced (give the model a price in your catalog, --catalog)"
        : $"{Target}: not measured";

    internal static string Format(double value) => value switch
    {
        0 => "0",
        < 0.01 => value.ToString("0.######", CultureInfo.InvariantCulture),
        < 10 => value.ToString("0.###", CultureInfo.InvariantCulture),
        _ => value.ToString("0.#", CultureInfo.InvariantCulture),
    };
}
