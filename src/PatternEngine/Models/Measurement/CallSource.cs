namespace PatternEngine.Models.Measurement;

/// <summary>
/// Where a call's answer came from. A middleware that answers without the model (the cassette) says so by setting
/// <see cref="PropertyKey"/> in the response's additional properties (or in a failure's <see cref="Exception.Data"/>),
/// together with the latency it recorded, so the measurement keeps the original figures instead of timing a lookup.
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

    /// <summary>The key of the recorded call's latency in milliseconds (a <see cref="double"/>), set with a source other than live.</summary>
    internal const string RecordedLatencyKey = "pattern_engine.recorded_latency_ms";

    /// <summary>The key of the recorded call's time to first token in milliseconds (a <see cref="double"/>), when it was streamed.</summary>
    internal const string RecordedTimeToFirstTokenKey = "pattern_engine.recorded_ttft_ms";
}
