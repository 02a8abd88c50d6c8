using Microsoft.Extensions.AI;

namespace PatternEngine.Telemetry;

/// <summary>Adds the engine's telemetry to a chat client pipeline.</summary>
internal static class TelemetryExtensions
{
    /// <summary>
    /// Spans, metrics and log events per model call. Put it just outside the measurement (inside resilience and
    /// streaming), so that it sees each attempt and the record the measurement makes of it.
    /// </summary>
    public static ChatClientBuilder UseTelemetry(this ChatClientBuilder builder, EngineTelemetry telemetry) =>
        builder.Use(inner => new TelemetryChatClient(inner, telemetry));
}
