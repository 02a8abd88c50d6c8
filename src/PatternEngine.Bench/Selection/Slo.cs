using System.Globalization;

namespace PatternEngine.Selection;

/// <summary>
/// The service-level targets a stage's model must meet on its measured profile; a target left null is not asked for.
/// Per stage: cost is per request (one run of the stage), latency the stage's own.
/// </summary>
public sealed record Slo
{
    /// <summary>The least share of scored runs that must be right (0 to 1).</summary>
    public double? MinAccuracy { get; init; }

    /// <summary>The most the stage's 95th percentile latency may be, in milliseconds.</summary>
    public double? MaxLatencyP95Ms { get; init; }

    /// <summary>The most one request may cost the stage, in US dollars.</summary>
    public double? MaxCostUsd { get; init; }

    /// <summary>The largest share of calls that may fail (0 to 1).</summary>
    public double? MaxErrorRate { get; init; }

    /// <summary>The targets of a mode; rough defaults meant to be overridden by an SLO file.</summary>
    public static Slo For(RoutingMode mode) => mode switch
    {
        RoutingMode.Fast => new() { MaxLatencyP95Ms = 2_000, MaxCostUsd = 0.002, MaxErrorRate = 0.05 },
        RoutingMode.Standard => new() { MinAccuracy = 0.7, MaxLatencyP95Ms = 10_000, MaxCostUsd = 0.01, MaxErrorRate = 0.02 },
        RoutingMode.Thorough => new() { MinAccuracy = 0.9, MaxLatencyP95Ms = 60_000, MaxCostUsd = 0.10, MaxErrorRate = 0.01 },
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>These targets with each one <paramref name="overrides"/> sets in place of its own.</summary>
    public Slo With(Slo overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return new()
        {
            MinAccuracy = overrides.MinAccuracy ?? MinAccuracy,
            MaxLatencyP95Ms = overrides.MaxLatencyP95Ms ?? MaxLatencyP95Ms,
            MaxCostUsd = overrides.MaxCostUsd ?? MaxCostUsd,
            MaxErrorRate = overrides.MaxErrorRate ?? MaxErrorRate,
        };
    }

    /// <summary>The targets in a line, e.g. <c>accuracy ≥ 0.7, p95 ≤ 2000 ms</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (MinAccuracy is { } accuracy)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"accuracy >= {accuracy:0.###}"));
        }

        if (MaxLatencyP95Ms is { } latency)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"p95 <= {latency:0.#} ms"));
        }

        if (MaxCostUsd is { } cost)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"cost <= ${cost:0.######}"));
        }

        if (MaxErrorRate is { } errors)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"errors <= {errors:0.###}"));
        }

        return parts.Count == 0 ? "no targets" : string.Join(", ", parts);
    }
}
