using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PatternEngine.Telemetry;

/// <summary>
/// The names to subscribe to for the engine's traces and metrics: one <see cref="ActivitySource"/> and one
/// <see cref="Meter"/>, both named after the library. With the OpenTelemetry SDK:
/// <c>.AddSource(PatternEngineTelemetry.ActivitySourceName)</c> and <c>.AddMeter(PatternEngineTelemetry.MeterName)</c>.
/// Nothing is measured for telemetry while nobody listens. <see cref="TelemetryAttributes"/> names what spans and
/// metrics carry.
/// </summary>
public static class PatternEngineTelemetry
{
    /// <summary>The name of the engine's <see cref="ActivitySource"/>: a span per run, per stage and per model call.</summary>
    public const string ActivitySourceName = "PatternEngine";

    /// <summary>The name of the engine's <see cref="Meter"/>: token usage, call durations, runs, calls and cost.</summary>
    public const string MeterName = "PatternEngine";

    private static readonly string? LibraryVersion = typeof(PatternEngineTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>The source every span of the engine comes from.</summary>
    internal static ActivitySource Source { get; } = new(ActivitySourceName, LibraryVersion);

    /// <summary>The meter every instrument of the engine belongs to.</summary>
    internal static Meter Meter { get; } = new(MeterName, LibraryVersion);
}
