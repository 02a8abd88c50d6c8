namespace PatternEngine.Models.Measurement;

/// <summary>
/// Where a call's answer came from. A middleware that answers without the model (the cassette) says so by setting
/// <see cref="PropertyKey"/> in the response's additional properties (or in a failure's <see cref="Exception.Data"/>),
/// together with the recorded latency (<see cref="LatencyKey"/>), so the measurement keeps the original figures
/// instead of timing a lookup.
/// </summary>
public static class CallSource
{
    /// <summary>The key of the additional property that names the source.</summary>
    public const string PropertyKey = "pattern_engine.call_source";

    /// <summary>The model answered during this run.</summary>
    public const string Live = "live";

    /// <summary>A cache answered with what the model said in an earlier run.</summary>
    public const string Cache = "cache";

    /// <summary>A replayed cassette answered; no model was asked.</summary>
    public const string Replay = "replay";

    /// <summary>
    /// The key of the call's latency in milliseconds (a <see cref="double"/>) as a middleware inside the measurement
    /// timed or recorded it; the measurement reports it instead of its own timing, so that a recorded call and its
    /// replay report the same figure.
    /// </summary>
    internal const string LatencyKey = "pattern_engine.latency_ms";

    /// <summary>The key of the call's time to first token in milliseconds (a <see cref="double"/>), likewise, when it was streamed.</summary>
    internal const string TimeToFirstTokenKey = "pattern_engine.ttft_ms";
}
